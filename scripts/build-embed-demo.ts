/**
 * Builds public/demo/demo.twinscape, the demo scene package of the embeddable viewer (public/embed-demo.html,
 * e2e/embed.spec.ts): the demo scene document (public/demo/scene/demo.scenes.json), the GLB assets its scenes
 * use and a snapshot of the demo twins they read (public/demo/building.json). Deterministic: the same inputs
 * give the same bytes (scripts/build-embed-demo.test.ts checks the committed file is up to date).
 *
 *   npx tsx scripts/build-embed-demo.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Direct file import (not the package index): the writer needs nothing of src/scenes at run time.
import { writeScenePackage } from '../src/embed/package/writeScenePackage.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PACKAGE_PATH = join(root, 'public/demo/demo.twinscape');

export function buildDemoPackage(): Uint8Array {
  const document = JSON.parse(readFileSync(join(root, 'public/demo/scene/demo.scenes.json'), 'utf8'));
  const building = JSON.parse(readFileSync(join(root, 'public/demo/building.json'), 'utf8'));
  const assets = new Map<string, Uint8Array>();
  for (const scene of document.configuration.scenes as Array<{ assets: Array<{ url: string }> }>) {
    for (const a of scene.assets) assets.set(a.url, new Uint8Array(readFileSync(join(root, 'public', a.url))));
  }
  const r = writeScenePackage({ document, assets, twins: building.digitalTwinsGraph.digitalTwins, generator: 'Twinscape scripts/build-embed-demo.ts' });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bytes = buildDemoPackage();
  writeFileSync(DEMO_PACKAGE_PATH, bytes);
  console.log(`wrote ${DEMO_PACKAGE_PATH} (${(bytes.length / 1024).toFixed(1)} KB)`);
}
