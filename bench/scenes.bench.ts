/**
 * Scene studio figures (issue 7).
 *
 * In headless Chromium (playwright-core, /usr/bin/chromium, the launch flags of playwright.config.ts; WebGL is
 * SwiftShader, so no frame rates — only times to a rendered frame), on a production build of the app:
 * - live update in the real app: 1,000 bound elements (a generated GLB of 1,000 boxes, one element per box bound
 *   to a Room twin, a colour range rule + a floating label), 1,000 property patches per second made by the engine's
 *   own simulator (a random walk of every twin's temperature, once a second each): time from the engine committing
 *   a patch (the CloudEvent's `time`, stamped when the command runs) to the scene graph showing the new state (the
 *   mesh's material colour, checked against the rule; engine worker -> event -> SceneRuntime -> MeshPainter), p95 and
 *   median, and to the frame that shows it (the first frame on the canvas whose render started after it); the main thread's longest task
 *   (PerformanceObserver 'longtask', which reports tasks over 50 ms only: 0 means none); and the commit -> event on
 *   the main thread part of it (the rules and the painter run in the same task as the event's arrival).
 *   SCENES_BENCH_SECONDS (default 10) sets the run's length; SCENES_BENCH_PROFILE=1 prints a CPU profile summary of
 *   the main thread, SCENES_BENCH_TRACE=<file> writes a Chrome trace of the run, SCENES_BENCH_ONLY=live runs only the
 *   live figures.
 * - the Hypar cell-complex model (6,155 nodes, 3,077 meshes; read from ../shared/assets, served to the page by
 *   the bench): load to first rendered frame in the studio (fetch + parse + BVH + index + first render, ending
 *   with a one-pixel read that waits for the GPU), and picking the mesh under a pointer (the viewer's BVH raycast).
 *
 * In Node, on the same code paths without WebGL (kept for comparison):
 * - SceneRuntime.applyEvents -> MeshPainter on 1,000 elements (batches of 16 patches);
 * - Hypar GLB parse + ADT mesh ids + BVH build, BVH picking; scene persistence over fake-indexeddb.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoxGeometry, Mesh, MeshStandardMaterial, PerspectiveCamera, Raycaster, Vector2 } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { acceleratedRaycast, computeBoundsTree } from 'three-mesh-bvh';
import { chromium, type Page } from 'playwright-core';
import { median, percentile, type Bench } from './harness.ts';
import { chromiumLaunch, freePort } from './browser.ts';
import { readGltfJson } from '../src/scenes/adt/index.ts';
import { addElements, addScene, createSceneDocument, newElement, newRangeBehavior, upsertBehavior, type SceneDocument } from '../src/scenes/model/index.ts';
import { SceneRuntime, type TwinChangeEvent } from '../src/scenes/rules/index.ts';
import { MeshPainter } from '../src/scenes/viewer/MeshPainter.ts';
import { indexModel, type Associations } from '../src/scenes/viewer/ModelIndex.ts';
import { frameBox } from '../src/scenes/viewer/frameCamera.ts';
import type { ScenesTestHook } from '../src/scenes/viewer/testHook.ts';
import { boxGridGlb } from '../src/scenes/testing/boxGridGlb.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HYPAR = join(root, '../shared/assets/models/hypar-cellcomplex/Elements_Spatial_CellComplex_CellComplex.glb');
const LIVE_SECONDS = Number(process.env.SCENES_BENCH_SECONDS ?? 10);
/** SCENES_BENCH_ONLY=live: only the live figures in Chromium (baseline and 1,000 elements), for quicker runs. */
const LIVE_ONLY = process.env.SCENES_BENCH_ONLY === 'live';

export default async function scenes(bench: Bench): Promise<void> {
  await inBrowser(bench);
  if (LIVE_ONLY) return;
  liveUpdate(bench);
  await hypar(bench);
  await persistence(bench);
}

/**
 * Scene persistence (src/engine/scenes) over fake-indexeddb in Node (a slower IndexedDB than a browser's, so
 * these are upper bounds): commit and read of the demo scene document, a 1 MB GLB stored by SHA-256 (first time,
 * then as a duplicate: hash + lookup only) and read back.
 */
