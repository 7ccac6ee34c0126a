import { describe, expect, it } from 'vitest';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { readGltfJson } from '../adt/index.ts';
import { indexModel, type Associations } from '../viewer/ModelIndex.ts';
import { boxGridGlb } from './boxGridGlb.ts';

describe('boxGridGlb', () => {
  it('writes a GLB whose meshes carry the given names as ADT mesh ids', async () => {
    const bytes = boxGridGlb(['TS-1', 'TS-2', 'Other']);
    const buffer = bytes.buffer;
    const json = readGltfJson(buffer);
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const gltf = await new GLTFLoader().parseAsync(buffer, '');
    const index = indexModel(gltf.scene, json.value, gltf.parser.associations as unknown as Associations);
    expect([...index.meshes.keys()].sort()).toEqual(['Other', 'TS-1', 'TS-2']);
    expect(index.box.isEmpty()).toBe(false);
  });
});
