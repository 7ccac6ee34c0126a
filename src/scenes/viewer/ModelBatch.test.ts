import { BoxGeometry, Color, Group, Matrix4, Mesh, MeshStandardMaterial, SphereGeometry, Vector4, type BatchedMesh } from 'three';
import { describe, expect, it } from 'vitest';
import { MeshPainter } from './MeshPainter.ts';
import { ModelBatch } from './ModelBatch.ts';

/** `n` boxes sharing one material, one sphere with its own, one mesh with two materials; all under a moved group. */
function model(n = 4) {
  const shared = new MeshStandardMaterial({ color: '#cccccc', emissive: '#000000' });
  const root = new Group();
  root.position.set(10, 0, 0);
  const meshes = new Map<string, Mesh>();
  const box = new BoxGeometry();
  for (let i = 0; i < n; i++) {
    const m = new Mesh(box, shared);
    m.position.set(i * 2, 0, 0);
    m.userData.meshId = `box${i}`;
    root.add(m);
    meshes.set(`box${i}`, m);
  }
  const sphere = new Mesh(new SphereGeometry(), new MeshStandardMaterial({ color: '#ff0000' }));
  sphere.userData.meshId = 'sphere';
  root.add(sphere);
  meshes.set('sphere', sphere);
  const multi = new Mesh(box, [shared, shared]);
  multi.userData.meshId = 'multi';
  root.add(multi);
  meshes.set('multi', multi);
  root.updateMatrixWorld(true);
  return { root, meshes };
}

/** The instance colours are stored as 32-bit floats. */
function expectColor(c: Vector4, want: Color, alpha: number) {
  expect(c.x).toBeCloseTo(want.r, 6);
  expect(c.y).toBeCloseTo(want.g, 6);
  expect(c.z).toBeCloseTo(want.b, 6);
  expect(c.w).toBe(alpha);
}

const mat = (m: Mesh) => m.material as MeshStandardMaterial;
const instanceOf = (painter: MeshPainter, meshes: Map<string, Mesh>, id: string) => {
  const batch = painter.batch!.root.children[0] as BatchedMesh;
  const index = [...meshes.keys()].filter((k) => k.startsWith('box')).indexOf(id);
  return { batch, index };
};

