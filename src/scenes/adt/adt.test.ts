import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { addElements, addScene, createSceneDocument, newElement, newRangeBehavior, saveCameraView, upsertBehavior } from '../model/index.ts';
import { computeBabylonMeshIds, exportAdtScenesConfig, importAdtScenesConfig, readGltfJson } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const schema = JSON.parse(readFileSync(join(here, 'fixtures/3DScenesConfiguration.schema.json'), 'utf8'));
const sample = JSON.parse(readFileSync(join(here, 'fixtures/pump-room.3DScenesConfiguration.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

describe('3DScenesConfiguration.json v1.0.0', () => {
  it('the sample is valid against the ADT schema', () => {
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('round-trips losslessly, unknown keys and extension properties included', () => {
    const input = structuredClone(sample);
    input.futureTopLevel = { keep: 1 };
    input.configuration.scenes[0].elements[0].extensionProperties = { vendor: { x: [1, 2] } };
    input.configuration.scenes[0].someNewKey = 'kept';
    input.configuration.behaviors[0].visuals[0].valueRanges[0].visual.extensionProperties = { z: true };
    const imported = importAdtScenesConfig(input);
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.fixes).toEqual([]);
    const again = exportAdtScenesConfig(JSON.parse(JSON.stringify(imported.value.document)));
    expect(again).toEqual(input);
    expect(Object.keys(again)[0]).toBe('$schema');
  });

  it('reproduces the studio migrations on old files', () => {
    const old = structuredClone(sample);
    delete old.configuration.behaviors[0].visuals[0].id;
    delete old.configuration.behaviors[0].visuals[1].valueRangeType;
    const r = importAdtScenesConfig(old);
    if (!r.ok) throw new Error(r.error.message);
    const [a, b] = r.value.document.configuration.behaviors[0].visuals as Array<{ id: string; valueRangeType: string }>;
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.valueRangeType).toBe('boolean');
    expect(validate(exportAdtScenesConfig(r.value.document))).toBe(true);
  });

  it('rejects what is not a configuration file, and unsupported versions', () => {
    expect(importAdtScenesConfig({ scenes: [] }).ok).toBe(false);
    const v2 = importAdtScenesConfig({ ...sample, $schema: 'https://x/schemas/3DScenesConfiguration/v2.0.0/3DScenesConfiguration.schema.json' });
    expect(!v2.ok && v2.error.code).toBe('FormatTooNew');
    const broken = importAdtScenesConfig({ $schema: 's', configuration: { scenes: [{}], behaviors: [], layers: [] } });
    expect(!broken.ok && broken.error.problems?.length).toBe(5);
  });

  it('a document authored in Twinscape exports as a valid ADT file', () => {
    const { doc, sceneId } = addScene(createSceneDocument(), { displayName: 'Flat', assetUrl: 'https://x/flat.glb' });
    const el = newElement({ primaryTwinID: 'Room-101', objectIDs: ['m1'] });
    let r = addElements(doc, sceneId, [el]);
    if (!r.ok) throw new Error('add');
    const b = newRangeBehavior({
      displayName: 'Temperature', valueExpression: 'PrimaryTwin.temperature',
      ranges: [{ min: '-Infinity', max: 26, color: '#26C485' }, { min: 26, max: 'Infinity', color: '#C32F27', label: 'Hot ${PrimaryTwin.temperature}' }],
      floatingLabel: '${PrimaryTwin.temperature} °C',
    });
    r = upsertBehavior(r.value, sceneId, b, [el.id]);
    if (!r.ok) throw new Error('behavior');
    r = saveCameraView(r.value, sceneId, { name: 'Top', position: [0, 10, 0], target: [0, 0, 0] });
    if (!r.ok) throw new Error('view');
    const out = exportAdtScenesConfig(r.value);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('mesh ids computed like ADT 3D Scenes Studio (Babylon glTF loader naming)', () => {
  const gltfOf = (p: string) => {
    const r = readGltfJson(readFileSync(p));
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('names unnamed nodes node<index> (Box)', () => {
    const ids = computeBabylonMeshIds(gltfOf(join(root, 'fixtures/models/box/Box.glb')));
    expect(ids).toEqual([{ id: 'node1', node: 1, primitive: 0 }]);
  });

  it('uses node names for single-primitive meshes (water tank)', () => {
    const ids = computeBabylonMeshIds(gltfOf(join(root, 'public/demo/scene/water-tank.glb')));
    const names = ids.map((e) => e.id);
    expect(names).toContain('FlowMeter');
    expect(names).toContain('Pump.001');
    expect(new Set(names).size).toBe(names.length);
  });

  it('splits multi-primitive meshes into <name>_primitive<i> and numbers instances (duplex)', () => {
    const g = gltfOf(join(root, 'public/demo/scene/duplex.glb'));
    const ids = computeBabylonMeshIds(g);
    const names = ids.map((e) => e.id);
    expect(names).toContain('1hOSvn6df7F8_7GcBWlR72_primitive0');
    expect(names).toContain('1hOSvn6df7F8_7GcBWlR72_primitive1');
    expect(names).toContain('0BTBFw6f90Nfh9rP1dlXr2');
    expect(new Set(names).size).toBe(names.length);
    // One id per (node, primitive) of every mesh node.
    const expected = (g.nodes ?? []).reduce((n, node) => n + (node.mesh === undefined ? 0 : g.meshes?.[node.mesh].primitives?.length ?? 1), 0);
    expect(ids).toHaveLength(expected);
  });

  it('appends 0, 1, … to duplicate names in scene order', () => {
    const ids = computeBabylonMeshIds({
      scenes: [{ nodes: [0, 1, 2] }],
      nodes: [{ name: 'Pump', mesh: 0 }, { name: 'Pump', mesh: 1 }, { name: 'Tank', mesh: 2, children: [3] }, { name: 'Pump', mesh: 3 }],
      meshes: [{ primitives: [{}] }, { primitives: [{}] }, { primitives: [{}, {}] }, { primitives: [{}] }],
    });
    expect(ids.map((e) => e.id)).toEqual(['Pump0', 'Pump1', 'Tank_primitive0', 'Tank_primitive1', 'Pump2']);
  });

  it('says why a file is not glTF', () => {
    const r = readGltfJson(new TextEncoder().encode('{"asset":{"version":"1.0"}}'));
    expect(!r.ok && r.error.message).toMatch(/glTF 2.0/);
    const t = readGltfJson(new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 0xff, 0xff, 0, 0]));
    expect(!t.ok && t.error.message).toMatch(/truncated/);
  });
});
