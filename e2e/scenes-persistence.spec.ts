import { expect, test, type Page } from '@playwright/test';
import { openDemoScene } from './support/demo.ts';

/**
 * Scene persistence through the engine: documents in the workspace's scene database, uploaded models stored by
 * content hash in IndexedDB, so after a reload the scene, its models and its elements are all still there —
 * with model files read from IndexedDB, not the network.
 */

const elementRow = (page: Page, name: RegExp | string) => page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name });
const meshCount = (page: Page) => page.locator('[data-mesh-count]').getAttribute('data-mesh-count').then(Number);

test('upload a model, bind an element, add a second model, reload: models and elements are still there (offline)', async ({ page }) => {
  await openDemoScene(page);
  page.once('dialog', (d) => void d.accept('Tank room'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await expect(page.getByText('This scene has no model')).toBeVisible();

  await page.getByLabel('Upload 3D model').setInputFiles('public/demo/scene/water-tank.glb');
  await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
  const tankMeshes = await meshCount(page);
  expect(tankMeshes).toBeGreaterThan(0);
  await page.getByLabel('Search model nodes').fill('FlowMeter');
  await page.getByRole('listbox', { name: 'Model nodes' }).getByRole('option', { name: 'FlowMeter' }).click();
  const editor = page.getByRole('region', { name: 'Element' });
  await editor.getByLabel('Primary twin').fill('Sensor-101-T');
  await editor.getByRole('button', { name: 'Create element' }).click();
  await expect(elementRow(page, /Sensor-101-T/)).toBeVisible();

  // A second model in the same scene: both are shown (their meshes add up).
  await page.getByLabel('Add 3D model').setInputFiles('public/demo/scene/duplex.glb');
  await expect(page.locator('[data-model-count]')).toHaveAttribute('data-model-count', '2');
  await expect.poll(() => meshCount(page), { timeout: 45_000 }).toBe(tankMeshes + 285);
  // Place the second model beside the first: the transform is part of the document.
  const duplex = page.getByRole('listitem', { name: 'Model duplex.glb' });
  await duplex.getByText('Placement').click();
  await duplex.getByLabel('duplex.glb position x').fill('40');
  await duplex.getByLabel('duplex.glb position x').press('Enter');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');

  // The model files now live in IndexedDB: forbid fetching any model over the network and reload.
  await page.route(/\.(glb|gltf)(\?|$)/, (route) => route.abort());
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Scene list' }).getByRole('option', { name: /Tank room/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
  await expect(page.locator('[data-model-count]')).toHaveAttribute('data-model-count', '2');
  expect(await meshCount(page)).toBe(tankMeshes + 285);
  await expect(elementRow(page, /Sensor-101-T/)).toBeVisible();
  const placed = page.getByRole('listitem', { name: 'Model duplex.glb' });
  await placed.getByText('Placement').click();
  await expect(placed.getByLabel('duplex.glb position x')).toHaveValue('40');
  const stored = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(stored).toContain('twinscape-scenes:default');
  expect(await page.evaluate(() => localStorage.getItem('twinscape.scenes.draft'))).toBeNull();
});

test('an edit made just before a reload is not lost; the first version\'s localStorage document is migrated once', async ({ page }) => {
  // The first studio version kept its document in localStorage (zustand persist): it moves into the engine.
  await page.goto('/explorer');
  const legacy = {
    state: {
      doc: { format: 'twinscape.scenes', version: 1, configuration: { scenes: [{ id: 'legacy-1', displayName: 'From localStorage', elements: [], behaviorIDs: [], assets: [] }], behaviors: [], layers: [] } },
      sceneId: 'legacy-1', initialised: true,
    },
    version: 1,
  };
  await page.evaluate((v) => localStorage.setItem('twinscape.scenes', JSON.stringify(v)), legacy);
  await page.goto('/scenes');
  await expect(page.getByRole('listbox', { name: 'Scene list' })).toContainText('From localStorage');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
  expect(await page.evaluate(() => localStorage.getItem('twinscape.scenes'))).toBeNull();

  // New scene, then reload at once (no time for the debounced commit): the draft brings it back.
  page.once('dialog', (d) => void d.accept('Quick one'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Scene list' })).toContainText('Quick one');
  await expect(page.getByRole('listbox', { name: 'Scene list' })).toContainText('From localStorage');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
});

test('two tabs: a scene created in one appears in the other', async ({ page, context }) => {
  await page.goto('/scenes');
  const listA = page.getByRole('listbox', { name: 'Scene list' });
  await expect(listA.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  const other = await context.newPage();
  await other.goto('/scenes');
  const listB = other.getByRole('listbox', { name: 'Scene list' });
  await expect(listB.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  page.once('dialog', (d) => void d.accept('Made in tab A'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved');
  await expect(listB).toContainText('Made in tab A');
});
