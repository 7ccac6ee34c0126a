import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGltfJson } from '../adt/index.ts';
import { loadSceneDocument } from '../model/index.ts';
import { SceneRuntime } from '../rules/index.ts';
import { buildDemoScenes, DEMO_ROOMS, type IfcMetaObject } from './buildDemoScenes.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const scene = (f: string) => join(root, 'public/demo/scene', f);
const gltf = (f: string) => {
  const r = readGltfJson(readFileSync(scene(f)));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('demo scene document', () => {
  const meta = JSON.parse(readFileSync(scene('duplex.metadata.json'), 'utf8')).metaObjects as IfcMetaObject[];
  const doc = buildDemoScenes(gltf('duplex.glb'), meta, gltf('water-tank.glb'));

  it('binds the six rooms of apartment A to the demo room twins', () => {
    const els = doc.configuration.scenes[0].elements as Array<{ primaryTwinID: string; objectIDs: string[] }>;
    expect(els.map((e) => e.primaryTwinID)).toEqual(Object.keys(DEMO_ROOMS));
    const byName = new Map(meta.map((m) => [m.id, m.name]));
    for (const e of els) expect(e.objectIDs.map((o) => byName.get(o))).toEqual([DEMO_ROOMS[e.primaryTwinID]]);
  });

  it('is the committed public/demo/scene/demo.scenes.json, and it loads', () => {
    const file = scene('demo.scenes.json');
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (process.env.UPDATE_DEMO_SCENE) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const loaded = loadSceneDocument(JSON.parse(text));
    expect(loaded.ok && loaded.value.fixes).toEqual([]);
  });

  it('colours the demo building the way its data says', () => {
    const building = JSON.parse(readFileSync(join(root, 'public/demo/building.json'), 'utf8'));
    const rt = new SceneRuntime(doc.configuration, doc.configuration.scenes[0].id);
    rt.setTwins(building.digitalTwinsGraph.digitalTwins);
    const states = rt.allStates();
    expect(states).toHaveLength(6);
    for (const s of states) {
      expect(s.missingTwins).toEqual([]);
      expect(s.problems).toEqual([]);
      expect(s.colorings).toHaveLength(1);
      expect(s.labels[0].text).toMatch(/ \d+\.\d °C$/);
    }
  });
});
