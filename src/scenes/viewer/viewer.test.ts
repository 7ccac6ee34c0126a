import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Box3, BoxGeometry, Mesh, MeshBasicMaterial, MeshStandardMaterial, PerspectiveCamera, Vector3 } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { describe, expect, it } from 'vitest';
import { computeBabylonMeshIds, readGltfJson } from '../adt/index.ts';
import { indexModel, meshIdsUnder, type Associations } from './ModelIndex.ts';
import { ensureLitMaterials, MeshPainter } from './MeshPainter.ts';
import { frameBox } from './frameCamera.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

async function load(file: string) {
  const bytes = readFileSync(join(root, 'public/demo/scene', file));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const json = readGltfJson(buffer);
  if (!json.ok) throw new Error(json.error.message);
  const gltf = await new GLTFLoader().parseAsync(buffer, '');
  return { json: json.value, index: indexModel(gltf.scene, json.value, gltf.parser.associations as unknown as Associations) };
}

describe('ModelIndex on real models (three.js objects keyed by ADT mesh ids)', () => {
  it('maps every three mesh of the duplex to its Babylon-style id, multi-primitive and instanced meshes included', async () => {
    const { json, index } = await load('duplex.glb');
    const expected = computeBabylonMeshIds(json).map((e) => e.id).sort();
    expect([...index.meshes.keys()].sort()).toEqual(expected);
    const m = index.meshes.get('1hOSvn6df7F8_7GcBWlR72_primitive1');
    expect(m).toBeInstanceOf(Mesh);
    expect(m?.parent?.name).toBe('1hOSvn6df7F8_7GcBWlR72');
    expect(index.meshes.get('0BTBFw6f90Nfh9rP1dlXr2')?.userData.meshId).toBe('0BTBFw6f90Nfh9rP1dlXr2');
  });
  it('lists nested nodes for the tree (water tank)', async () => {
    const { index } = await load('water-tank.glb');
    const hull = index.nodes.find((n) => n.name === 'StorageTankHull');
    expect(hull).toBeDefined();
    expect(meshIdsUnder(index, hull!.index).sort()).toEqual(['Cube', 'Cylinder', 'StorageTank', 'StorageTankHull']);
    expect(index.box.isEmpty()).toBe(false);
  });
});

describe('MeshPainter', () => {
  it('colours by rule without touching shared materials, and restores the original', () => {
    const shared = new MeshStandardMaterial({ color: '#808080' });
    const a = new Mesh(new BoxGeometry(), shared);
    const b = new Mesh(new BoxGeometry(), shared);
    a.userData.meshId = 'a';
    b.userData.meshId = 'b';
    const p = new MeshPainter(new Map([['a', a], ['b', b]]));
    expect(p.setRuleColor(['a'], '#C32F27')).toBe(1);
    expect(p.colorOf('a')).toBe('#c32f27');
    expect(p.colorOf('b')).toBe('#808080');
    expect(p.setRuleColor(['a'], '#C32F27')).toBe(0);
    p.setFlag('selected', new Set(['b']));
    expect((b.material as MeshStandardMaterial).emissive.getHexString()).not.toBe('000000');
    p.setStyle('transparent');
    expect((b.material as MeshStandardMaterial).opacity).toBeGreaterThan(0.8);
    p.setFlag('selected', new Set());
    expect((b.material as MeshStandardMaterial).opacity).toBeLessThan(0.5);
    p.setRuleColor(['a'], null);
    p.setStyle('original');
    expect(p.colorOf('a')).toBe('#808080');
    expect((a.material as MeshStandardMaterial).opacity).toBe(1);
  });
  it('gives unlit meshes a lit material so highlight works', () => {
    const m = new Mesh(new BoxGeometry(), new MeshBasicMaterial({ color: '#ff0000' }));
    ensureLitMaterials(m);
    expect(m.material).toBeInstanceOf(MeshStandardMaterial);
  });
});

describe('frameBox', () => {
  it('fits models of any unit size in view', () => {
    for (const scale of [0.001, 1, 5000]) {
      const box = new Box3(new Vector3(0, 0, 0), new Vector3(scale, scale * 2, scale * 0.5));
      const cam = new PerspectiveCamera(45, 1.5);
      const target = new Vector3();
      frameBox(cam, box, target);
      cam.updateMatrixWorld();
      for (let i = 0; i < 8; i++) {
        const corner = new Vector3(i & 1 ? box.max.x : box.min.x, i & 2 ? box.max.y : box.min.y, i & 4 ? box.max.z : box.min.z);
        const p = corner.project(cam);
        expect(Math.abs(p.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(p.y)).toBeLessThanOrEqual(1);
        expect(p.z).toBeLessThan(1);
      }
      expect(target.distanceTo(box.getCenter(new Vector3()))).toBeLessThan(scale * 1e-9 + 1e-12);
    }
  });
});

describe('SelectionOutline', () => {
  it('adds a back-face hull to each selected mesh, removes it on deselect, and never gets picked', async () => {
    const { SelectionOutline } = await import('./SelectionOutline.ts');
    const { Raycaster, Scene, BackSide } = await import('three');
    const scene = new Scene();
    const a = new Mesh(new BoxGeometry(), new MeshStandardMaterial());
    const b = new Mesh(new BoxGeometry(), new MeshStandardMaterial());
    b.position.set(5, 0, 0);
    scene.add(a, b);
    const outline = new SelectionOutline(new Map([['a', a], ['b', b]]));
    outline.set(new Set(['a']));
    expect(outline.outlined()).toEqual(['a']);
    const hull = a.children.find((c) => c.userData.outlineOf === 'a') as Mesh;
    expect(hull.geometry).toBe(a.geometry);
    expect((hull.material as { side: number }).side).toBe(BackSide);
    scene.updateMatrixWorld();
    const ray = new Raycaster(new Vector3(0, 0, 10), new Vector3(0, 0, -1));
    expect(new Set(ray.intersectObject(scene, true).map((h) => h.object))).toEqual(new Set([a]));
    outline.set(new Set(['b']));
    expect(outline.outlined()).toEqual(['b']);
    expect(a.children).toHaveLength(0);
    expect(b.children).toHaveLength(1);
    outline.dispose();
    expect(b.children).toHaveLength(0);
  });
});
