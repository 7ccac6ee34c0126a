import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openDemoScene } from './support/demo.ts';
import { boxGridGltf } from '../src/scenes/testing/boxGridGlb.ts';

/**
 * A multi-file glTF (.gltf + .bin) travels whole in a scene package: uploaded, exported, re-imported (stored again
 * by content hash) and shown, and opened by the embeddable viewer from the package alone.
 */
test('scene package: a multi-file glTF keeps its .bin through export, import and the embedded viewer', async ({ page }) => {
  await openDemoScene(page);
  page.once('dialog', (d) => void d.accept('Boxes'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await expect(page.getByText('This scene has no model')).toBeVisible();
  const { gltf, bin } = boxGridGltf(['Box-A', 'Box-B', 'Box-C'], 'boxes.bin');
  await page.getByLabel('Upload 3D model').setInputFiles([
    { name: 'boxes.gltf', mimeType: 'model/gltf+json', buffer: Buffer.from(gltf) },
    { name: 'boxes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(bin) },
  ]);
  const canvas = page.locator('[data-model-state]');
  await expect(canvas).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
  await expect(canvas).toHaveAttribute('data-mesh-count', '3');

  // Export: the .gltf and its .bin side by side in the package, listed in the manifest.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export scene package' }).click();
  const file = await (await download).path();
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['assets/boxes/boxes.gltf', 'assets/boxes/boxes.bin']));
  expect(Buffer.from(zip['assets/boxes/boxes.bin']).equals(Buffer.from(bin))).toBe(true);
  const manifest = JSON.parse(strFromU8(zip['manifest.json'])) as { assets: Record<string, { files?: string[] }> };
  expect(manifest.assets['assets/boxes/boxes.gltf'].files).toEqual(['assets/boxes/boxes.bin']);
  const doc = JSON.parse(strFromU8(zip['scenes.json'])) as { configuration: { scenes: Array<{ displayName: string; assets: Array<{ url: string }> }> } };
  expect(doc.configuration.scenes.find((s) => s.displayName === 'Boxes')?.assets[0].url).toBe('package:assets/boxes/boxes.gltf');

  // Import it back: every file is stored again, and the model loads (it could not without its .bin).
  await page.getByLabel('Import scenes file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported scene package' })).toBeVisible();
  await page.getByRole('listbox', { name: 'Scene list' }).getByRole('button', { name: 'Boxes', exact: true }).click();
  await expect(canvas).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
  await expect(canvas).toHaveAttribute('data-mesh-count', '3');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The embeddable viewer (Share / Embed preview) opens the scene from the package alone.
  await page.getByRole('button', { name: 'Share / Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
  await expect(dialog.getByRole('region', { name: 'Embed preview' })).toHaveAttribute('data-preview-state', 'ready', { timeout: 45_000 });
});
