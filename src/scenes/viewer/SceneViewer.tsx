/**
 * The 3D view: @react-three/fiber canvas rendering on demand (frameloop="demand", capped pixel ratio),
 * the model, orbit controls, auto-framing, BVH picking, hover/selection highlight, live rule colours
 * (applied by mutation from SceneRuntime notifications, not through React) and floating labels / badges.
 */
import { useEffect, useMemo, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import { Canvas, useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { OrbitControls } from '@react-three/drei';
import { Box3, Raycaster, Vector2, Vector3, type Material, type Mesh, type PerspectiveCamera } from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import type { SceneRuntime, ElementState } from '../rules/index.ts';
import type { CameraView, TwinToObjectMapping } from '../model/index.ts';
import { loadModel, type LoadedModel } from './loadModel.ts';
import { combineModels, placeModels } from './combineModels.ts';
import type { SceneModelSource } from '../state/useModelSources.ts';
import { MeshPainter, type ModelStyle } from './MeshPainter.ts';
import { frameBox } from './frameCamera.ts';
import { setTestHook } from './testHook.ts';
import { FrameBudget, isSoftwareWebGL } from './FrameBudget.ts';
import { SelectionOutline } from './SelectionOutline.ts';
import { AsyncFrames } from './AsyncFrames.ts';
import { declutter, type LabelBox } from './declutter.ts';
import { BadgeIcon } from './BadgeIcon.tsx';
import { useRuntimeVersion } from '../state/useRuntimeVersion.ts';

export interface CameraApi {
  getView(): Pick<CameraView, 'position' | 'target'> | null;
  setView(v: Pick<CameraView, 'position' | 'target'>): void;
  frame(meshIds?: string[]): void;
}

export interface SceneViewerProps {
  /** The scene's models (each with its asset transform); all are shown together. */
  sources: SceneModelSource[];
  runtime: SceneRuntime;
  elements: TwinToObjectMapping[];
  /** Meshes highlighted as selected (the element being edited or picked meshes). */
  selectedMeshIds: ReadonlySet<string>;
  style: ModelStyle;
  background: string;
  showLabels: boolean;
  onPickMesh(meshId: string | null, additive: boolean): void;
  onElementClick(elementId: string): void;
  onLoaded(model: LoadedModel | null, error: string | null): void;
  cameraApi: MutableRefObject<CameraApi | null>;
  version: number;
  /** Hide floating labels whose anchor is behind some geometry (default: off). */
  occludeLabels?: boolean;
}

/**
 * Software WebGL renders every pixel on the CPU (in the GPU process; AsyncFrames keeps the main thread from waiting
 * for the render), and the compositor still reads each shown frame back in a main-thread commit: that read-back is
 * the main thread's biggest task left, and it scales with the pixels. Half the CSS resolution: read-back p50 7.7 ms,
 * max 13 ms, against 17 / 29 ms at 0.75 (scenes bench traces, 1,000 boxes).
 */
const SOFTWARE_DPR = 0.5;

const OVERLAY_STYLE = { position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none', zIndex: 20 } as const;
/** Labels start hidden and at the corner: the layout (a frame callback) moves and shows them. */
const LABEL_STYLE = { position: 'absolute', left: 0, top: 0, visibility: 'hidden', pointerEvents: 'auto' } as const;

export function SceneViewer(props: SceneViewerProps) {
  const [webglError, setWebglError] = useState<string | null>(null);
  const software = useMemo(() => isSoftwareWebGL(), []);
  const overlay = useRef<HTMLDivElement>(null);
  const relayout = useRef<() => void>(() => {});
  if (webglError) return <p role="alert" className="scenes-error">3D view unavailable: {webglError}</p>;
  return (
    <div className="scene-viewer" style={{ position: 'absolute', inset: 0 }}>
    <Canvas
      frameloop="demand"
      dpr={software ? SOFTWARE_DPR : [1, 1.5]}
      camera={{ fov: 45, near: 0.01, far: 1000, position: [10, 10, 10] }}
      // Software WebGL (SwiftShader): no MSAA and a reduced pixel ratio — every frame is paid on the main thread there.
      gl={{ antialias: !software }}
      // three-mesh-bvh: stop at the first triangle hit inside a mesh's BVH (picking needs only the nearest).
      raycaster={{ firstHitOnly: true } as never}
      onCreated={({ gl }) => { if (!gl.getContext()) setWebglError('WebGL could not start'); }}
      fallback={<p role="alert" className="scenes-error">3D view unavailable: this browser has no WebGL.</p>}
      style={{ background: props.background }}
      data-testid="scene-canvas"
    >
      <hemisphereLight args={['#ffffff', '#445566', 1.6]} />
      <directionalLight position={[10, 20, 12]} intensity={1.6} />
      <Model {...props} overlay={overlay} relayout={relayout} />
    </Canvas>
    {props.showLabels && <LabelOverlay {...props} overlay={overlay} relayout={relayout} />}
    </div>
  );
}

type WithOverlay = SceneViewerProps & { overlay: RefObject<HTMLDivElement | null> };

function Model(props: WithOverlay & { relayout: MutableRefObject<() => void> }) {
  const { sources, runtime, elements, selectedMeshIds, style, onPickMesh, onLoaded, cameraApi } = props;
  const { camera, gl, invalidate, advance, size, controls } = useThree();
  const [loaded, setLoaded] = useState<{ key: string; models: Map<string, LoadedModel> } | null>(null);
  const target = useRef(new Vector3());

  // Load every model of the scene (in parallel); a transform change re-places them without reloading.
  const key = sources.map((s) => s.key + ('url' in s.source ? s.source.url : s.source.files.map((f) => f.name).join('|'))).join('\n');
  const loadErrors = useRef<string[]>([]);
  const loadStartedAt = useRef(0);
  const firstFrame = useRef<{ loadStartedAt: number; renderedAt: number } | null>(null);
  const paintListeners = useRef(new Set<(elementIds: string[]) => void>());
  const labelState = useRef(new Map<string, LabelState>());
  useEffect(() => {
    let cancelled = false;
    setLoaded(null);
    loadStartedAt.current = performance.now();
    firstFrame.current = null;
    if (!sources.length) { onLoaded(null, null); return; }
    void Promise.all(sources.map(async (s) => ({ s, r: await loadModel(s.source, gl) }))).then((results) => {
      if (cancelled) return;
      const models = new Map<string, LoadedModel>();
      const errors: string[] = [];
      for (const { s, r } of results) {
        if (r.ok) models.set(s.key, r.value);
        else errors.push(sources.length > 1 ? `${s.name}: ${r.error.message}` : r.error.message);
      }
      loadErrors.current = errors;
      if (!models.size) { onLoaded(null, errors.join('; ')); return; }
      setLoaded({ key, models });
    });
    return () => { cancelled = true; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const model = useMemo(() => {
    if (!loaded) return null;
    return combineModels(sources.filter((s) => loaded.models.has(s.key)).map((s) => ({ model: loaded.models.get(s.key)!, transform: s.transform, key: s.key })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  // Plain opaque meshes are drawn in a few batches (one draw call per material): see ModelBatch.
  const painter = useMemo(() => (model ? new MeshPainter(model.meshes, { batch: true }) : null), [model]);
  useEffect(() => () => painter?.dispose(), [painter]);
  const placementKey = JSON.stringify(sources.map((s) => s.transform ?? null));
  useEffect(() => {
    if (!model) return;
    placeModels(model, new Map(sources.map((s) => [s.key, s.transform])));
    painter?.placed();
    invalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, painter, placementKey]);
  useEffect(() => {
    if (model) onLoaded(model, loadErrors.current.length ? loadErrors.current.join('; ') : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model]);

  // The render itself (R3F leaves rendering to a priority-1 frame callback): timed, for the frame budget and the bench.
  const renderStats = useRef({ frames: 0, totalMs: 0, maxMs: 0, lastMs: 0 });
  // Live frames are paced by the main-thread cost of the last frame (render + the commit after it, measured up to
  // the next task: a message posted right after the render).
  const asyncFrames = useRef<AsyncFrames | null>(null);
  // While an off-screen frame is in flight, a live frame asked for now would only be put off (and still run the
  // frame callbacks — label layout — for nothing): ask AsyncFrames for one after the frame in flight instead.
  const budget = useMemo(() => new FrameBudget(() => {
    const a = asyncFrames.current;
    if (a?.deferring) a.defer();
    else invalidate();
  }), [invalidate]);
  useEffect(() => { props.relayout.current = () => budget.request(); }, [props.relayout, budget]);
  const afterFrame = useMemo(() => new MessageChannel(), []);
  useEffect(() => () => afterFrame.port1.close(), [afterFrame]);
  // Software WebGL: frames rendered off screen and shown when the GPU process has finished them (AsyncFrames), so
  // the main thread never waits for a render. Made in an effect (StrictMode runs effects twice on one instance).
  const frameListeners = useRef(new Set<(shownAt: number, renderedFrom: number) => void>());
  useEffect(() => {
    if (!isSoftwareWebGL() || !AsyncFrames.supported(gl)) return;
    const a = new AsyncFrames(gl, () => advance(performance.now(), true));
    a.onShown = (shownAt, renderedFrom) => { for (const l of frameListeners.current) l(shownAt, renderedFrom); };
    asyncFrames.current = a;
    invalidate();
    return () => { a.dispose(); if (asyncFrames.current === a) asyncFrames.current = null; };
  }, [gl, invalidate, advance]);
  useFrame(({ gl: renderer, scene, camera: cam }) => {
    const t0 = performance.now();
    const a = asyncFrames.current;
    if (a) a.render(scene, cam);
    else renderer.render(scene, cam);
    const end = performance.now();
    const ms = end - t0;
    const st = renderStats.current;
    st.frames++; st.totalMs += ms; st.lastMs = ms; st.maxMs = Math.max(st.maxMs, ms);
    if (!a) for (const l of frameListeners.current) l(end, t0);
    afterFrame.port1.onmessage = () => { const done = performance.now(); budget.frameDone(done - t0, done); };
    afterFrame.port2.postMessage(0);
  }, 1);

  // Time to first frame: useFrame runs just before R3F renders, in the same task; a microtask queued here runs
  // once the frame was drawn (off screen: once it is on the canvas). A one-pixel read waits for the GPU
  // (SwiftShader) to finish it.
  useFrame(() => {
    if (!model || firstFrame.current) return;
    firstFrame.current = { loadStartedAt: loadStartedAt.current, renderedAt: 0 };
    const record = firstFrame.current;
    const done = () => {
      const ctx = gl.getContext();
      ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, new Uint8Array(4));
      record.renderedAt = performance.now();
    };
    if (asyncFrames.current) asyncFrames.current.whenShown(done);
    else queueMicrotask(done);
  });

  // Frame once per model
  useEffect(() => {
    if (!model) return;
    const cam = camera as PerspectiveCamera;
    frameBox(cam, model.box, target.current);
    const c = controls as unknown as OrbitControlsImpl | null;
    if (c) { c.target.copy(target.current); c.update(); }
    invalidate();
  }, [model, camera, controls, invalidate]);

  // Camera API for the panels (views, fly to element)
  useEffect(() => {
    cameraApi.current = {
      getView() {
        const c = controls as unknown as OrbitControlsImpl | null;
        return { position: camera.position.toArray() as [number, number, number], target: (c?.target ?? target.current).toArray() as [number, number, number] };
      },
      setView(v) {
        camera.position.fromArray(v.position);
        const c = controls as unknown as OrbitControlsImpl | null;
        if (c) { c.target.fromArray(v.target); c.update(); } else camera.lookAt(new Vector3().fromArray(v.target));
        invalidate();
      },
      frame(meshIds) {
        if (!model) return;
        const box = new Box3();
        for (const id of meshIds ?? []) { const m = model.meshes.get(id); if (m) box.expandByObject(m); }
        const cam = camera as PerspectiveCamera;
        frameBox(cam, box.isEmpty() ? model.box : box, target.current, camera.position.clone().sub(target.current));
        const c = controls as unknown as OrbitControlsImpl | null;
        if (c) { c.target.copy(target.current); c.update(); }
        invalidate();
      },
    };
  }, [cameraApi, camera, controls, model, invalidate]);

  // Style and selection
  useEffect(() => { painter?.setStyle(style); invalidate(); }, [painter, style, invalidate]);
  useEffect(() => { painter?.setFlag('selected', selectedMeshIds); invalidate(); }, [painter, selectedMeshIds, invalidate]);
  const outline = useMemo(() => (model ? new SelectionOutline(model.meshes) : null), [model]);
  useEffect(() => () => outline?.dispose(), [outline]);
  useEffect(() => { outline?.set(selectedMeshIds); invalidate(); }, [outline, selectedMeshIds, invalidate]);

  // Live colours: paint all once, then only what the runtime reports as changed.
  useEffect(() => {
    if (!painter) return;
    const byId = new Map(elements.map((e) => [e.id, e]));
    // Elements with several matching colours cycle through them every 2 s (as ADT's viewer does).
    const cycling = new Set<string>();
    let tick = 0;
    const paint = (ids: Iterable<string>) => {
      const list = paintListeners.current.size ? [...ids] : null;
      for (const id of list ?? ids) {
        const el = byId.get(id);
        if (!el) continue;
        const colors = runtime.state(id)?.colorings ?? [];
        if (colors.length > 1) cycling.add(id);
        else cycling.delete(id);
        painter.setRuleColor(el.objectIDs, colors.length ? colors[tick % colors.length].color : null);
      }
      budget.request();
      if (list) for (const l of paintListeners.current) l(list);
    };
    // Meshes no longer in any element lose their colour.
    const bound = new Set(elements.flatMap((e) => e.objectIDs));
    painter.setRuleColor([...(model?.meshes.keys() ?? [])].filter((m) => !bound.has(m)), null);
    paint(byId.keys());
    const timer = setInterval(() => {
      if (!cycling.size) return;
      tick++;
      paint([...cycling]);
    }, 2000);
    const off = runtime.subscribe(paint);
    return () => { off(); clearInterval(timer); };
  }, [painter, runtime, elements, model, budget]);

  // Test hook
  useEffect(() => {
    if (!model || !painter) return;
    const raycaster = new Raycaster();
    (raycaster as Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true;
    const ndc = new Vector2();
    setTestHook({
      ready: true,
      meshIds: () => [...model.meshes.keys()],
      meshColor: (id) => painter.colorOf(id),
      ruleColor: (id) => painter.ruleColorOf(id),
      twin: (id) => runtime.twin(id),
      onPaint(listener) {
        paintListeners.current.add(listener);
        return () => { paintListeners.current.delete(listener); };
      },
      renderStats: () => ({ ...renderStats.current, async: !!asyncFrames.current }),
      onFrame(listener) {
        frameListeners.current.add(listener);
        return () => { frameListeners.current.delete(listener); };
      },
      outlined: () => outline?.outlined() ?? [],
      labelLayout: () => [...labelState.current.values()],
      firstFrame: () => (firstFrame.current?.renderedAt ? { ...firstFrame.current } : null),
      pick(x, y) {
        const rect = gl.domElement.getBoundingClientRect();
        ndc.set(((x - rect.left) / rect.width) * 2 - 1, -((y - rect.top) / rect.height) * 2 + 1);
        raycaster.setFromCamera(ndc, camera);
        const hit = raycaster.intersectObject(model.root, true)[0];
        return (hit?.object.userData.meshId as string | undefined) ?? null;
      },
      screenPoint(id) {
        const mesh = model.meshes.get(id);
        if (!mesh) return null;
        const rect = gl.domElement.getBoundingClientRect();
        const box = new Box3().setFromObject(mesh);
        const pts: Vector3[] = [];
        const c = box.getCenter(new Vector3());
        pts.push(c);
        for (let i = 0; i < 60; i++) {
          pts.push(new Vector3(
            box.min.x + ((i * 0.618) % 1) * (box.max.x - box.min.x),
            box.min.y + ((i * 0.414) % 1) * (box.max.y - box.min.y),
            box.min.z + ((i * 0.732) % 1) * (box.max.z - box.min.z),
          ));
        }
        for (const p of pts) {
          const v = p.clone().project(camera);
          if (Math.abs(v.x) > 0.98 || Math.abs(v.y) > 0.98) continue;
          ndc.set(v.x, v.y);
          raycaster.setFromCamera(ndc, camera);
          const hit = raycaster.intersectObject(model.root, true)[0];
          if (hit?.object === mesh) return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
        }
        return null;
      },
    });
    return () => setTestHook(undefined);
  }, [model, painter, camera, gl, runtime, outline]);

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    const id = (e.object as Mesh).userData.meshId as string | undefined;
    onPickMesh(id ?? null, e.shiftKey || e.ctrlKey || e.metaKey);
  };
  const hovered = useRef<string | null>(null);
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const id = ((e.object as Mesh).userData.meshId as string | undefined) ?? null;
    if (id === hovered.current || !painter) return;
    hovered.current = id;
    painter.setFlag('hover', new Set(id ? [id] : []));
    gl.domElement.style.cursor = id ? 'pointer' : '';
    invalidate();
  };
  const onOut = () => {
    if (!painter || hovered.current === null) return;
    hovered.current = null;
    painter.setFlag('hover', new Set());
    gl.domElement.style.cursor = '';
    invalidate();
  };

  void size;
  return (
    <>
      <OrbitControls makeDefault enableDamping={false} />
      {model && (
        <primitive object={model.root} onClick={onClick} onPointerMove={onMove} onPointerOut={onOut} onPointerMissed={() => onPickMesh(null, false)} />
      )}
      {painter?.batch && <primitive object={painter.batch.root} />}
      {model && props.showLabels && (
        <LabelLayout model={model} painter={painter} elements={elements} overlay={props.overlay} version={props.version} occlude={!!props.occludeLabels} budget={budget} state={labelState} style={style} />
      )}
    </>
  );
}

const MAX_LABELS = 100;
/** Occlusion raycasts per frame (round robin over the labels): bounded work per frame on big models. */
const OCCLUSION_RAYS_PER_FRAME = 12;

export interface LabelState {
  elementId: string;
  shown: boolean;
  reason: 'offscreen' | 'overlap' | 'occluded' | null;
  /** The mesh that hides an occluded label. */
  by?: string;
}

/** The labels as DOM, over the canvas (outside R3F: cheap absolute boxes the layout moves by mutation). */
function LabelOverlay({ runtime, elements, version, onElementClick, overlay, relayout }: WithOverlay & { relayout: RefObject<() => void> }) {
  void version;
  // The labels follow the rules every frame, by themselves (the panels around the view update less often).
  const live = useRuntimeVersion(runtime);
  // New texts change the labels' sizes: lay them out again (a budgeted frame).
  useEffect(() => { relayout.current(); }, [live, relayout]);
  // At most MAX_LABELS, alerts (badges) first; the layout declutters what remains on screen.
  const shown = elements
    .map((e) => ({ e, s: runtime.state(e.id) }))
    .filter((x): x is { e: TwinToObjectMapping; s: ElementState } => !!x.s && (x.s.labels.length > 0 || x.s.badges.length > 0))
    .sort((a, b) => b.s.badges.length - a.s.badges.length)
    .slice(0, MAX_LABELS);
  return (
    <div ref={overlay} className="scene-labels" style={OVERLAY_STYLE}>
      {shown.map(({ e, s }) => (
        <button key={e.id} type="button" className="scene-label" data-testid="scene-label" data-element-id={e.id} data-priority={s.badges.length}
          style={LABEL_STYLE} onClick={() => onElementClick(e.id)} title={s.badges.map((b) => b.label).join('\n')}>
          {s.badges.map((b) => <BadgeIcon key={b.conditionId} name={b.iconName} color={b.color} />)}
          {s.labels.map((l) => <span key={l.id}>{l.text}</span>)}
        </button>
      ))}
    </div>
  );
}

/**
 * Places the overlay's labels every rendered frame: projects each element's anchor (top centre of its meshes'
 * box), drops those off screen or (optionally) occluded, declutters the rest (no two overlap) and moves them.
 */
function LabelLayout({ model, painter, elements, overlay, version, occlude, budget, state, style }: {
  model: LoadedModel; painter: MeshPainter | null; elements: TwinToObjectMapping[]; overlay: RefObject<HTMLDivElement | null>; version: number; occlude: boolean; style: ModelStyle;
  budget: FrameBudget; state: MutableRefObject<Map<string, LabelState>>;
}) {
  const { camera, size, invalidate } = useThree();
  const anchors = useMemo(() => {
    const out = new Map<string, Vector3>();
    for (const e of elements) {
      const box = new Box3();
      for (const id of e.objectIDs) { const m = model.meshes.get(id); if (m) box.expandByObject(m); }
      if (!box.isEmpty()) out.set(e.id, new Vector3((box.min.x + box.max.x) / 2, box.max.y, (box.min.z + box.max.z) / 2));
    }
    return out;
  }, [model, elements]);
  const boundMeshes = useMemo(() => new Set(elements.flatMap((e) => e.objectIDs)), [elements]);
  // New or changed labels need a layout: a (budgeted) frame.
  useEffect(() => { budget.request(); }, [version, budget, occlude]);
  const occluded = useRef(new Map<string, string | null>());
  const sweep = useRef({ next: 0, cameraKey: '' });
  const raycaster = useMemo(() => { const r = new Raycaster(); (r as Raycaster & { firstHitOnly?: boolean }).firstHitOnly = true; return r; }, []);
  // A style change (opaque <-> see-through) changes what hides what: sweep again.
  useEffect(() => { sweep.current.cameraKey = ''; budget.request(); }, [style, budget]);
  const v = useMemo(() => new Vector3(), []);

  useFrame(() => {
    const host = overlay.current;
    if (!host) return;
    const nodes = [...host.children] as HTMLElement[];
    const boxes: LabelBox[] = [];
    const byId = new Map<string, HTMLElement>();
    const next = new Map<string, LabelState>();
    camera.updateMatrixWorld();
    const camPos = camera.getWorldPosition(new Vector3());
    // Occlusion: a bounded number of rays per frame, restarted when the camera moves; more frames until done.
    const cameraKey = occlude ? camera.matrixWorld.elements.map((x) => x.toFixed(4)).join(',') : '';
    if (cameraKey !== sweep.current.cameraKey) { sweep.current = { next: 0, cameraKey }; }
    let rays = 0;
    nodes.forEach((el, i) => {
      const id = el.dataset.elementId ?? '';
      const a = anchors.get(id);
      if (!a) { el.style.visibility = 'hidden'; next.set(id, { elementId: id, shown: false, reason: 'offscreen' }); return; }
      v.copy(a).project(camera);
      const offscreen = v.z > 1 || v.z < -1 || Math.abs(v.x) > 1.05 || Math.abs(v.y) > 1.05;
      if (offscreen) { el.style.visibility = 'hidden'; next.set(id, { elementId: id, shown: false, reason: 'offscreen' }); return; }
      if (occlude) {
        if (i >= sweep.current.next && rays < OCCLUSION_RAYS_PER_FRAME) {
          const dir = a.clone().sub(camPos);
          const dist = dir.length();
          raycaster.set(camPos, dir.normalize());
          raycaster.far = dist;
          // Hidden when an opaque surface of the model lies between the eye and the anchor: walls, slabs, roofs —
          // not the bound elements themselves (rooms do not hide each other's labels), not see-through styles.
          const blocker = raycaster.intersectObject(model.root, true).find((h) => {
            if (h.distance >= dist * 0.995) return false;
            const hitId = h.object.userData.meshId as string | undefined;
            if (hitId && boundMeshes.has(hitId)) return false;
            const mat = (h.object as Mesh).material;
            // (A mesh the batch draws has its own material hidden: it is on screen all the same.)
            const drawn = painter?.batched(h.object as Mesh) ?? false;
            return (Array.isArray(mat) ? mat : [mat]).some((m) => (m.visible || drawn) && m.opacity >= 0.99 && !(m as Material & { wireframe?: boolean }).wireframe);
          });
          occluded.current.set(id, blocker ? String(blocker.object.userData.meshId ?? blocker.object.name ?? blocker.object.type) : null);
          rays++;
          sweep.current.next = i + 1;
        }
        const by = occluded.current.get(id);
        if (by) { el.style.visibility = 'hidden'; next.set(id, { elementId: id, shown: false, reason: 'occluded', by }); return; }
      }
      byId.set(id, el);
      boxes.push({ id, x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height, w: el.offsetWidth, h: el.offsetHeight, priority: Number(el.dataset.priority ?? 0) * 1000 - v.z });
    });
    if (occlude && sweep.current.next < nodes.length) invalidate();
    for (const p of declutter(boxes)) {
      const el = byId.get(p.id)!;
      if (p.shown) {
        el.style.transform = `translate(${Math.round(p.left)}px, ${Math.round(p.top)}px)`;
        el.style.visibility = 'visible';
      } else el.style.visibility = 'hidden';
      next.set(p.id, { elementId: p.id, shown: p.shown, reason: p.shown ? null : 'overlap' });
    }
    state.current = next;
  });
  return null;
}
