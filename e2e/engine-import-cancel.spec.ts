import { expect, test, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { loadDemoBuilding } from './support/demo.ts';
import { openGraphImport, sensorGraphFile } from './support/graphImport.ts';

/**
 * Issue 4: a real import abort. Cancel in the explorer's import dialog aborts the import's signal; the engine stops
 * between chunks and aborts its transaction. The engine worker is NOT restarted (it used to be), nothing is stored,
 * and a second tab on the workspace never sees any of it.
 */

// The engine's worker (built: assets/worker-<hash>.js), not the explorer's layout worker (layoutWorker-<hash>.js).
const isEngineWorker = (w: Worker) => /\/worker-[\w-]+\.js(\?.*)?$|\/engine\/worker\.ts/.test(w.url());

async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().filter(isEngineWorker).length).toBe(1);
  return page.workers().find(isEngineWorker)!;
}

/** Tab A loads the demo; tab B opens the explorer on the same workspace and shows it. */
async function demoInTwoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  await loadDemoBuilding(a);
  const b = await context.newPage();
  await b.goto('/explorer');
  await expect(b.getByTestId('count-twins')).toHaveText('21 twins');
  return [a, b];
}

test('cancelling a long import stops it in the running engine: nothing stored, no worker restart, other tab unaffected', async ({ context }) => {
  test.setTimeout(120_000);
  const [a, b] = await demoInTwoTabs(context);

  const worker = await engineWorker(a);
  let workerClosed = false;
  worker.on('close', () => (workerClosed = true));

  const dialog = await openGraphImport(a, sensorGraphFile('bulk.json', 60_000, (i) => `Bulk-${i}`));
  await expect(dialog.getByRole('region', { name: 'Import preview' })).toContainText('60000 twins');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog.getByRole('region', { name: 'Import report' })).toContainText('Import cancelled: nothing was imported.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The same worker answers at once: no restart, no crash message, the counts as before.
  const status = a.getByRole('status').filter({ hasText: /Engine/ });
  await expect(status).toHaveText(/Engine ready/);
  await expect(a.getByTestId('count-twins')).toHaveText('21 twins');
  expect(workerClosed, 'the engine worker was not terminated').toBe(false);
  expect(a.workers().filter(isEngineWorker)).toEqual([worker]);

  // Nothing was stored: a reload reads the workspace from IndexedDB; the other tab never saw a change either.
  await expect(b.getByTestId('count-twins')).toHaveText('21 twins');
  await a.reload();
  await expect(a.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  await expect(a.getByTestId('count-twins')).toHaveText('21 twins');
  await expect(a.getByTestId('count-relationships')).toHaveText('20 relationships');
});

test('a big import is stored in one go, survives a reload, and the other tab follows', async ({ context }) => {
  test.setTimeout(120_000);
  const [a, b] = await demoInTwoTabs(context);

  const dialog = await openGraphImport(a, sensorGraphFile('bulk.json', 30_000, (i) => `Bulk-${i}`));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-report')).toContainText('30000 twins', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(a.getByTestId('count-twins')).toHaveText('30021 twins');
  await expect(b.getByTestId('count-twins')).toHaveText('30021 twins');

  // Stored (IndexedDB, in the import's own form): a reload reads it all back.
  await a.reload();
  await expect(a.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  await expect(a.getByTestId('count-twins')).toHaveText('30021 twins');
  await expect(a.getByTestId('count-relationships')).toHaveText('20 relationships');
});
