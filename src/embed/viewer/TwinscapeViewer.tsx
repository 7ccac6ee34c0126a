/**
 * The embedded viewer as a React component (the React export, and what the web component renders):
 * a read-only view of one scene of a package, drawn by the studio's own SceneViewer with the studio's
 * SceneRuntime (one rendering and rule code path for studio and embed). Twin data comes from a LiveTwins
 * store (package snapshot + live sources + updateTwin); nothing here can write a twin or a scene.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { SceneViewer, sceneRules, type SceneViewerProps, type CameraApi, type LoadedModel, type ModelSource, type sceneModel } from '../../scenes/index.ts';
import type { EmbedError } from '../errors.ts';
import type { ElementDetail, InspectElement, ReadyDetail, TwinscapeViewerProps as PublicProps } from '../api.ts';

export type { ElementDetail, InspectElement, ReadyDetail };
import { LiveTwins } from '../live/index.ts';
import { loadSource, type LoadedSource } from './loadSource.ts';
import { packageAssetFiles } from '../package/index.ts';
import { elementMeshAt, screenPointOf } from './picking.ts';
import { THEMES } from './styles.ts';


export interface ViewerHandle {
  state(): 'empty' | 'loading' | 'ready' | 'error';
  inspect(): { sceneId: string | null; view: { position: number[]; target: number[] } | null; elements: InspectElement[] };
  screenPoint(elementId: string): { x: number; y: number } | null;
  scenes(): Array<{ id: string; displayName: string }>;
}

/** The public props (api.ts) and what the web component and the iframe page pass besides. */
export interface TwinscapeViewerProps extends PublicProps {
  /** Twin data store; one is created when not given. */
  twins?: LiveTwins;
  /** Set on the package's allowed origins once it is read (the iframe page uses them). */
  onPackage?(loaded: LoadedSource): void;
  handle?: MutableRefObject<ViewerHandle | null>;
}

const norm = (c: string | null | undefined) => (c ? c.toLowerCase() : null);

export function TwinscapeViewer(props: TwinscapeViewerProps) {
  const { src, onError, onPackage } = props;
  const [loaded, setLoaded] = useState<LoadedSource | null>(null);
  const [error, setError] = useState<EmbedError | null>(null);
  const ownTwins = useMemo(() => new LiveTwins(), []);
  const twins = props.twins ?? ownTwins;
  const report = useRef(onError);
  report.current = onError;
  const pkgReport = useRef(onPackage);
  pkgReport.current = onPackage;

  useEffect(() => {
    setLoaded(null);
    setError(null);
    if (src === null || src === undefined || src === '') return;
    const ac = new AbortController();
    void loadSource(src, ac.signal).then((r) => {
      if (ac.signal.aborted) return;
      if (!r.ok) { setError(r.error); report.current?.(r.error); return; }
      // The snapshot fills in twins the host has not given already (host data wins).
      const fresh = r.value.pkg.twins.filter((t) => !twins.get(t.$dtId as string));
      if (fresh.length) twins.apply(fresh.map((t) => ({ type: 'Microsoft.DigitalTwins.Twin.Create', subject: t.$dtId as string, data: t })), 'snapshot');
      setLoaded(r.value);
      pkgReport.current?.(r.value);
    });
    return () => ac.abort();
  }, [src, twins]);

  if (error) return <div className={props.className}><p role="alert" className="tv-status tv-error" data-error-code={error.code}>{error.message}</p></div>;
  if (!loaded) return <div className={props.className}>{src ? <p className="tv-status" role="status">Loading scene…</p> : null}</div>;
  return <LoadedViewer {...props} loaded={loaded} twins={twins} onError={(e) => { setError(e); report.current?.(e); }} />;
}

