import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSceneDocument } from '../model/index.ts';
import { readScenePackage, writeScenePackage } from './index.ts';

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
