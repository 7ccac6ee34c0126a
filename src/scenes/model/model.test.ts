import { describe, expect, it } from 'vitest';
import {
  addElements, addScene, checkMigrationSequence, createSceneDocument, deleteScene, duplicateScene, elementsFromMatches,
  loadSceneDocument, matchNodesToTwins, migrateSceneDocument, newElement, newRangeBehavior, removeBehavior, removeElement,
  restoreConfiguration, saveCameraView, updateElement, upsertBehavior, upsertLayer, type SceneMigration, type TwinToObjectMapping,
} from './index.ts';

describe('migrations', () => {
  const steps: SceneMigration[] = [
    { id: 'scene/1', from: 1, up: (d) => ({ ...d, renamed: (d as { old?: string }).old }) },
    { id: 'scene/2', from: 2, up: (d) => ({ ...d, third: true }) },
  ];
  it('runs every step in order on a copy', () => {
    const input = { format: 'twinscape.scenes', version: 1, old: 'x', configuration: {} };
    const r = migrateSceneDocument(input, steps, 3);
    expect(r.ok && r.value.applied).toEqual(['scene/1', 'scene/2']);
    expect(r.ok && r.value.doc).toMatchObject({ version: 3, renamed: 'x', third: true });
    expect(input.version).toBe(1);
  });
  it('starts from the stored version', () => {
    const r = migrateSceneDocument({ format: 'twinscape.scenes', version: 2, configuration: {} }, steps, 3);
    expect(r.ok && r.value.applied).toEqual(['scene/2']);
  });
  it('refuses documents from a newer app and non-documents', () => {
    const r = migrateSceneDocument({ format: 'twinscape.scenes', version: 9, configuration: {} }, steps, 3);
    expect(!r.ok && r.error.code).toBe('FormatTooNew');
    expect(!migrateSceneDocument({ format: 'other', version: 1 }).ok && 1).toBe(1);
    const bad = migrateSceneDocument([]);
    expect(!bad.ok && bad.error.code).toBe('FormatUnknown');
  });
  it('checks that steps are numbered and contiguous', () => {
    expect(checkMigrationSequence(steps, 3).ok).toBe(true);
    expect(checkMigrationSequence([steps[1]], 2).ok).toBe(false);
    expect(checkMigrationSequence([{ ...steps[0], id: 'scene/7' }], 2).ok).toBe(false);
  });
});

