/**
 * Builds public/demo/demo.twinscape, the demo scene package of the embeddable viewer (public/embed-demo.html,
 * e2e/embed.spec.ts, bench/embed.bench.ts): the demo scene document (public/demo/scene/demo.scenes.json), the GLB
 * assets its scenes use and a snapshot of the demo twins they read (public/demo/building.json). Deterministic.
 * The package code is reached through src/scenes/index.ts (which needs a bundler for the studio's CSS), so this
 * runs under vitest: scripts/build-embed-demo.test.ts checks the committed file, and rewrites it with
 *
 *   UPDATE_DEMO_PACKAGE=1 npx vitest run scripts/build-embed-demo.test.ts
 */
import '../src/embed/testing/nodeGlobals.ts';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeScenePackage } from '../src/embed/package/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PACKAGE_PATH = join(root, 'public/demo/demo.twinscape');

export function buildDemoPackage(): Uint8Array {
  const document = JSON.parse(readFileSync(join(root, 'public/demo/scene/demo.scenes.json'), 'utf8'));
  const building = JSON.parse(readFileSync(join(root, 'public/demo/building.json'), 'utf8'));
  const assets = new Map<string, Uint8Array>();
  for (const scene of document.configuration.scenes as Array<{ assets: Array<{ url: string }> }>) {
    for (const a of scene.assets) assets.set(a.url, new Uint8Array(readFileSync(join(root, 'public', a.url))));
  }
  const r = writeScenePackage({ document, assets, twins: building.digitalTwinsGraph.digitalTwins });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