async function persistence(bench: Bench): Promise<void> {
  const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
  const { SceneRepository } = await import('../src/engine/scenes/index.ts');
  const repo = new SceneRepository('bench', { indexedDB: new IDBFactory(), IDBKeyRange });
  const opened = await repo.open();
  if (!opened.ok) throw new Error(opened.error.message);
  const doc = JSON.parse(readFileSync(join(root, 'public/demo/scene/demo.scenes.json'), 'utf8')) as unknown;
  await bench.time('scenes.persist.putDocument', async () => { const r = await repo.putDocument('main', doc); if (!r.ok) throw new Error(r.error.message); }, { runs: 15 });
  await bench.time('scenes.persist.getDocument', async () => { const r = await repo.getDocument('main'); if (!r.ok) throw new Error(r.error.message); }, { runs: 15 });
  const glb = new Uint8Array(readFileSync(join(root, 'public/demo/scene/duplex.glb')));
  const first: number[] = [];
  for (let i = 0; i < 5; i++) {
    const bytes = glb.slice();
    bytes[0] ^= i + 1; // a new file each run
    const t0 = performance.now();
    const r = await repo.putAsset(bytes, { name: 'duplex.glb' });
    first.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.error.message);
  }
  bench.record('scenes.persist.putAsset1MB', 'ms', first);
  let hash = '';
  await bench.time('scenes.persist.putAsset1MB.duplicate', async () => { const r = await repo.putAsset(glb); if (!r.ok) throw new Error(r.error.message); hash = r.value.hash; }, { runs: 9 });
  await bench.time('scenes.persist.getAsset1MB', async () => { const r = await repo.getAsset(hash); if (!r.ok) throw new Error(r.error.message); }, { runs: 9 });
  repo.close();
}

function liveUpdate(bench: Bench): void {
  const N = 1000;
  const { doc, sceneId } = addScene(createSceneDocument(), { displayName: 'bench', assetUrl: 'x.glb' });
  const els = Array.from({ length: N }, (_, i) => newElement({ primaryTwinID: `Room-${i}`, objectIDs: [`m${i}`], twinAliases: { Floor: `Floor-${i % 10}` } }));
  let r = addElements(doc, sceneId, els);
  if (!r.ok) throw new Error(r.error.message);
  const b = newRangeBehavior({
    displayName: 'T', valueExpression: 'PrimaryTwin.temperature',
    ranges: [{ min: '-Infinity', max: 19, color: '#33A1FD' }, { min: 19, max: 24, color: '#26C485' }, { min: 24, max: 'Infinity', color: '#C32F27' }],
    floatingLabel: '${PrimaryTwin.temperature.toFixed(1)} °C',
  });
  b.visuals.push({
    type: 'ExpressionRangeVisual', id: 'co2', valueExpression: 'PrimaryTwin.co2 > Floor.co2Limit', expressionType: 'CategoricalValues', valueRangeType: 'boolean',
    objectIDs: { expression: 'objectIDs' }, valueRanges: [{ id: 'c', values: [true], visual: { iconName: 'Warning', color: '#F79824', labelExpression: 'CO2 ${PrimaryTwin.co2}' } }],
  });
  r = upsertBehavior(r.value, sceneId, b, els.map((e) => e.id));
  if (!r.ok) throw new Error(r.error.message);

  const meshes = new Map<string, Mesh>();
  const geo = new BoxGeometry();
  for (let i = 0; i < N; i++) {
    const m = new Mesh(geo, new MeshStandardMaterial({ color: '#cccccc' }));
    m.userData.meshId = `m${i}`;
    meshes.set(`m${i}`, m);
  }
  const painter = new MeshPainter(meshes);
  const rt = new SceneRuntime(r.value.configuration, sceneId);
  const byId = new Map(els.map((e) => [e.id, e]));
  rt.subscribe((ids) => { for (const id of ids) painter.setRuleColor(byId.get(id)!.objectIDs, rt.state(id)?.colorings[0]?.color ?? null); });
  rt.setTwins([
    ...els.map((_, i) => ({ $dtId: `Room-${i}`, temperature: 21, co2: 500 })),
    ...Array.from({ length: 10 }, (_, i) => ({ $dtId: `Floor-${i}`, co2Limit: 1000 })),
  ]);

  // 1,000 patches per second = 16 per 16 ms frame batch; 5 seconds of traffic.
  const batchMs: number[] = [];
  let seq = 0;
  for (let s = 0; s < 40 + 5 * 63; s++) {
    const events: TwinChangeEvent[] = [];
    for (let k = 0; k < 16; k++) {
      const i = (seq * 7919) % N;
      const t = 15 + ((seq * 37) % 150) / 10;
      events.push({ type: 'Microsoft.DigitalTwins.Twin.Update', subject: `Room-${i}`, data: { modelId: 'dtmi:x;1', patch: [{ op: 'replace', path: '/temperature', value: t }, { op: 'replace', path: '/co2', value: 400 + ((seq * 13) % 900) }] } });
      seq++;
    }
    const t0 = performance.now();
    rt.applyEvents(events);
    if (s >= 40) batchMs.push(performance.now() - t0); // the first 40 batches warm the JIT up
  }
  // Sanity: the last patched room shows the colour its temperature asks for.
  const last = (seq - 1) * 7919 % N;
  const tLast = 15 + (((seq - 1) * 37) % 150) / 10;
  const want = tLast < 19 ? '#33a1fd' : tLast < 24 ? '#26c485' : '#c32f27';
  if (painter.colorOf(`m${last}`) !== want) throw new Error(`mesh m${last} shows ${painter.colorOf(`m${last}`)}, expected ${want}`);
  bench.record('scenes.node.live.batch16.p95', 'ms', [percentile(batchMs, 95)], '< 50');
  bench.record('scenes.node.live.batch16.median', 'ms', batchMs);
  bench.record('scenes.node.live.longestBatch', 'ms', [Math.max(...batchMs)], '< 50');
  bench.record('scenes.node.live.patchesPerSecondCapacity', 'per s', [(16 * 1000) / (batchMs.reduce((a, b) => a + b, 0) / batchMs.length)]);
}