describe('restoreConfiguration', () => {
  it('reports every problem with its pointer', () => {
    const r = restoreConfiguration({
      scenes: [{ id: 1, displayName: 'A', assets: [], elements: [{ type: 'TwinToObjectMapping', id: 'e', displayName: 'E', primaryTwinID: 'T', objectIDs: 'x' }], behaviorIDs: [] }],
      behaviors: [{ id: 'b', displayName: 'B', datasources: [], visuals: [{ type: 'Weird' }] }],
      layers: [],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ValidationFailed');
      expect(r.error.problems?.map((p) => p.pointer)).toEqual([
        '/configuration/scenes/0/id', '/configuration/scenes/0/elements/0/objectIDs', '/configuration/behaviors/0/visuals/0/type',
      ]);
    }
  });
  it('applies ADT load-time migrations and keeps unknown keys', () => {
    const r = restoreConfiguration({
      scenes: [], layers: [{ id: 'l', displayName: 'L', behaviorIDs: ['nope'], color: 'keep me' }],
      behaviors: [{ id: 'b', displayName: 'B', datasources: [], visuals: [
        { type: 'ExpressionRangeVisual', valueExpression: 'PrimaryTwin.T', expressionType: 'NumericRange', valueRanges: [], objectIDs: { expression: 'objectIDs' } },
        { type: 'ExpressionRangeVisual', id: 'r2', valueExpression: 'PrimaryTwin.On', expressionType: 'CategoricalValues', valueRanges: [{ id: 'c', values: [true], visual: { color: '#fff' } }], objectIDs: { expression: 'objectIDs' } },
      ] }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const [a, b] = r.value.configuration.behaviors[0].visuals as Array<{ id: string; valueRangeType: string }>;
      expect(a.id).toMatch(/^[0-9a-f]{32}$/);
      expect(a.valueRangeType).toBe('integer');
      expect(b.valueRangeType).toBe('boolean');
      expect(r.value.fixes).toHaveLength(3);
      expect(r.value.configuration.layers[0].color).toBe('keep me');
      expect(r.value.warnings).toEqual([{ pointer: '/configuration/layers/0/behaviorIDs/0', message: 'behavior nope does not exist' }]);
    }
  });
});

describe('builder operations', () => {
  const setup = () => {
    const { doc, sceneId } = addScene(createSceneDocument(), { displayName: 'Flat', assetUrl: 'demo.glb' });
    const e1 = newElement({ primaryTwinID: 'Room-101', objectIDs: ['m1', 'm2', 'm1'] });
    const e2 = newElement({ primaryTwinID: 'Room-102', objectIDs: ['m3'] });
    const r = addElements(doc, sceneId, [e1, e2]);
    if (!r.ok) throw new Error(r.error.message);
    return { doc: r.value, sceneId, e1, e2 };
  };

  it('creates elements with unique mesh ids and never mutates the input', () => {
    const { doc, sceneId, e1 } = setup();
    expect((doc.configuration.scenes[0].elements[0] as TwinToObjectMapping).objectIDs).toEqual(['m1', 'm2']);
    const before = JSON.stringify(doc);
    const r = updateElement(doc, sceneId, e1.id, { primaryTwinID: 'Room-201', twinAliases: { Floor: 'Floor-2' } });
    expect(JSON.stringify(doc)).toBe(before);
    expect(r.ok && (r.value.configuration.scenes[0].elements[0] as TwinToObjectMapping).twinAliases).toEqual({ Floor: 'Floor-2' });
    expect(addElements(doc, sceneId, [e1]).ok).toBe(false);
  });

  it('keeps behaviorIDs, data sources and layers consistent', () => {
    const { doc, sceneId, e1, e2 } = setup();
    const b = newRangeBehavior({ displayName: 'Temp', valueExpression: 'PrimaryTwin.temperature', ranges: [{ min: '-Infinity', max: 25, color: '#26C485' }], floatingLabel: '${PrimaryTwin.temperature} °C' });
    const r1 = upsertBehavior(doc, sceneId, b, [e1.id, e2.id]);
    if (!r1.ok) throw new Error(r1.error.message);
    expect(r1.value.configuration.scenes[0].behaviorIDs).toEqual([b.id]);
    const ds = r1.value.configuration.behaviors[0].datasources[0] as { elementIDs: string[] };
    expect(ds.elementIDs).toEqual([e1.id, e2.id]);
    const { doc: withLayer } = upsertLayer(r1.value, { displayName: 'Comfort', behaviorIDs: [b.id] });
    const r2 = removeElement(withLayer, sceneId, e1.id);
    expect(r2.ok && (r2.value.configuration.behaviors[0].datasources[0] as { elementIDs: string[] }).elementIDs).toEqual([e2.id]);
    const r3 = removeBehavior(withLayer, b.id);
    expect(r3.ok && r3.value.configuration.layers[0].behaviorIDs).toEqual([]);
    expect(r3.ok && r3.value.configuration.scenes[0].behaviorIDs).toEqual([]);
  });

  it('duplicates a scene with new element ids that share the behaviors, and deletes it again', () => {
    const { doc, sceneId, e1 } = setup();
    const b = newRangeBehavior({ displayName: 'T', valueExpression: 'PrimaryTwin.t', ranges: [] });
    const r1 = upsertBehavior(doc, sceneId, b, [e1.id]);
    if (!r1.ok) throw new Error('upsert');
    const dup = duplicateScene(r1.value, sceneId);
    if (!dup.ok) throw new Error('dup');
    const copy = dup.value.doc.configuration.scenes[1];
    const copyIds = copy.elements.map((e) => (e as TwinToObjectMapping).id);
    expect(copyIds).not.toContain(e1.id);
    const targets = (dup.value.doc.configuration.behaviors[0].datasources[0] as { elementIDs: string[] }).elementIDs;
    expect(targets).toEqual([e1.id, copyIds[0]]);
    const del = deleteScene(dup.value.doc, copy.id);
    expect(del.ok && (del.value.configuration.behaviors[0].datasources[0] as { elementIDs: string[] }).elementIDs).toEqual([e1.id]);
  });

  it('saves camera views on the first asset and round-trips through load', () => {
    const { doc, sceneId } = setup();
    const r = saveCameraView(doc, sceneId, { name: 'Front', position: [1, 2, 3], target: [0, 0, 0] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.configuration.scenes[0].assets[0].extensionProperties?.twinscape?.cameraViews?.[0].name).toBe('Front');
    const loaded = loadSceneDocument(JSON.parse(JSON.stringify(r.value)));
    expect(loaded.ok && loaded.value.document).toEqual(r.value);
  });
});

describe('bulk binding', () => {
  const nodes = [
    { name: '0BTBFw6f90Nfh9rP1dlXr2', meshIds: ['0BTBFw6f90Nfh9rP1dlXr2'] },
    { name: 'Room_A101_floor', meshIds: ['a'] },
    { name: 'Room_A101_ceiling', meshIds: ['b'] },
    { name: 'Wall_7', meshIds: ['w'] },
  ];
  const twins = [
    { $dtId: 'Room-A101', name: 'A101' },
    { $dtId: '0BTBFw6f90Nfh9rP1dlXr2', name: 'A102' },
  ];
  it('matches node names to twin ids and groups several nodes into one element', () => {
    const byId = matchNodesToTwins(nodes, twins, { pattern: '^[0-9A-Za-z_$]{22}$' });
    expect(byId.ok && byId.value.map((m) => m.twinId)).toEqual(['0BTBFw6f90Nfh9rP1dlXr2']);
    const byProp = matchNodesToTwins(nodes, twins, { pattern: '^Room_(A\\d+)_', by: { property: 'name' } });
    if (!byProp.ok) throw new Error('match');
    const els = elementsFromMatches(byProp.value);
    expect(els).toHaveLength(1);
    expect(els[0]).toMatchObject({ primaryTwinID: 'Room-A101', objectIDs: ['a', 'b'] });
    expect(matchNodesToTwins(nodes, twins, { pattern: '(' }).ok).toBe(false);
  });
});

describe('scenesWithTwin (graph -> 3D)', () => {
  it('finds the scenes with an element bound to the twin, as primary twin or alias', async () => {
    const { scenesWithTwin } = await import('./index.ts');
    const a = addScene(createSceneDocument(), { displayName: 'A' });
    const b = addScene(a.doc, { displayName: 'B' });
    const withA = addElements(b.doc, a.sceneId, [newElement({ displayName: 'x', primaryTwinID: 'T1', objectIDs: ['m'] })]);
    if (!withA.ok) throw new Error(withA.error.message);
    const withB = addElements(withA.value, b.sceneId, [newElement({ displayName: 'y', primaryTwinID: 'T2', objectIDs: ['n'], twinAliases: { Other: 'T1' } })]);
    if (!withB.ok) throw new Error(withB.error.message);
    expect(scenesWithTwin(withB.value, 'T1').map((x) => x.sceneId)).toEqual([a.sceneId, b.sceneId]);
    expect(scenesWithTwin(withB.value, 'T2').map((x) => x.sceneId)).toEqual([b.sceneId]);
    expect(scenesWithTwin(withB.value, 'nope')).toEqual([]);
  });
});

describe('model (asset) edits', () => {
  it('places a model, rejects a non-finite or zero-scale transform, removes one keeping the camera views', async () => {
    const { setAssetTransform, removeAsset, updateScene: upd } = await import('./index.ts');
    const a = addScene(createSceneDocument(), { displayName: 'A' });
    const withAssets = upd(a.doc, a.sceneId, { assets: [
      { type: '3DAsset', url: 'one.glb', extensionProperties: { twinscape: { cameraViews: [{ id: 'v', name: 'Top', position: [0, 9, 0], target: [0, 0, 0] }] } } },
      { type: '3DAsset', url: 'two.glb' },
    ] });
    if (!withAssets.ok) throw new Error('setup');
    const t = { position: [1, 2, 3] as [number, number, number], rotation: [0, 90, 0] as [number, number, number], scale: [2, 2, 2] as [number, number, number] };
    const placed = setAssetTransform(withAssets.value, a.sceneId, 1, t);
    expect(placed.ok && placed.value.configuration.scenes[0].assets[1].extensionProperties?.twinscape?.transform).toEqual(t);
    expect(withAssets.value.configuration.scenes[0].assets[1].extensionProperties).toBeUndefined(); // input untouched
    expect(setAssetTransform(withAssets.value, a.sceneId, 1, { ...t, position: [NaN, 0, 0] }).ok).toBe(false);
    expect(setAssetTransform(withAssets.value, a.sceneId, 1, { ...t, scale: [0, 1, 1] }).ok).toBe(false);
    expect(setAssetTransform(withAssets.value, a.sceneId, 5, t).ok).toBe(false);
    const removed = removeAsset(placed.ok ? placed.value : withAssets.value, a.sceneId, 0);
    if (!removed.ok) throw new Error(removed.error.message);
    const left = removed.value.configuration.scenes[0].assets;
    expect(left.map((x) => x.url)).toEqual(['two.glb']);
    expect(left[0].extensionProperties?.twinscape?.cameraViews?.[0].name).toBe('Top');
    expect(left[0].extensionProperties?.twinscape?.transform).toEqual(t);
  });
});

describe('newRangeBehavior with a trend', () => {
  it('adds a Data history widget over the value to the popover only when asked', () => {
    const ranges = [{ min: '-Infinity' as const, max: 'Infinity' as const, color: '#fff' }];
    const withTrend = newRangeBehavior({ displayName: 'Temp', valueExpression: 'PrimaryTwin.temperature', ranges, trend: true });
    const pop = withTrend.visuals.find((v) => v.type === 'Popover') as unknown as { widgets: Array<{ type: string; widgetConfiguration: { timeSeries: Array<{ expression: string }> } }> };
    expect(pop.widgets.map((w) => w.type)).toEqual(['Data history']);
    expect(pop.widgets[0].widgetConfiguration.timeSeries[0].expression).toBe('PrimaryTwin.temperature');
    const without = newRangeBehavior({ displayName: 'Temp', valueExpression: 'PrimaryTwin.temperature', ranges });
    expect((without.visuals.find((v) => v.type === 'Popover') as { widgets: unknown[] }).widgets).toEqual([]);
  });
});