function LoadedViewer(props: TwinscapeViewerProps & { loaded: LoadedSource; twins: LiveTwins; onError(e: EmbedError): void }) {
  const { loaded, twins, onError } = props;
  const config = loaded.pkg.document.configuration;
  const scene = useMemo(() => {
    const want = props.scene;
    return want ? config.scenes.find((s) => s.id === want) ?? config.scenes.find((s) => s.displayName === want) ?? null : config.scenes[0] ?? null;
  }, [config, props.scene]);
  const errorRef = useRef(onError);
  errorRef.current = onError;
  useEffect(() => {
    if (!scene) errorRef.current({ code: 'SceneNotFound', message: props.scene ? `The package has no scene "${props.scene}". Scenes: ${config.scenes.map((s) => `${s.displayName} (${s.id})`).join(', ') || 'none'}.` : 'The package has no scene.' });
  }, [scene, props.scene, config]);

  const elements = useMemo(() => (scene ? sceneRules.elementsOf(scene) : []), [scene]);
  const layerKey = props.layers ? props.layers.join('\u0000') : null;
  const visible = useMemo(() => {
    if (layerKey === null) return null;
    const wanted = new Set(layerKey ? layerKey.split('\u0000') : []);
    const ids = config.layers.filter((l) => wanted.has(l.id) || wanted.has(l.displayName)).map((l) => l.id);
    if (wanted.has(sceneRules.DEFAULT_LAYER_ID) || wanted.has('default')) ids.push(sceneRules.DEFAULT_LAYER_ID);
    return new Set(ids);
  }, [layerKey, config.layers]);

  const runtime = useMemo(() => {
    const rt = new sceneRules.SceneRuntime(config, scene?.id ?? '', visible);
    rt.setTwins(twins.all());
    return rt;
  }, [config, scene, visible, twins]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    const bump = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; setVersion((v) => v + 1); }); };
    const offRt = runtime.subscribe(bump);
    const offTwins = twins.subscribe((events) => runtime.applyEvents(events));
    return () => { offRt(); offTwins(); if (frame) cancelAnimationFrame(frame); };
  }, [runtime, twins]);

  // Every asset of the scene, with its transform: bytes from the package, or a URL relative to the package.
  const sources = useMemo(() => (scene?.assets ?? []).flatMap((a) => {
    const source = assetSource(a.url, loaded);
    return source ? [{ key: a.url, source, name: a.extensionProperties?.twinscape?.name ?? a.url, transform: a.extensionProperties?.twinscape?.transform }] : [];
  }), [scene, loaded]);

  const [model, setModel] = useState<LoadedModel | null>(null);
  const cameraApi = useRef<CameraApi | null>(null);
  const container = useRef<HTMLDivElement | null>(null);
  const meshOwner = useMemo(() => {
    const m = new Map<string, sceneModel.TwinToObjectMapping>();
    for (const e of elements) for (const id of e.objectIDs) if (!m.has(id)) m.set(id, e);
    return m;
  }, [elements]);
  const selected = elements.find((e) => e.id === props.selectedElement) ?? null;
  const selectedMeshIds = useMemo(() => new Set(selected?.objectIDs ?? []), [selected]);

  const detailOf = useCallback((el: sceneModel.TwinToObjectMapping, meshId: string | null): ElementDetail => {
    const t = twins.get(el.primaryTwinID);
    return { elementId: el.id, displayName: el.displayName, twinId: el.primaryTwinID, meshId, twin: t ? structuredClone(t) : null };
  }, [twins]);

  const cb = useRef(props);
  cb.current = props;
  const style = props.modelStyle ?? 'transparent';
  const seeThrough = style !== 'original';
  // Mesh clicks are picked here (elementMeshAt), not by SceneViewer's nearest-mesh pick: see picking.ts.
  const onPickMesh = useCallback(() => {}, []);
  const onLabelClick = useCallback((elementId: string) => {
    const el = elements.find((e) => e.id === elementId);
    if (el) cb.current.onElementClick?.(detailOf(el, null));
  }, [elements, detailOf]);
  const onLoaded = useCallback((m: LoadedModel | null, err: string | null) => {
    setModel(m);
    if (err) errorRef.current({ code: 'ModelFailed', message: `The 3D model could not be shown: ${err}` });
  }, []);

  // Saved camera view (children's effects run first, so this wins over the automatic framing).
  const views = scene?.assets[0]?.extensionProperties?.twinscape?.cameraViews ?? [];
  const view = props.camera ? views.find((v) => v.id === props.camera || v.name === props.camera) : undefined;
  useEffect(() => { if (model && view) cameraApi.current?.setView(view); }, [model, view]);
  // Selected element: fly to it.
  useEffect(() => { if (model && selected) cameraApi.current?.frame(selected.objectIDs); }, [model, selected]);

  // Ready once the model is in the scene graph and a frame has been drawn.
  const ready = useRef(false);
  useEffect(() => {
    ready.current = false;
    if (!model || !scene) return;
    let f2 = 0;
    const f1 = requestAnimationFrame(() => { f2 = requestAnimationFrame(() => {
      ready.current = true;
      cb.current.onReady?.({ sceneId: scene.id, sceneName: scene.displayName, elements: elements.length, meshes: model.meshes.size });
    }); });
    return () => { cancelAnimationFrame(f1); cancelAnimationFrame(f2); };
  }, [model, scene, elements.length]);

  // Hover and click: the element under the pointer (raycast on the same camera).
  useEffect(() => {
    const div = container.current;
    if (!div || !model) return;
    let hovered: string | null = null;
    let frame = 0;
    let last: PointerEvent | null = null;
    let down: { x: number; y: number } | null = null;
    const isElementMesh = (id: string) => meshOwner.has(id);
    const pick = (e: { clientX: number; clientY: number }) => {
      const canvas = div.querySelector('canvas');
      const v = cameraApi.current?.getView();
      if (!canvas || !v) return null;
      return elementMeshAt(model.root, v, canvas.getBoundingClientRect(), e.clientX, e.clientY, isElementMesh, seeThrough);
    };
    const onDown = (e: PointerEvent) => { down = { x: e.clientX, y: e.clientY }; };
    const onClick = (e: MouseEvent) => {
      if ((e.target as Element | null)?.closest?.('.scene-label')) return; // labels report their own clicks
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return; // a drag, not a click
      const meshId = pick(e);
      const el = meshId ? meshOwner.get(meshId) : undefined;
      if (el) cb.current.onElementClick?.(detailOf(el, meshId));
    };
    const check = () => {
      frame = 0;
      if (!last) return;
      const meshId = pick(last);
      const el = meshId ? meshOwner.get(meshId) ?? null : null;
      if ((el?.id ?? null) === hovered) return;
      hovered = el?.id ?? null;
      cb.current.onElementHover?.(el ? detailOf(el, meshId) : null);
    };
    const onMove = (e: PointerEvent) => { last = e; if (!frame) frame = requestAnimationFrame(check); };
    const onLeave = () => { if (hovered) { hovered = null; cb.current.onElementHover?.(null); } };
    div.addEventListener('pointermove', onMove);
    div.addEventListener('pointerleave', onLeave);
    div.addEventListener('pointerdown', onDown);
    div.addEventListener('click', onClick);
    return () => {
      div.removeEventListener('pointermove', onMove); div.removeEventListener('pointerleave', onLeave);
      div.removeEventListener('pointerdown', onDown); div.removeEventListener('click', onClick);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [model, meshOwner, detailOf, seeThrough]);

  // controls="off": drags and wheel never reach the orbit controls; clicks and hover still do.
  const controls = props.controls !== false;
  useEffect(() => {
    const div = container.current;
    if (!div || controls) return;
    const stopDrag = (e: PointerEvent) => { if (e.buttons) e.stopPropagation(); };
    const stop = (e: Event) => { e.stopPropagation(); };
    div.addEventListener('pointermove', stopDrag, true);
    div.addEventListener('wheel', stop, true);
    div.addEventListener('touchmove', stop, true);
    return () => { div.removeEventListener('pointermove', stopDrag, true); div.removeEventListener('wheel', stop, true); div.removeEventListener('touchmove', stop, true); };
  }, [controls]);

  // Handle (the element's inspect() and the e2e tests read the scene graph through it).
  useEffect(() => {
    if (!props.handle) return;
    props.handle.current = {
      state: () => (model && ready.current ? 'ready' : 'loading'),
      scenes: () => config.scenes.map((s) => ({ id: s.id, displayName: s.displayName })),
      inspect: () => ({
        sceneId: scene?.id ?? null,
        view: cameraApi.current?.getView() ?? null,
        elements: elements.map((e) => {
          const s = runtime.state(e.id);
          const mesh = model?.meshes.get(e.objectIDs[0]);
          const mat = mesh && ((Array.isArray(mesh.material) ? mesh.material[0] : mesh.material) as { color?: { getHexString(): string } });
          return {
            id: e.id, displayName: e.displayName, twinId: e.primaryTwinID,
            ruleColor: norm(s?.colorings[0]?.color), meshColor: mat?.color ? '#' + mat.color.getHexString() : null,
            labels: s?.labels.map((l) => l.text) ?? [],
          };
        }),
      }),
      screenPoint: (elementId) => {
        const el = elements.find((e) => e.id === elementId);
        const canvas = container.current?.querySelector('canvas');
        const v = cameraApi.current?.getView();
        if (!el || !model || !canvas || !v) return null;
        const meshes = el.objectIDs.map((id) => model.meshes.get(id)).filter((m): m is NonNullable<typeof m> => !!m);
        return screenPointOf(model.root, meshes, v, canvas.getBoundingClientRect(), (id) => meshOwner.has(id), seeThrough);
      },
    };
  }, [props.handle, model, scene, elements, runtime, config, meshOwner, seeThrough]);

  if (!scene) return <div className={props.className}><p role="alert" className="tv-status tv-error">No such scene.</p></div>;
  const background = THEMES[props.theme ?? 'dark'] ?? props.theme ?? THEMES.dark;
  return (
    <div ref={container} className={props.className} style={{ width: '100%', height: '100%', position: 'relative' }} data-scene-id={scene.id} data-model-state={model ? 'ready' : 'loading'}>
      {!model && <p className="tv-status" role="status">Loading model…</p>}
      <SceneViewer
        {...modelProps(sources)} runtime={runtime} elements={elements} selectedMeshIds={selectedMeshIds}
        style={style} background={background} showLabels={props.labels !== false}
        onPickMesh={onPickMesh} onElementClick={onLabelClick} onLoaded={onLoaded} cameraApi={cameraApi} version={version}
      />
    </div>
  );
}

function assetSource(url: string, loaded: LoadedSource): ModelSource | null {
  const files = packageAssetFiles(loaded.pkg, url);
  if (files) {
    // The main file, then (a multi-file glTF) its .bin and textures, which the loader finds by file name.
    const name = (url.split(/[?#:]/).filter(Boolean).pop()?.split('/').pop() || 'model.glb').replace(/[^A-Za-z0-9._-]/g, '_');
    const main = new File([files[0].bytes as Uint8Array<ArrayBuffer>], /\.(glb|gltf)$/i.test(name) ? name : `${name}.glb`);
    return { files: [main, ...files.slice(1).map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name.split('/').pop() ?? f.name))] };
  }
  try {
    return { url: new URL(url, loaded.baseUrl).href };
  } catch {
    return null;
  }
}

type ModelProps = Pick<SceneViewerProps, keyof SceneViewerProps & ('source' | 'sources')>;
/**
 * SceneViewer takes the scene's models as `sources` (all assets, with transforms); until every checkout has that
 * version, the first model is also given as the earlier single `source` prop (ignored by the new viewer).
 */
function modelProps(sources: Array<{ key: string; source: ModelSource; name: string; transform?: unknown }>): ModelProps {
  return { sources, source: sources[0]?.source ?? null } as unknown as ModelProps;
}