async function hypar(bench: Bench): Promise<void> {
  Mesh.prototype.raycast = acceleratedRaycast;
  const bytes = readFileSync(join(root, '../shared/assets/models/hypar-cellcomplex/Elements_Spatial_CellComplex_CellComplex.glb'));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let model: ReturnType<typeof indexModel> | null = null;
  await bench.time('scenes.node.hypar.loadToSceneGraph', async () => {
    const json = readGltfJson(buffer);
    if (!json.ok) throw new Error(json.error.message);
    const gltf = await new GLTFLoader().parseAsync(buffer, '');
    gltf.scene.traverse((o) => { if (o instanceof Mesh) computeBoundsTree.call(o.geometry); });
    model = indexModel(gltf.scene, json.value, gltf.parser.associations as unknown as Associations);
  }, { runs: 5, warmup: 1 });
  const m = model as ReturnType<typeof indexModel> | null;
  if (!m || m.meshes.size < 3000) throw new Error(`Hypar: expected 3,077 meshes, got ${m?.meshes.size}`);
  const camera = new PerspectiveCamera(45, 16 / 9);
  frameBox(camera, m.box, m.box.getCenter(new (await import('three')).Vector3()));
  camera.updateMatrixWorld();
  const raycaster = new Raycaster();
  const ndc = new Vector2();
  let hits = 0;
  let k = 0;
  await bench.time('scenes.node.hypar.pick', () => {
    ndc.set(((k * 0.37) % 1.6) - 0.8, ((k * 0.61) % 1.6) - 0.8);
    k++;
    raycaster.setFromCamera(ndc, camera);
    if (raycaster.intersectObject(m.root, true)[0]) hits++;
  }, { runs: 51, warmup: 5 });
  if (hits === 0) throw new Error('no pick hit the Hypar model');
}

// ---------------------------------------------------------------------------------------------------------------
// Headless Chromium: the real app.

const N = 1000;


