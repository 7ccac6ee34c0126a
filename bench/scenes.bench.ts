/**
 * Scene studio figures (issue 7), measured in Node on the real code paths (no WebGL here):
 * - live update: 1,000 bound elements, 1,000 twin patches per second delivered as ADT CloudEvent batches
 *   (one batch per 16 ms frame): time from the batch arriving to the three.js materials showing the new
 *   colours (SceneRuntime.applyEvents -> MeshPainter), p95 and the longest batch (a main-thread task);
 * - the Hypar cell-complex model (6,155 nodes, 3,077 meshes): GLB parse + ADT mesh ids + BVH build
 *   ("load to scene graph ready"; first frame needs a browser), and BVH picking under a pointer.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoxGeometry, Mesh, MeshStandardMaterial, PerspectiveCamera, Raycaster, Vector2 } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { acceleratedRaycast, computeBoundsTree } from 'three-mesh-bvh';
import { percentile, type Bench } from './harness.ts';
import { readGltfJson } from '../src/scenes/adt/index.ts';
import { addElements, addScene, createSceneDocument, newElement, newRangeBehavior, upsertBehavior } from '../src/scenes/model/index.ts';
import { SceneRuntime, type TwinChangeEvent } from '../src/scenes/rules/index.ts';
import { MeshPainter } from '../src/scenes/viewer/MeshPainter.ts';
import { indexModel, type Associations } from '../src/scenes/viewer/ModelIndex.ts';
import { frameBox } from '../src/scenes/viewer/frameCamera.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export default async function scenes(bench: Bench): Promise<void> {
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
  bench.record('scenes.live.batch16.p95', 'ms', [percentile(batchMs, 95)], '< 50');
  bench.record('scenes.live.batch16.median', 'ms', batchMs);
  bench.record('scenes.live.longestBatch', 'ms', [Math.max(...batchMs)], '< 50');
  bench.record('scenes.live.patchesPerSecondCapacity', 'per s', [(16 * 1000) / (batchMs.reduce((a, b) => a + b, 0) / batchMs.length)]);
}

async function hypar(bench: Bench): Promise<void> {
  Mesh.prototype.raycast = acceleratedRaycast;
  const bytes = readFileSync(join(root, '../shared/assets/models/hypar-cellcomplex/Elements_Spatial_CellComplex_CellComplex.glb'));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let model: ReturnType<typeof indexModel> | null = null;
  await bench.time('scenes.hypar.loadToSceneGraph', async () => {
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
  await bench.time('scenes.hypar.pick', () => {
    ndc.set(((k * 0.37) % 1.6) - 0.8, ((k * 0.61) % 1.6) - 0.8);
    k++;
    raycaster.setFromCamera(ndc, camera);
    if (raycaster.intersectObject(m.root, true)[0]) hits++;
  }, { runs: 51, warmup: 5 });
  if (hits === 0) throw new Error('no pick hit the Hypar model');
}
