import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSceneDocument } from '../model/index.ts';
import { packageModelFiles, readScenePackage, writeScenePackage, type PackageModel } from './index.ts';
import { addScene, createSceneDocument } from '../model/index.ts';
import { boxGridGltf } from '../testing/boxGridGlb.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const demo = () => {
  const r = loadSceneDocument(JSON.parse(readFileSync(join(root, 'public/demo/scene/demo.scenes.json'), 'utf8')));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.document;
};

describe('scene package', () => {
  it('round-trips the document, the model bytes and a twin snapshot', () => {
    const doc = demo();
    const glb = new Uint8Array(readFileSync(join(root, 'public/demo/scene/duplex.glb')));
    const twins = [{ $dtId: 'Room-101', temperature: 21.5 }];
    const zip = writeScenePackage(doc, new Map([['demo/scene/duplex.glb', glb]]), twins);
    const r = readScenePackage(zip);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.twins).toEqual(twins);
    expect(r.value.document.configuration.scenes[0].assets[0].url).toBe('package:assets/duplex.glb');
    expect(r.value.document.configuration.scenes[1].assets[0].url).toBe('demo/scene/water-tank.glb');
    expect(r.value.assets.get('assets/duplex.glb')).toEqual(glb);
    const back = structuredClone(r.value.document);
    back.configuration.scenes[0].assets[0].url = 'demo/scene/duplex.glb';
    expect(back).toEqual(doc);
    expect(doc.configuration.scenes[0].assets[0].url).toBe('demo/scene/duplex.glb');
  });
  it('carries every file of a multi-file glTF (the .gltf, its .bin and textures) and gives them back together', () => {
    const { gltf, bin } = boxGridGltf(['A', 'B'], 'boxes.bin');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    let d = addScene(createSceneDocument(), { displayName: 'gltf', assetUrl: 'twinscape-asset:abc' });
    d = addScene(d.doc, { displayName: 'glb', assetUrl: 'twinscape-asset:def' });
    const glb = new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2]);
    const zip = writeScenePackage(d.doc, new Map<string, PackageModel>([
      ['twinscape-asset:abc', { main: gltf, name: 'boxes.gltf', companions: [{ name: 'boxes.bin', bytes: bin }, { name: 'textures/wall.png', bytes: png }] }],
      ['twinscape-asset:def', glb],
    ]));
    const r = readScenePackage(zip);
    if (!r.ok) throw new Error(r.error.message);
    const [first, second] = r.value.document.configuration.scenes;
    expect(first.assets[0].url).toBe('package:assets/boxes/boxes.gltf');
    expect(second.assets[0].url).toBe('package:assets/def');
    expect([...r.value.assets.keys()].sort()).toEqual(['assets/boxes/boxes.bin', 'assets/boxes/boxes.gltf', 'assets/boxes/textures/wall.png', 'assets/def']);
    const files = packageModelFiles(r.value, first.assets[0].url);
    expect(files?.map((f) => f.name)).toEqual(['boxes.gltf', 'boxes.bin', 'textures/wall.png']);
    expect(files?.[0].bytes).toEqual(gltf);
    expect(files?.[1].bytes).toEqual(bin);
    expect(files?.[2].bytes).toEqual(png);
    expect(packageModelFiles(r.value, second.assets[0].url)?.map((f) => f.bytes)).toEqual([glb]);
    // The .gltf still names its buffer relative to itself: the .bin sits beside it in the package.
    expect(JSON.parse(new TextDecoder().decode(files![0].bytes)).buffers[0].uri).toBe('boxes.bin');
    // A package whose manifest lists a companion it lacks says so.
    const broken = readScenePackage(zipSync({
      'manifest.json': strToU8(JSON.stringify({ format: 'twinscape.scene-package', version: 1, document: 'scenes.json', assets: { 'assets/b/b.gltf': { bytes: 1, files: ['assets/b/b.bin'] } } })),
      'scenes.json': strToU8(JSON.stringify(d.doc)),
      'assets/b/b.gltf': strToU8('{}'),
    }));
    expect(!broken.ok && broken.error.message).toMatch(/b\.bin \(a file of assets\/b\/b\.gltf\)/);
  });

  it('says what is wrong with a bad package', () => {
    expect(readScenePackage(new Uint8Array([1, 2, 3])).ok).toBe(false);
    const noManifest = readScenePackage(zipSync({ 'a.txt': strToU8('x') }));
    expect(!noManifest.ok && noManifest.error.message).toMatch(/no manifest/);
    const tooNew = readScenePackage(zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'twinscape.scene-package', version: 9 })) }));
    expect(!tooNew.ok && tooNew.error.code).toBe('FormatTooNew');
    const missing = readScenePackage(zipSync({
      'manifest.json': strToU8(JSON.stringify({ format: 'twinscape.scene-package', version: 1, document: 'scenes.json', assets: { 'assets/x.glb': {} } })),
      'scenes.json': strToU8(JSON.stringify(demo())),
    }));
    expect(!missing.ok && missing.error.message).toMatch(/does not contain/);
  });
});