/** The bench's scene document: a 1,000-box scene (element i = Box-i bound to twin B-i), the Hypar scene, an empty scene. */
function benchDocument(): { doc: SceneDocument; live: string; hypar: string; empty: string; elementTwin: Record<string, string> } {
  let a = addScene(createSceneDocument(), { displayName: 'bench live', assetUrl: '/bench-assets/grid.glb' });
  const live = a.sceneId;
  const els = Array.from({ length: N }, (_, i) => newElement({ primaryTwinID: `B-${i}`, objectIDs: [`Box-${i}`], displayName: `B-${i}` }));
  let r = addElements(a.doc, live, els);
  if (!r.ok) throw new Error(r.error.message);
  const b = newRangeBehavior({
    displayName: 'Temperature', valueExpression: 'PrimaryTwin.temperature',
    ranges: [{ min: '-Infinity', max: 19, color: '#33A1FD' }, { min: 19, max: 24, color: '#26C485' }, { min: 24, max: 'Infinity', color: '#C32F27' }],
    floatingLabel: '${PrimaryTwin.temperature.toFixed(1)} °C',
  });
  r = upsertBehavior(r.value, live, b, els.map((e) => e.id));
  if (!r.ok) throw new Error(r.error.message);
  a = addScene(r.value, { displayName: 'bench hypar', assetUrl: '/bench-assets/hypar.glb' });
  const hypar = a.sceneId;
  const e = addScene(a.doc, { displayName: 'bench empty', assetUrl: '' });
  const doc = structuredClone(e.doc);
  const emptyScene = doc.configuration.scenes.find((s) => s.id === e.sceneId)!;
  emptyScene.assets = [];
  return { doc, live, hypar, empty: e.sceneId, elementTwin: Object.fromEntries(els.map((x) => [x.id, x.primaryTwinID])) };
}

type BenchWindow = {
  __twinscapeScenesBench?: {
    engine: Record<string, (...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>>;
    onEngineEvents: (l: (events: Array<{ type: string; time: string; subject: string; data: unknown }>) => void) => () => void;
    store: { getState(): { loaded: boolean; initialised: boolean; replace(doc: unknown, sceneId?: string | null): void; selectScene(id: string | null): void } };
  };
  __twinscapeScenes?: ScenesTestHook;
};

export async function inBrowser(bench: Bench): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  const server = spawn('npx', ['vite', 'preview', '--outDir', 'dist-bench', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const browser = await chromium.launch(chromiumLaunch);
  const grid = boxGridGlb(Array.from({ length: N }, (_, i) => `Box-${i}`));
  const hyparBytes = readFileSync(HYPAR);
  const { doc, live, hypar, empty, elementTwin } = benchDocument();
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      try { if ((await fetch(base)).ok) break; } catch (_e) { await new Promise((r) => setTimeout(r, 200)); }
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/bench-assets/grid.glb', (route) => route.fulfill({ status: 200, contentType: 'model/gltf-binary', body: Buffer.from(grid) }));
    await context.route('**/bench-assets/hypar.glb', (route) => route.fulfill({ status: 200, contentType: 'model/gltf-binary', body: hyparBytes }));
    // tsx names the arrow functions of page.evaluate's callbacks with an `__name` helper that the page lacks.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${base}/scenes`);
    await page.waitForFunction(() => { const b = (window as unknown as BenchWindow).__twinscapeScenesBench; return !!b && b.store.getState().loaded && b.store.getState().initialised; }, null, { timeout: 120_000 });
    // 1,000 Room twins (the demo's models), imported through the engine.
    await page.evaluate(async ({ n }) => {
      const h = (window as unknown as BenchWindow).__twinscapeScenesBench!;
      const demo = await (await fetch('/demo/building.json')).json() as { digitalTwinsModels: unknown[] };
      const digitalTwins = Array.from({ length: n }, (_, i) => ({ $dtId: `B-${i}`, $metadata: { $model: 'dtmi:twinscape:demo:Room;1' }, temperature: 21, co2: 0 }));
      const doc = { digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins, relationships: [] }, digitalTwinsModels: demo.digitalTwinsModels };
      let imp = await h.engine.importGraph!(JSON.stringify(doc), 'adt-explorer-json');
      for (let k = 0; !imp.ok && k < 50; k++) { await new Promise((r) => setTimeout(r, 200)); imp = await h.engine.importGraph!(JSON.stringify(doc), 'adt-explorer-json'); }
      if (!imp.ok) throw new Error(imp.error!.message);
    }, { n: N });

    await engineBaseline(bench, page, doc, empty);
    await liveInBrowser(bench, page, doc, live, elementTwin);
    if (!LIVE_ONLY) await hyparInBrowser(bench, page, hypar, empty);
    await context.close();
  } finally {
    await browser.close();
    try { process.kill(-server.pid!); } catch (_e) { /* already gone */ }
  }
}

/**
 * The same load with nothing drawn (the empty scene selected): commit -> event on the main thread, i.e. what the
 * engine worker and the event fan-out cost before the scene does anything.
 */
