import type { Locator, Page } from '@playwright/test';

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/** An ADT Explorer graph file of `count` demo sensors (no relationships, no models), named by `idOf`. */
export function sensorGraphFile(name: string, count: number, idOf: (i: number) => string): FilePayload {
  const twins = Array.from({ length: count }, (_, i) => ({ $dtId: idOf(i), $metadata: { $model: 'dtmi:twinscape:demo:Sensor;1' }, serialNumber: `S-${i}`, online: i % 2 === 0 }));
  const body = JSON.stringify({ digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins: twins, relationships: [] }, digitalTwinsModels: [] });
  return { name, mimeType: 'application/json', buffer: Buffer.from(body) };
}

/** Chooses `file` through Import / export → Import graph… and returns the Import graph dialog (at its preview). */
export async function openGraphImport(page: Page, file: string | FilePayload): Promise<Locator> {
  await page.getByRole('button', { name: 'Import / export' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Import graph…' }).click();
  await (await chooser).setFiles(file);
  return page.getByRole('dialog', { name: 'Import graph' });
}
