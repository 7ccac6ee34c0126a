import '../testing/nodeGlobals.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packageAsset, readScenePackage, writeScenePackage, SCENE_PACKAGE_MANIFEST } from './index.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const demoDoc = JSON.parse(readFileSync(join(root, 'public/demo/scene/demo.scenes.json'), 'utf8'));
const building = JSON.parse(readFileSync(join(root, 'public/demo/building.json'), 'utf8'));
const twins = building.digitalTwinsGraph.digitalTwins as Array<Record<string, unknown>>;
const glb = (n: number) => new Uint8Array([0x67, 0x6c, 0x54, 0x46, n, 0, 0, 0]);
const assets = { 'demo/scene/duplex.glb': glb(1), 'demo/scene/water-tank.glb': glb(2) };

describe('scene package', () => {
  it('round-trips document, assets, twin snapshot (only the twins the scenes read) and allowed origins', () => {
    const w = writeScenePackage({ document: demoDoc, assets, twins, allowedOrigins: ['https://example.com'] });
    if (!w.ok) throw new Error(w.error.message);
    const r = readScenePackage(w.value);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.document.configuration.scenes.map((s) => s.displayName)).toEqual(['Duplex apartment', 'Water tank']);
    expect(r.value.document.configuration.behaviors).toEqual(demoDoc.configuration.behaviors);
    expect([...r.value.assets.keys()].sort()).toEqual(['assets/duplex.glb', 'assets/water-tank.glb']);
    const tankUrl = r.value.document.configuration.scenes[1].assets[0].url;
    expect(tankUrl).toBe('package:assets/water-tank.glb');
    expect(packageAsset(r.value, tankUrl)).toEqual(glb(2));
    const ids = r.value.twins.map((t) => t.$dtId).sort();
    expect(ids).toContain('Room-101');
    expect(ids).toContain('Floor-1');
    expect(ids).not.toContain('Building-1'); // not read by any element
    expect(r.value.allowedOrigins).toEqual(['https://example.com']);
  });

  it('is deterministic', () => {
    const a = writeScenePackage({ document: demoDoc, assets });
    const b = writeScenePackage({ document: demoDoc, assets });
    expect(a.ok && b.ok && Buffer.from(a.value).equals(Buffer.from(b.value))).toBe(true);
  });

  it('refuses a package missing a local asset, and a bad origin', () => {
    const w = writeScenePackage({ document: demoDoc, assets: { 'demo/scene/duplex.glb': glb(1) } });
    expect(!w.ok && w.error.code).toBe('BadPackage');
    const o = writeScenePackage({ document: demoDoc, assets, allowedOrigins: ['https://example.com/page'] });
    expect(!o.ok && o.error.code).toBe('BadUrl');
  });

  it('says clearly what is wrong with a bad file', () => {
    const notZipNotJson = readScenePackage(strToU8('<html>404</html>'));
    expect(!notZipNotJson.ok && notZipNotJson.error.code).toBe('NotAPackage');
    const otherZip = readScenePackage(zipSync({ 'a.txt': strToU8('x') }));
    expect(!otherZip.ok && otherZip.error).toMatchObject({ code: 'NotAPackage', message: expect.stringContaining(SCENE_PACKAGE_MANIFEST) });
    const newer = readScenePackage(zipSync({ [SCENE_PACKAGE_MANIFEST]: strToU8(JSON.stringify({ format: 'twinscape.scene-package', version: 9, document: 's.json', assets: {} })) }));
    expect(!newer.ok && newer.error).toMatchObject({ code: 'UnsupportedVersion', message: expect.stringContaining('version 9') });
    const lost = readScenePackage(zipSync({
      [SCENE_PACKAGE_MANIFEST]: strToU8(JSON.stringify({ format: 'twinscape.scene-package', version: 1, document: 'scenes.json', assets: { 'assets/x.glb': { bytes: 8 } } })),
      'scenes.json': strToU8(JSON.stringify(demoDoc)),
    }));
    expect(!lost.ok && lost.error).toMatchObject({ code: 'BadPackage', message: expect.stringContaining('x.glb') });
    const newerDoc = readScenePackage(strToU8(JSON.stringify({ ...demoDoc, version: 99 })));
    expect(!newerDoc.ok && newerDoc.error.code).toBe('UnsupportedVersion');
  });

  it('opens a bare scene document and an ADT 3DScenesConfiguration', () => {
    const bare = readScenePackage(strToU8(JSON.stringify(demoDoc)));
    expect(bare.ok && bare.value.document.configuration.scenes.length).toBe(2);
    const adt = JSON.parse(readFileSync(join(root, 'src/scenes/adt/fixtures/pump-room.3DScenesConfiguration.json'), 'utf8'));
    const r = readScenePackage(strToU8(JSON.stringify(adt)));
    expect(r.ok && r.value.document.format).toBe('twinscape.scenes');
  });
});
