/**
 * The 3D scene studio at /scenes: scene list, viewer, elements, element/behavior builder, inspector,
 * import/export, undo/redo, layers, camera views, model styles and a simulator that patches the bound twins.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { engine, onEngineEvents, useEngineStatus } from '../../app/engine/index.ts';
import { useTimeTravel } from '../../app/timeTravel/index.ts';
import { exportAdtScenesConfig } from '../adt/index.ts';
import { saveCameraView, scenesWithTwin, updateScene, type SceneDocument, type TwinToObjectMapping } from '../model/index.ts';
import { DEFAULT_LAYER_ID, elementsOf } from '../rules/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';
import { useSceneRuntime } from '../state/useSceneRuntime.ts';
import { SceneViewer, type CameraApi } from '../viewer/SceneViewer.tsx';
import type { LoadedModel } from '../viewer/loadModel.ts';
import { startScenePersistence, sceneCall } from '../state/scenePersistenceClient.ts';
import { isStoredAsset, loadStoredAssetFiles, storeModelFiles } from '../state/sceneAssets.ts';
import { resolveAssetUrl, useModelSources } from '../state/useModelSources.ts';
import type { ModelStyle } from '../viewer/MeshPainter.ts';
import { importDocument } from './importDocument.ts';
import { packageModelFiles, readScenePackage, writeScenePackage, type PackageModel } from '../package/index.ts';
import { downloadBytes, downloadJson, packageBaseName, readJsonFile } from './files.ts';
import { ShareDialog } from './ShareDialog.tsx';
import { SceneList } from './SceneList.tsx';
import { ElementsPanel } from './ElementsPanel.tsx';
import { ElementEditor, type ElementDraft } from './ElementEditor.tsx';
import { BehaviorEditor } from './BehaviorEditor.tsx';
import { Inspector } from './Inspector.tsx';
import { BulkBind } from './BulkBind.tsx';
import { ModelsPanel } from './ModelsPanel.tsx';
import { useTwinIds } from './useTwinIds.ts';
import { installDemoScenes } from '../demo/installDemoScenes.ts';
import './scenes.css';

// Hook for bench/scenes.bench.ts (headless Chromium): the engine door and the studio's store the view uses.
(globalThis as { __twinscapeScenesBench?: unknown }).__twinscapeScenesBench = { engine, onEngineEvents, store: useSceneStore };

const BACKGROUNDS: Record<string, string> = {
  dark: 'linear-gradient(#1d2733, #0d1117)', grey: 'linear-gradient(#5b6470, #2c333d)', light: 'linear-gradient(#f4f7fb, #cfd8e3)',
};
export function ScenesView() {
  const doc = useSceneStore((s) => s.doc);
  const sceneId = useSceneStore((s) => s.sceneId);
  const initialised = useSceneStore((s) => s.initialised);
  const loaded = useSceneStore((s) => s.loaded);
  const saveState = useSceneStore((s) => s.saveState);
  const saveError = useSceneStore((s) => s.saveError);
  const { replace, undo, redo, edit } = useSceneStore.getState();
  const canUndo = useSceneStore((s) => s.past.length > 0);
  const canRedo = useSceneStore((s) => s.future.length > 0);
  const status = useEngineStatus();
  const [notice, setNotice] = useState<string | null>(null);

  // The stored document (engine scene repository), then, for a workspace without one, the demo scenes.
  useEffect(() => { void startScenePersistence(); }, []);
  useEffect(() => {
    if (!loaded || initialised) return;
    void installDemoScenes()
      .then((r) => { if (!r.ok) setNotice(r.message); })
      .catch((e: unknown) => setNotice(`Demo scenes could not be loaded: ${String(e)}`));
  }, [loaded, initialised]);

  const scenes = doc.configuration.scenes;
  const scene = scenes.find((s) => s.id === sceneId) ?? scenes[0] ?? null;
  const elements = useMemo(() => (scene ? elementsOf(scene) : []), [scene]);
  const [hiddenLayers, setHiddenLayers] = useState<ReadonlySet<string>>(new Set());
  const visibleLayers = useMemo(() => {
    if (!hiddenLayers.size) return null;
    return new Set([DEFAULT_LAYER_ID, ...doc.configuration.layers.map((l) => l.id)].filter((id) => !hiddenLayers.has(id)));
  }, [hiddenLayers, doc.configuration.layers]);
  const { runtime, version, loadError, moment } = useSceneRuntime(doc, scene?.id ?? null, visibleLayers);
  const twinIds = useTwinIds();

  const [selectedElementId, setSelectedElementId] = useState<string | null>(null);
  const [draft, setDraft] = useState<ElementDraft | null>(null);
  const selectedElement = elements.find((e) => e.id === selectedElementId) ?? null;
  const [model, setModel] = useState<LoadedModel | null>(null);
  const [modelError, setModelError] = useState<string | null>(null);
  const [style, setStyle] = useState<ModelStyle>('transparent');
  const [background, setBackground] = useState('dark');
  const [showLabels, setShowLabels] = useState(true);
  const [occludeLabels, setOccludeLabels] = useState(false);
  const [simulating, setSimulating] = useState(false);
  const cameraApi = useRef<CameraApi | null>(null);
  const [treeQuery, setTreeQuery] = useState('');

  useEffect(() => { setSelectedElementId(null); setDraft(null); }, [scene?.id]);
  // Graph -> 3D: /scenes?twin=<id> (e.g. from the explorer) selects and flies to that twin's element.
  const linkedTwin = new URLSearchParams(location.search).get('twin');
  // …in the scene that shows it (the first such scene), once the document is loaded.
  useEffect(() => {
    if (!linkedTwin || !loaded) return;
    const st = useSceneStore.getState();
    const inScenes = scenesWithTwin(st.doc, linkedTwin);
    if (inScenes.length && !inScenes.some((x) => x.sceneId === st.sceneId)) st.selectScene(inScenes[0].sceneId);
  }, [linkedTwin, loaded]);
  useEffect(() => {
    if (!linkedTwin || !model) return;
    const el = elements.find((e) => e.primaryTwinID === linkedTwin);
    if (el) { setSelectedElementId(el.id); cameraApi.current?.frame(el.objectIDs); }
  }, [linkedTwin, model, elements]);
  useEffect(() => { if (selectedElement) setDraft({ elementId: selectedElement.id, meshIds: [...selectedElement.objectIDs] }); }, [selectedElement]);

  const { sources, errors: assetErrors, pending: assetsPending } = useModelSources(scene?.assets);
  const meshOwner = useMemo(() => {
    const m = new Map<string, TwinToObjectMapping>();
    for (const e of elements) for (const id of e.objectIDs) if (!m.has(id)) m.set(id, e);
    return m;
  }, [elements]);

  const selectElement = useCallback((id: string) => {
    setSelectedElementId(id);
    const el = elements.find((e) => e.id === id);
    if (el) cameraApi.current?.frame(el.objectIDs);
  }, [elements]);

  const onPickMesh = useCallback((meshId: string | null, additive: boolean) => {
    if (!meshId) return;
    if (draft) {
      const has = draft.meshIds.includes(meshId);
      setDraft({ ...draft, meshIds: has ? draft.meshIds.filter((m) => m !== meshId) : [...draft.meshIds, meshId] });
      return;
    }
    const owner = meshOwner.get(meshId);
    if (owner && !additive) { setSelectedElementId(owner.id); return; }
    setSelectedElementId(null);
    setDraft({ elementId: null, meshIds: [meshId] });
  }, [draft, meshOwner]);

  const selectedMeshIds = useMemo(() => new Set(draft?.meshIds ?? selectedElement?.objectIDs ?? []), [draft, selectedElement]);

  // Keyboard undo/redo (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.preventDefault(); if (e.shiftKey) redo(); else undo(); }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') { e.preventDefault(); redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  // Simulator: patches the bound rooms' numeric properties through the engine (events flow back as usual).
  useEffect(() => {
    if (!simulating || status !== 'ready') return;
    const timer = setInterval(() => {
      for (const e of elements) {
        const t = runtime.twin(e.primaryTwinID);
        if (!t) continue;
        const ops = ['temperature', 'co2', 'humidity'].filter((k) => typeof t[k] === 'number').map((k) => {
          const v = t[k] as number;
          const step = k === 'co2' ? 60 : k === 'humidity' ? 2 : 0.8;
          const next = Math.round((v + (Math.random() - 0.5) * 2 * step) * 10) / 10;
          const clamped = k === 'temperature' ? Math.min(30, Math.max(15, next)) : k === 'co2' ? Math.min(1600, Math.max(380, next)) : Math.min(80, Math.max(20, next));
          return { op: 'replace' as const, path: `/${k}`, value: clamped };
        });
        if (ops.length) void engine.patchTwin(e.primaryTwinID, ops);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [simulating, status, elements, runtime]);

  /** The bytes of every model the scenes use and the twins they read: what a scene package carries. */
  const collectPackageInput = async () => {
    const assets = new Map<string, PackageModel>();
    for (const s of doc.configuration.scenes) for (const a of s.assets) {
      if (assets.has(a.url)) continue;
      try {
        if (isStoredAsset(a.url)) {
          const files = await loadStoredAssetFiles(sceneCall, a);
          if (!files.ok) continue;
          const [main, ...rest] = files.value;
          const bytes = new Uint8Array(await main.arrayBuffer());
          // A multi-file glTF travels with its .bin and textures, under the names the .gltf uses for them.
          const names = a.extensionProperties?.twinscape?.files ?? [];
          if (!rest.length) assets.set(a.url, bytes);
          else assets.set(a.url, { main: bytes, name: main.name, companions: await Promise.all(rest.map(async (f, i) => ({ name: names[i]?.name ?? f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))) });
        } else if (a.url && !a.url.startsWith('local:')) {
          const res = await fetch(resolveAssetUrl(a.url));
          if (res.ok) assets.set(a.url, new Uint8Array(await res.arrayBuffer()));
        }
      } catch (_e) { /* kept as a url */ }
    }
    const twins = runtime.twinIds().map((id) => runtime.twin(id)).filter((t): t is Record<string, unknown> => !!t);
    return { document: doc, assets, twins };
  };
  const onExportPackage = async () => {
    const { assets, twins } = await collectPackageInput();
    const zip = writeScenePackage(doc, assets, twins);
    downloadBytes(zip, `${packageBaseName(scene?.displayName)}.twinscape-scene.zip`);
    setNotice(`Scene package written: ${doc.configuration.scenes.length} scene(s), ${assets.size} model file(s), ${twins.length} twin(s), ${(zip.byteLength / 1024).toFixed(0)} KB`);
  };
  const onImport = async (file: File) => {
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) { // a zip: scene package
      const p = readScenePackage(new Uint8Array(await file.arrayBuffer()));
      if (!p.ok) { setNotice(`Import failed (${p.error.code}): ${p.error.message}`); return; }
      const d = structuredClone(p.value.document);
      for (const s of d.configuration.scenes) for (const a of s.assets) {
        // Every file of the model (a multi-file glTF's .bin and textures too) is stored by content hash.
        const files = packageModelFiles(p.value, a.url);
        if (!files) continue;
        const stored = await storeModelFiles(sceneCall, files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], f.name)));
        if (!stored.ok) { setNotice(stored.error.message); return; }
        const { files: _old, ...keep } = a.extensionProperties?.twinscape ?? {};
        a.url = stored.value.url;
        a.extensionProperties = { ...a.extensionProperties, twinscape: { ...keep, ...stored.value.extensionProperties?.twinscape } };
      }
      replace(d);
      setNotice(`Imported scene package: ${d.configuration.scenes.length} scene(s), ${p.value.assets.size} model file(s)`);
      return;
    }
    const raw = await readJsonFile(file);
    if (!raw.ok) { setNotice(raw.message); return; }
    const r = importDocument(raw.value);
    if (!r.ok) { setNotice(`Import failed (${r.error.code}): ${r.error.message}`); return; }
    replace(r.value.document);
    setNotice(`Imported ${r.value.kind === 'adt' ? '3D Scenes Studio configuration' : 'scene document'}: ${r.value.document.configuration.scenes.length} scene(s)${r.value.notes.length ? `, ${r.value.notes.length} note(s): ${r.value.notes.slice(0, 3).map((n) => `${n.pointer} ${n.message}`).join('; ')}` : ''}`);
  };
  /** Stores the model's files in the engine by content hash; `add` adds it to the scene's models, else it replaces the first. */
  const onUploadModel = async (files: File[], add = false) => {
    if (!scene || !files.length) return;
    setNotice('Storing the model…');
    const stored = await storeModelFiles(sceneCall, files);
    if (!stored.ok) { setNotice(stored.error.message); return; }
    const current = useSceneStore.getState().doc.configuration.scenes.find((x) => x.id === scene.id);
    if (!current) return;
    const asset = stored.value;
    const keep = current.assets[0]?.extensionProperties?.twinscape?.cameraViews;
    if (!add && keep && asset.extensionProperties?.twinscape) asset.extensionProperties.twinscape.cameraViews = keep;
    const assets = add ? [...current.assets, asset] : [asset, ...current.assets.slice(1)];
    const e = edit((d) => updateScene(d, scene.id, { assets }));
    setNotice(e ? e.message : null);
  };

  const views = scene?.assets[0]?.extensionProperties?.twinscape?.cameraViews ?? [];
  const nodeRows = useMemo(() => {
    if (!model) return [];
    const q = treeQuery.toLowerCase();
    return model.nodes.filter((n) => n.meshIds.length && (!q || n.name.toLowerCase().includes(q) || n.meshIds.some((m) => m.toLowerCase().includes(q)))).slice(0, 300);
  }, [model, treeQuery]);

  return (
    <div className="scenes-view" data-scene-id={scene?.id ?? ''}>
      <div className="scenes-toolbar" role="toolbar" aria-label="Scene tools">
        <button type="button" onClick={undo} disabled={!canUndo} aria-label="Undo">↶ Undo</button>
        <button type="button" onClick={redo} disabled={!canRedo} aria-label="Redo">↷ Redo</button>
        <label className="file-button">Import…<input type="file" accept=".json,.zip,application/json,application/zip" aria-label="Import scenes file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void onImport(f); e.target.value = ''; }} /></label>
        <button type="button" onClick={() => downloadJson('3DScenesConfiguration.json', exportAdtScenesConfig(doc))}>Export for 3D Scenes Studio</button>
        <button type="button" onClick={() => downloadJson('twinscape.scenes.json', doc satisfies SceneDocument)}>Export document</button>
        <button type="button" onClick={() => void onExportPackage()}>Export scene package</button>
        <ShareDialog sceneId={scene?.id ?? null} sceneName={scene?.displayName ?? null} collect={collectPackageInput} />
        {scene && <label className="file-button">Model…<input type="file" multiple accept=".glb,.gltf,.bin,.png,.jpg,.jpeg,.ktx2,.webp" aria-label="Upload 3D model" onChange={(e) => { void onUploadModel([...(e.target.files ?? [])]); e.target.value = ''; }} /></label>}
        {scene && scene.assets.length > 0 && <label className="file-button">Add model…<input type="file" multiple accept=".glb,.gltf,.bin,.png,.jpg,.jpeg,.ktx2,.webp" aria-label="Add 3D model" onChange={(e) => { void onUploadModel([...(e.target.files ?? [])], true); e.target.value = ''; }} /></label>}
        <label>Style <select value={style} onChange={(e) => setStyle(e.target.value as ModelStyle)} aria-label="Model style">
          <option value="original">Original</option><option value="transparent">Transparent</option><option value="wireframe">Wireframe</option><option value="ghost">Ghost</option>
        </select></label>
        <label>Background <select value={background} onChange={(e) => setBackground(e.target.value)} aria-label="Background">
          <option value="dark">Dark</option><option value="grey">Grey</option><option value="light">Light</option>
        </select></label>
        <label className="check"><input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} /> Labels</label>
        <label className="check"><input type="checkbox" checked={occludeLabels} disabled={!showLabels} onChange={(e) => setOccludeLabels(e.target.checked)} /> Hide labels behind walls</label>
        <details className="layers">
          <summary>Layers</summary>
          {[{ id: DEFAULT_LAYER_ID, displayName: 'Default layer' }, ...doc.configuration.layers].map((l) => (
            <label key={l.id} className="check"><input type="checkbox" checked={!hiddenLayers.has(l.id)} onChange={(e) => {
              const next = new Set(hiddenLayers);
              if (e.target.checked) next.delete(l.id); else next.add(l.id);
              setHiddenLayers(next);
            }} /> {l.displayName}</label>
          ))}
        </details>
        <details className="views">
          <summary>Views</summary>
          {views.map((v) => <button key={v.id} type="button" onClick={() => cameraApi.current?.setView(v)}>{v.name}</button>)}
          <button type="button" onClick={() => cameraApi.current?.frame()}>Fit all</button>
          {scene && <button type="button" onClick={() => {
            const v = cameraApi.current?.getView();
            const name = v && prompt('Name of this view', `View ${views.length + 1}`);
            if (v && name) { const err = edit((d) => saveCameraView(d, scene.id, { name, ...v })); if (err) setNotice(err.message); }
          }}>Save current view</button>}
        </details>
        <span className="muted small" role="status" aria-label="Save state" data-save-state={saveState} title={saveError ?? undefined}>
          {!loaded ? 'Loading…' : saveState === 'pending' ? 'Saving…' : saveState === 'error' ? 'Not saved (kept in this browser)' : saveState === 'saved' ? 'Saved' : ''}
        </span>
        <button type="button" aria-pressed={simulating} onClick={() => setSimulating(!simulating)} disabled={status !== 'ready'}>
          {simulating ? '■ Stop simulator' : '▶ Simulate'}
        </button>
      </div>
      {moment !== null && (
        <p className="scenes-notice scenes-time-travel" role="status" aria-label="Time travel">
          Time travel: values as they were at {new Date(moment).toLocaleString()} (from recorded history; live changes are not shown).{' '}
          <button type="button" onClick={() => useTimeTravel.getState().backToLive()}>Back to live</button>
        </p>
      )}
      {notice && <p className="scenes-notice" role="status">{notice} <button type="button" onClick={() => setNotice(null)} aria-label="Dismiss">✕</button></p>}
      <div className="scenes-body">
        <aside className="scenes-left">
          <SceneList scenes={scenes} currentId={scene?.id ?? null} />
          {scene && <ModelsPanel sceneId={scene.id} assets={scene.assets} onError={setNotice} />}
          {scene && <ElementsPanel elements={elements} runtime={runtime} selectedId={selectedElementId} onSelect={selectElement} version={version} />}
          {model && (
            <section className="scenes-panel" aria-label="Model tree">
              <header className="scenes-panel-head"><h2>Model ({model.meshes.size} meshes)</h2></header>
              <input type="search" placeholder="Search nodes" aria-label="Search model nodes" value={treeQuery} onChange={(e) => setTreeQuery(e.target.value)} />
              <ul className="scenes-list tree" role="listbox" aria-label="Model nodes">
                {nodeRows.map((n) => (
                  <li key={n.index} role="option" aria-selected={n.meshIds.some((m) => selectedMeshIds.has(m))} data-mesh-ids={n.meshIds.join(' ')}
                    onClick={() => n.meshIds.forEach((m, i) => onPickMesh(m, i > 0))}>
                    <span className="grow">{n.name}</span>{meshOwner.get(n.meshIds[0]) && <span className="muted small">{meshOwner.get(n.meshIds[0])?.primaryTwinID}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
        <div className="scenes-canvas" data-model-state={modelError && !model ? 'error' : model ? 'ready' : sources.length || assetsPending ? 'loading' : 'none'} data-model-count={sources.length} data-mesh-count={model?.meshes.size ?? 0} data-load-ms={model ? Math.round(model.loadMs) : ''}>
          {!scene && <p className="scenes-empty">No scene. Create one in the list, or import a 3D Scenes Studio file.</p>}
          {scene && !sources.length && !assetsPending && <p className="scenes-empty">This scene has no model. Upload a .glb or glTF with “Model…”.</p>}
          {assetErrors.map((m) => <p key={m} role="alert" className="scenes-error">{m}</p>)}
          {modelError && <p role="alert" className="scenes-error">The model could not be shown: {modelError}</p>}
          {scene && sources.length > 0 && !model && !modelError && <p className="scenes-loading" role="status">Loading model…</p>}
          {loadError && <p role="alert" className="scenes-error">Twins could not be read: {loadError}</p>}
          {scene && (
            <SceneViewer
              sources={sources} runtime={runtime} elements={elements} selectedMeshIds={selectedMeshIds} style={style}
              background={BACKGROUNDS[background]} showLabels={showLabels} occludeLabels={occludeLabels} onPickMesh={onPickMesh} onElementClick={selectElement}
              onLoaded={(m, err) => { setModel(m); setModelError(err); }} cameraApi={cameraApi} version={version}
            />
          )}
        </div>
        <aside className="scenes-right">
          {scene && draft && (
            <ElementEditor
              sceneId={scene.id} draft={draft} element={selectedElement} behaviors={doc.configuration.behaviors} twinIds={twinIds}
              sceneElementIds={elements.map((e) => e.id)} onDraft={setDraft}
              onClose={() => { setDraft(null); setSelectedElementId(null); }} onCreated={(id) => setSelectedElementId(id)}
            />
          )}
          {scene && selectedElement && <Inspector element={selectedElement} runtime={runtime} version={version} />}
          {scene && (
            <BehaviorEditor sceneId={scene.id} behaviors={doc.configuration.behaviors.filter((b) => scene.behaviorIDs.includes(b.id))}
              layers={doc.configuration.layers} element={selectedElement} sceneElements={elements} twins={(id) => runtime.twin(id)} />
          )}
          {scene && model && status === 'ready' && <BulkBind sceneId={scene.id} nodes={model.nodes} existing={elements} />}
          {status !== 'ready' && <p className="muted small" role="status">Engine {status}: live values appear when it is ready.</p>}
        </aside>
      </div>
    </div>
  );
}