describe('ModelBatch (plain opaque meshes in one draw call, kept in step by MeshPainter)', () => {
  it('batches the meshes that share a lit material and vertex layout; a lone material or several materials draw themselves', () => {
    const { meshes } = model(4);
    const painter = new MeshPainter(meshes, { batch: true });
    expect(painter.batch!.size).toBe(4);
    expect(painter.batch!.root.children).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      const m = meshes.get(`box${i}`)!;
      expect(painter.batched(m)).toBe(true);
      expect(mat(m).visible).toBe(false); // drawn by the batch, not by itself
    }
    expect(painter.batched(meshes.get('sphere')!)).toBe(false);
    expect(mat(meshes.get('sphere')!).visible).toBe(true);
    expect(painter.batched(meshes.get('multi')!)).toBe(false);
    // The instance colour is what the mesh's material shows; alpha 0: the material's own emissive.
    const { batch, index } = instanceOf(painter, meshes, 'box2');
    const c = batch.getColorAt(index, new Vector4());
    const want = mat(meshes.get('box2')!).color;
    expectColor(c, want, 0);
  });

  it('follows rule colours: the material and its instance change together (the test hook still reads the material)', () => {
    const { meshes } = model(3);
    const painter = new MeshPainter(meshes, { batch: true });
    painter.setRuleColor(['box1'], '#C32F27');
    expect(painter.colorOf('box1')).toBe('#c32f27');
    const { batch, index } = instanceOf(painter, meshes, 'box1');
    const c = batch.getColorAt(index, new Vector4());
    const red = new Color('#c32f27');
    expectColor(c, red, 1); // alpha 1: the rule tint as emissive
    expect(mat(meshes.get('box1')!).emissive.getHexString()).not.toBe('000000');
    painter.setRuleColor(['box1'], null);
    expect(painter.colorOf('box1')).toBe('#cccccc');
    expect(batch.getColorAt(index, new Vector4()).w).toBe(0);
    expect(painter.batched(meshes.get('box1')!)).toBe(true);
  });

  it('hands highlighted, see-through and wireframe meshes back to their own materials, and takes them again after', () => {
    const { meshes } = model(3);
    const painter = new MeshPainter(meshes, { batch: true });
    const box0 = meshes.get('box0')!;
    painter.setFlag('selected', new Set(['box0']));
    expect(painter.batched(box0)).toBe(false);
    expect(mat(box0).visible).toBe(true);
    painter.setFlag('selected', new Set());
    painter.setFlag('hover', new Set(['box0']));
    expect(painter.batched(box0)).toBe(false);
    painter.setFlag('hover', new Set());
    expect(painter.batched(box0)).toBe(true);
    expect(mat(box0).visible).toBe(false);

    painter.setStyle('transparent');
    for (const id of ['box0', 'box1', 'box2']) expect(painter.batched(meshes.get(id)!)).toBe(false);
    expect(mat(box0).visible).toBe(true);
    expect(mat(box0).transparent).toBe(true);

    painter.setRuleColor(['box1'], '#26c485');
    painter.setStyle('wireframe');
    expect(painter.batched(box0)).toBe(false); // drawn as wireframe by itself
    expect(mat(box0).wireframe).toBe(true);
    expect(painter.batched(meshes.get('box1')!)).toBe(true); // rule-coloured meshes stay solid

    painter.setStyle('original');
    for (const id of ['box0', 'box1', 'box2']) expect(painter.batched(meshes.get(id)!)).toBe(true);
  });

  it('places instances at the meshes\' world matrices and follows the model when it moves', () => {
    const { root, meshes } = model(2);
    const painter = new MeshPainter(meshes, { batch: true });
    const { batch, index } = instanceOf(painter, meshes, 'box1');
    const m = new Matrix4();
    expect(batch.getMatrixAt(index, m).elements).toEqual(meshes.get('box1')!.matrixWorld.elements);
    expect(m.elements[12]).toBe(12); // group at x = 10, box1 at x = 2
    root.position.set(0, 5, 0);
    root.updateMatrixWorld(true);
    painter.placed();
    batch.getMatrixAt(index, m);
    expect([m.elements[12], m.elements[13]]).toEqual([2, 5]);
  });

  it('lets a mirrored mesh draw itself (three flips its front face; a batch cannot), also when a move mirrors it', () => {
    const { root, meshes } = model(3);
    meshes.get('box0')!.scale.set(-1, 1, 1);
    root.updateMatrixWorld(true);
    const painter = new MeshPainter(meshes, { batch: true });
    expect(painter.batched(meshes.get('box0')!)).toBe(false);
    expect(mat(meshes.get('box0')!).visible).toBe(true);
    expect(painter.batched(meshes.get('box1')!)).toBe(true);
    root.scale.set(1, -1, 1); // the whole asset mirrored: box0 is mirrored twice (not), the others once
    root.updateMatrixWorld(true);
    painter.placed();
    expect(painter.batched(meshes.get('box0')!)).toBe(true);
    expect(mat(meshes.get('box0')!).visible).toBe(false);
    expect(painter.batched(meshes.get('box1')!)).toBe(false);
    expect(mat(meshes.get('box1')!).visible).toBe(true);
  });

  it('does not batch without the option (Node benches and tests paint materials only)', () => {
    const { meshes } = model(2);
    const painter = new MeshPainter(meshes);
    expect(painter.batch).toBeNull();
    expect(mat(meshes.get('box0')!).visible).toBe(true);
  });

  it('skips groups smaller than minGroup', () => {
    const { meshes } = model(2);
    const batch = new ModelBatch([...meshes.values()].filter((m) => !Array.isArray(m.material)).map((mesh) => ({ mesh, source: mesh.material as MeshStandardMaterial })), 3);
    expect(batch.size).toBe(0);
  });
});