async function engineBaseline(bench: Bench, page: Page, doc: SceneDocument, empty: string): Promise<void> {
  await page.evaluate(({ doc, empty }) => { (window as unknown as BenchWindow).__twinscapeScenesBench!.store.getState().replace(doc, empty); }, { doc, empty });
  // The switch itself (React rendering the new document, the demo scene's viewer unmounting) is not the load being
  // measured: wait until the viewer is gone and the page has been idle for a moment before observing.
  await page.waitForFunction(() => !(window as unknown as BenchWindow).__twinscapeScenes, null, { timeout: 60_000 });
  await page.evaluate(() => new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(res, 500)))));
  const r = await page.evaluate(async ({ seconds }) => {
    const h = (window as unknown as BenchWindow).__twinscapeScenesBench!;
    const lags: number[] = [];
    let longest = 0;
    const longTasks: Array<{ at: number; ms: number }> = [];
    const t0 = performance.now();
    const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) { longest = Math.max(longest, e.duration); longTasks.push({ at: Math.round(e.startTime - t0), ms: Math.round(e.duration) }); } });
    po.observe({ type: 'longtask', buffered: false });
    const started = Date.now();
    const off = h.onEngineEvents((events) => {
      const now = Date.now();
      for (const e of events) if (e.type === 'Microsoft.DigitalTwins.Twin.Update' && now - started > 1000) lags.push(now - Date.parse(e.time));
    });
    const g = await h.engine.liveCall!('upsertGenerator', { id: 'baseline', modelId: 'dtmi:twinscape:demo:Room;1', property: 'temperature', mode: 'property', kind: 'randomWalk', params: { value: 21, min: 12, max: 32, step: 3 }, rateHz: 1 });
    if (!g.ok) throw new Error(g.error!.message);
    await h.engine.liveCall!('startGenerator', 'baseline');
    await new Promise((res) => setTimeout(res, seconds * 1000));
    await h.engine.liveCall!('stopGenerator', 'baseline');
    await h.engine.liveCall!('deleteGenerator', 'baseline');
    await new Promise((res) => setTimeout(res, 1000));
    off(); po.disconnect();
    return { lags, longest, longTasks };
  }, { seconds: Math.min(LIVE_SECONDS, 6) });
  console.log(`baseline (no scene): long tasks ${r.longTasks.length ? r.longTasks.map((t) => `${t.ms} ms at +${t.at} ms`).join(', ') : 'none'}`);
  bench.record('scenes.live.baseline.noScene.commitToEvent.p95', 'ms', [percentile(r.lags, 95)]);
  bench.record('scenes.live.baseline.noScene.longestMainThreadTask', 'ms', [r.longest]);
}

