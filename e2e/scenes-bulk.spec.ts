import { expect, test } from '@playwright/test';
import { openDemoScene } from './support/demo.ts';
import { boxGridGlb } from '../src/scenes/testing/boxGridGlb.ts';

/**
 * Bulk binding by query, as a user does it: a model whose node names are sensor serial numbers, the twins chosen
 * by an ADT query run in the engine, matched on a twin property, previewed, created in one undoable step.
 */
test('bulk binding: twins from an ADT query, matched to node names by a property, created in one undoable step', async ({ page }) => {
  await openDemoScene(page);
  page.once('dialog', (d) => void d.accept('Sensors'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await expect(page.getByText('This scene has no model')).toBeVisible();
  // Node names: three temperature sensors' serial numbers, a humidity sensor's, and a pump.
  const glb = boxGridGlb(['TS-101T-3471', 'TS-102T-2186', 'TS-201T-2408', 'TS-101H-7468', 'Pump']);
  await page.getByLabel('Upload 3D model').setInputFiles({ name: 'sensors.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from(glb) });
  await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });

  const bulk = page.locator('details[aria-label="Bulk binding"]');
  await bulk.locator('summary').click();
  await bulk.getByLabel('Twins an ADT query returns').check();
  await expect(page.getByTestId('bulk-count')).toContainText('run the query');
  // A query the engine refuses says why.
  await bulk.getByLabel('Twin query').fill('SELECT * FROM NOWHERE');
  await bulk.getByRole('button', { name: 'Run query' }).click();
  await expect(bulk.getByRole('alert')).toBeVisible();

  await bulk.getByLabel('Twin query').fill("SELECT * FROM DIGITALTWINS T WHERE T.kind = 'temperature'");
  await bulk.getByRole('button', { name: 'Run query' }).click();
  await bulk.getByLabel('Twin property').fill('serialNumber');
  await expect(page.getByTestId('bulk-count')).toHaveText('3 match(es) among 6 twin(s) from the query');
  const preview = bulk.getByRole('list', { name: 'Bulk matches' });
  await expect(preview.getByRole('listitem')).toHaveText(['TS-101T-3471 → Sensor-101-T', 'TS-102T-2186 → Sensor-102-T', 'TS-201T-2408 → Sensor-201-T']);
  // The humidity sensor's serial number is a node too, but the query left that twin out.
  await expect(preview).not.toContainText('TS-101H');

  await bulk.getByRole('button', { name: 'Create 3 element(s)' }).click();
  await expect(bulk.getByRole('status')).toHaveText('Created 3 element(s)');
  const rows = page.getByRole('listbox', { name: 'Element list' }).getByRole('option');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'Sensor-201-T' })).toBeVisible();
  // Bound meshes are no longer candidates.
  await expect(page.getByTestId('bulk-count')).toHaveText('0 match(es) among 6 twin(s) from the query');

  // One step: one undo removes all three, redo brings them back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(rows).toHaveCount(3);
});
