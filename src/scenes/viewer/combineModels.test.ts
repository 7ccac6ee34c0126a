import { describe, expect, it } from 'vitest';
import { Box3, BoxGeometry, Group, Mesh, MeshStandardMaterial, Vector3 } from 'three';
import { combineModels, placeModels } from './combineModels.ts';
import type { LoadedModel } from './loadModel.ts';

/** A model of unit cubes with the given mesh ids (what loadModel gives, minus the glTF). */
function model(ids: string[]): LoadedModel {
  const root = new Group();
  const meshes = new Map<string, Mesh>();
  ids.forEach((id, i) => {
    const m = new Mesh(new BoxGeometry(1, 1, 1), new MeshStandardMaterial());
    m.position.x = i * 2;
    m.userData.meshId = id;
    root.add(m);
    meshes.set(id, m);
  });
  root.updateMatrixWorld(true);
  const nodes = ids.map((id, i) => ({ index: i, name: id, meshIds: [id], children: [] }));
  return { root, meshes, nodes, rootNodes: nodes.map((n) => n.index), box: new Box3().setFromObject(root), gltf: {} as LoadedModel['gltf'], bytes: 10, loadMs: 5 };
}

describe('combineModels (all models of a scene, each with its transform)', () => {
  it('shows every model, keeps ADT ids of the first and keys a later duplicate as <id>@<asset>', () => {
    const a = model(['Wall', 'Door']);
    const b = model(['Door', 'Tank']);
    const c = combineModels([{ model: a }, { model: b, transform: { position: [100, 0, 0], rotation: [0, 0, 0], scale: [1, 1, 1] } }])!;
    expect([...c.meshes.keys()]).toEqual(['Wall', 'Door', 'Door@1', 'Tank']);
    expect(c.meshes.get('Door@1')!.userData.meshId).toBe('Door@1');
    expect(c.nodes.map((n) => [n.index, n.meshIds[0]])).toEqual([[0, 'Wall'], [1, 'Door'], [2, 'Door@1'], [3, 'Tank']]);
    expect(c.rootNodes).toEqual([0, 1, 2, 3]);
    expect(c.bytes).toBe(20);
    // the second model sits 100 units along x: the scene box spans both
    expect(c.box.min.x).toBeCloseTo(-0.5);
    expect(c.box.max.x).toBeCloseTo(102.5);
    expect(c.meshes.get('Tank')!.getWorldPosition(new Vector3()).x).toBeCloseTo(102);
  });

  it('applies rotation (degrees) and scale, and re-places models without rebuilding', () => {
    const a = model(['Only']);
    const c = combineModels([{ model: a, key: 'k', transform: { position: [0, 0, 0], rotation: [0, 0, 90], scale: [2, 2, 2] } }])!;
    // a 1x1x1 cube scaled 2x: 2 units wide
    expect(c.box.max.x - c.box.min.x).toBeCloseTo(2);
    placeModels(c, new Map([['k', { position: [0, 10, 0], rotation: [0, 0, 0], scale: [1, 1, 1] }]]));
    expect(c.box.min.y).toBeCloseTo(9.5);
    expect(c.box.max.x - c.box.min.x).toBeCloseTo(1);
    expect(c.meshes.get('Only')).toBe(a.meshes.get('Only'));
  });

  it('no models: null', () => {
    expect(combineModels([])).toBeNull();
  });
});