async function liveInBrowser(bench: Bench, page: Page, doc: SceneDocument, sceneId: string, elementTwin: Record<string, string>): Promise<void> {
  await page.evaluate(({ doc, sceneId }) => { (window as unknown as BenchWindow).__twinscapeScenesBench!.store.getState().replace(doc, sceneId); }, { doc, sceneId });
  // Ready: the 1,000 boxes shown and every one coloured by its twin's rule.
  await page.waitForFunction((n) => {
    const hook = (window as unknown as BenchWindow).__twinscapeScenes;
    if (!hook?.ready || hook.meshIds().length !== n) return false;
    for (let i = 0; i < n; i++) if (!hook.ruleColor(`Box-${i}`)) return false;
    return true;
  }, N, { timeout: 180_000, polling: 500 });

  // SCENES_BENCH_PROFILE=1: a CPU profile of the main thread during the run, summarised by self time.
  const cdp = process.env.SCENES_BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
  const tracing = process.env.SCENES_BENCH_TRACE ? page.context().browser()! : null;
  if (tracing) await tracing.startTracing(page, { path: process.env.SCENES_BENCH_TRACE, categories: ['devtools.timeline', 'toplevel', 'blink', 'gpu', 'cc', 'disabled-by-default-devtools.timeline'] });
  const r = await page.evaluate(async ({ seconds, elementTwin }) => {
    const h = (window as unknown as BenchWindow).__twinscapeScenesBench!;
    const hook = (window as unknown as BenchWindow).__twinscapeScenes!;
    const now = () => performance.timeOrigin + performance.now();
    let longest = 0;
    let longTasks = 0;
    const po = new PerformanceObserver((list) => { for (const e of list.getEntries()) { longTasks++; longest = Math.max(longest, e.duration); } });
    po.observe({ type: 'longtask', buffered: false });
    // Commit time of each patch, keyed by twin + the value it set (time and arrival on the main thread).
    const committed = new Map<string, number>();
    const arrivedAt = new Map<string, number>();
    const offEvents = h.onEngineEvents((events) => {
      for (const e of events) {
        if (e.type !== 'Microsoft.DigitalTwins.Twin.Update') continue;
        const op = ((e.data as { patch?: Array<{ path: string; value: unknown }> }).patch ?? []).find((p) => p.path === '/temperature');
        if (op) { const key = `${e.subject}:${op.value}`; committed.set(key, Date.parse(e.time)); arrivedAt.set(key, now()); }
      }
    });
    const painted: Array<{ key: string; at: number; frame: number }> = [];
    let wrong = 0;
    let pendingFrame: Array<{ at: number; frame: number }> = [];
    // The frame that shows a repaint: the first frame on the canvas whose render started after it (on software
    // WebGL the viewer renders off screen and shows a frame once the GPU process has finished it).
    const frameMs: number[] = [];
    const offFrame = hook.onFrame((shownAt, renderedFrom) => {
      frameMs.push(shownAt - renderedFrom);
      const shown = performance.timeOrigin + shownAt;
      const from = performance.timeOrigin + renderedFrom;
      const still: typeof pendingFrame = [];
      for (const p of pendingFrame) { if (p.at <= from) p.frame = shown; else still.push(p); }
      pendingFrame = still;
    });
    const offPaint = hook.onPaint((ids) => {
      const at = now();
      for (const id of ids) {
        const twinId = elementTwin[id];
        const t = twinId ? hook.twin(twinId) : undefined;
        if (!t) continue;
        const temp = t.temperature as number;
        const want = temp < 19 ? '#33a1fd' : temp < 24 ? '#26c485' : '#c32f27';
        if (hook.meshColor(`Box-${twinId.slice(2)}`) !== want) wrong++;
        const p = { key: `${twinId}:${t.temperature}`, at, frame: 0 };
        painted.push(p);
        pendingFrame.push(p);
      }
    });
    // 1,000 patches per second from the engine's own simulator (in the worker, so a busy main thread does not slow
    // the load down): a random walk of every Room twin's temperature, once a second each, wide enough steps that
    // colours change often and the floating label (one decimal) nearly always.
    const started = now();
    const g = await h.engine.liveCall!('upsertGenerator', { id: 'bench', modelId: 'dtmi:twinscape:demo:Room;1', property: 'temperature', mode: 'property', kind: 'randomWalk', params: { value: 21, min: 12, max: 32, step: 3 }, rateHz: 1 });
    if (!g.ok) throw new Error(g.error!.message);
    const st = await h.engine.liveCall!('startGenerator', 'bench');
    if (!st.ok) throw new Error(st.error!.message);
    await new Promise((res) => setTimeout(res, seconds * 1000));
    await h.engine.liveCall!('stopGenerator', 'bench');
    const stopped = now(); // the rate is over the generator's run, not the settling wait after it
    const info = ((await h.engine.liveCall!('listGenerators')) as unknown as Array<{ generated: number; applied: number; failed: number; skipped: number }>)[0]!;
    const seq = info.generated;
    const failed = info.failed + info.skipped;
    await new Promise((res) => setTimeout(res, 1500));
    offEvents(); offPaint(); offFrame(); po.disconnect();
    const warm = started + 1000; // the first second warms the JIT and the worker up
    const toColour: number[] = [];
    const toFrame: number[] = [];
    const arrived: number[] = [];
    let unmatched = 0;
    for (const p of painted) {
      const c = committed.get(p.key);
      if (c === undefined) { unmatched++; continue; }
      if (c < warm) continue;
      toColour.push(p.at - c);
      const a = arrivedAt.get(p.key);
      if (a !== undefined) arrived.push(a - c);
      if (p.frame) toFrame.push(p.frame - c);
    }
    return { arrived, frameMs, render: hook.renderStats(), sent: seq, failed, committed: committed.size, painted: painted.length, unmatched, wrong, toColour, toFrame, longest, longTasks, seconds: (stopped - started) / 1000 };
  }, { seconds: LIVE_SECONDS, elementTwin });

  if (tracing) await tracing.stopTracing();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] } };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
    profile.samples.forEach((id, i) => {
      const cf = byId.get(id)!.callFrame;
      const key = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n'));
  }
  console.log(`live (Chromium): ${r.sent} patches in ${r.seconds.toFixed(1)} s (${Math.round(r.sent / r.seconds)}/s), failed or skipped ${r.failed}, events ${r.committed}, repaints ${r.painted} (unmatched ${r.unmatched}), wrong colours ${r.wrong}, long tasks ${r.longTasks}; ${r.render.frames} frames${r.render.async ? ' (rendered off screen)' : ''}, render calls ${Math.round(r.render.totalMs)} ms in all, longest ${Math.round(r.render.maxMs)} ms`);
  console.log(`live (Chromium): ${r.frameMs.length} frames shown, render start -> on the canvas median ${Math.round(median(r.frameMs))} ms, p90 ${Math.round(percentile(r.frameMs, 90))} ms`);
  if (r.wrong) throw new Error(`live bench: ${r.wrong} meshes showed a wrong colour`);
  if (r.toColour.length < r.sent * 0.3) throw new Error(`live bench: only ${r.toColour.length} of ${r.sent} patches were seen on the scene`);
  bench.record('scenes.live.1000el.1000ps.commitToColour.p95', 'ms', [percentile(r.toColour, 95)], '< 50');
  bench.record('scenes.live.1000el.1000ps.commitToColour', 'ms', r.toColour);
  bench.record('scenes.live.1000el.1000ps.commitToEventOnMainThread.p95', 'ms', [percentile(r.arrived, 95)]);
  bench.record('scenes.live.1000el.1000ps.commitToFrame.p95', 'ms', [percentile(r.toFrame, 95)]);
  bench.record('scenes.live.1000el.1000ps.patchesPerSecond', 'per s', [r.sent / r.seconds], '1000');
  bench.record('scenes.live.1000el.1000ps.longestMainThreadTask', 'ms', [r.longest], '< 50');
}

async function hyparInBrowser(bench: Bench, page: Page, hypar: string, empty: string): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 6; i++) {
    await page.evaluate((id) => { (window as unknown as BenchWindow).__twinscapeScenesBench!.store.getState().selectScene(id); }, empty);
    await page.waitForFunction(() => !(window as unknown as BenchWindow).__twinscapeScenes, null, { timeout: 60_000 });
    await page.evaluate((id) => { (window as unknown as BenchWindow).__twinscapeScenesBench!.store.getState().selectScene(id); }, hypar);
    await page.waitForFunction(() => !!(window as unknown as BenchWindow).__twinscapeScenes?.firstFrame(), null, { timeout: 180_000, polling: 50 });
    const f = await page.evaluate(() => ({ ff: (window as unknown as BenchWindow).__twinscapeScenes!.firstFrame()!, meshes: (window as unknown as BenchWindow).__twinscapeScenes!.meshIds().length }));
    if (f.meshes < 3000) throw new Error(`Hypar: expected 3,077 meshes, got ${f.meshes}`);
    runs.push(f.ff.renderedAt - f.ff.loadStartedAt);
  }
  console.log(`Hypar load -> first frame (Chromium): ${runs.map((x) => Math.round(x)).join(', ')} ms (first run cold)`);
  bench.record('scenes.hypar.loadToFirstFrame.cold', 'ms', [runs[0]]);
  bench.record('scenes.hypar.loadToFirstFrame', 'ms', runs.slice(1));
  // Picking: the mesh under a pointer at points spread over the canvas, with the viewer's BVH raycast.
  const picks = await page.evaluate(() => {
    const hook = (window as unknown as BenchWindow).__twinscapeScenes!;
    const rect = document.querySelector('[data-testid="scene-canvas"]')?.getBoundingClientRect() ?? document.querySelector('canvas')!.getBoundingClientRect();
    const times: number[] = [];
    let hits = 0;
    for (let k = 0; k < 60; k++) {
      const x = rect.left + rect.width * (0.2 + ((k * 0.37) % 0.6));
      const y = rect.top + rect.height * (0.2 + ((k * 0.61) % 0.6));
      const t0 = performance.now();
      if (hook.pick(x, y)) hits++;
      if (k >= 10) times.push(performance.now() - t0);
    }
    return { times, hits };
  });
  if (!picks.hits) throw new Error('no pick hit the Hypar model');
  bench.record('scenes.hypar.pick', 'ms', picks.times);
  void median;
}
