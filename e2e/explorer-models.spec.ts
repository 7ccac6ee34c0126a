/**
 * Models panel and graph import/export, the way a user does it: file pickers, folder picker, zip, drag and drop
 * of files onto the window, the model tree, the model graph, decommission/delete, downloads.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { openGraphImport } from './support/graphImport.ts';

const FIX = join(process.cwd(), 'fixtures');
const LAB = join(FIX, 'explorer', 'models');
const REC = join(FIX, 'ontologies', 'realestatecore');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function openExplorer(page: Page) {
  await page.goto('/explorer');
  await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  const tab = page.getByRole('tab', { name: 'Models', exact: true });
  if (await tab.count()) await tab.click();
  return page.getByRole('region', { name: 'Models', exact: true });
}

async function loadDemo(page: Page) {
  await page.getByRole('button', { name: 'Load demo building' }).click();
  await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
}

/** Drops files on the window as the browser does (a DataTransfer carrying File objects). */
async function dropFiles(page: Page, files: Array<{ name: string; text: string }>) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    return dt;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

test.describe('models panel', () => {
  test('file picker import: inheritance tree, search by id and name, twin counts', async ({ page }) => {
    const models = await openExplorer(page);
    await loadDemo(page);
    await models.getByLabel('Model files').setInputFiles([join(LAB, 'Device.json'), join(LAB, 'Thermostat.json'), join(LAB, 'Bench.json')]);
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/Imported 3 models from 3 files/);
    await expect(page.getByTestId('count-models')).toHaveText('8 models');

    const tree = models.getByRole('tree', { name: 'Models' });
    const thermostat = tree.getByRole('treeitem', { name: /Lab thermostat/ });
    await expect(thermostat).toHaveAttribute('aria-level', '2');
    await expect(tree.getByRole('treeitem', { name: /^Room dtmi/ })).toHaveAttribute('aria-level', '2');
    await expect(tree.getByRole('treeitem', { name: /^Space dtmi/ })).toHaveAttribute('aria-level', '1');

    // Twin counts: exact, and including subtypes (Space has none of its own, 9 through Building/Floor/Room).
    await expect(models.getByTestId('twin-count-dtmi:twinscape:demo:Sensor;1')).toHaveText('12');
    await expect(models.getByTestId('twin-count-dtmi:twinscape:demo:Room;1')).toHaveText('6');
    await expect(models.getByTestId('twin-count-dtmi:twinscape:demo:Space;1')).toHaveText('0/9');

    await models.getByLabel('Search models').fill('thermo');
    await expect(tree.getByRole('treeitem')).toHaveCount(2); // the match and its parent for context
    await models.getByLabel('Search models').fill('test:lab:bench');
    await expect(tree.getByRole('treeitem')).toHaveCount(1);
    await expect(tree.getByRole('treeitem')).toHaveAccessibleName(/Lab bench/);
    await models.getByLabel('Search models').fill('');

    // Keyboard: arrows move, Enter selects and shows the details.
    await tree.getByRole('treeitem').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(models.getByRole('region', { name: /^Model / })).toBeVisible();
  });

  test('folder picker and zip archive import; delete all models, leaves first', async ({ page }) => {
    const models = await openExplorer(page);
    await models.getByLabel('Model folder').setInputFiles(LAB);
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/Imported 3 models from 3 files/);
    await expect(page.getByTestId('count-models')).toHaveText('3 models');
    // Device is extended by Thermostat: deleting all goes leaves first, so nothing is refused.
    await models.getByRole('button', { name: 'Delete all models…' }).click();
    await models.getByRole('button', { name: 'Delete 3 models' }).click();
    await expect(models.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText(/Deleted 3 models\./);
    await expect(page.getByTestId('count-models')).toHaveText('0 models');
    await models.getByLabel('Model folder').setInputFiles(LAB);
    await expect(page.getByTestId('count-models')).toHaveText('3 models');

    const zip = zipSync({ 'pack/ok-fan.json': readFileSync(join(FIX, 'explorer', 'ok-fan.json')), 'pack/readme.txt': strToU8('not a model') });
    await models.getByLabel('Model files').setInputFiles({ name: 'pack.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/Imported 1 model from 1 file/);
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toContainText('pack.zip/pack/readme.txt');
    await expect(page.getByTestId('count-models')).toHaveText('4 models');
  });

  test('drag and drop of files onto the window, with the drop overlay', async ({ page }) => {
    const models = await openExplorer(page);
    const files = readdirSync(LAB).map((n) => ({ name: n, text: readFileSync(join(LAB, n), 'utf8') }));
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{}'], 'x.json'));
      return dt;
    });
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await expect(page.getByText('Drop DTDL files, folders or zips to import models')).toBeVisible();
    await page.dispatchEvent('body', 'dragleave', { dataTransfer });
    await expect(page.getByText('Drop DTDL files, folders or zips to import models')).toBeHidden();
    await dropFiles(page, files);
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/Imported 3 models/);
    await expect(page.getByTestId('count-models')).toHaveText('3 models');
  });

  test('errors name the file, the line, the validation id and the fix; nothing is stored', async ({ page }) => {
    const models = await openExplorer(page);
    await models.getByLabel('Model files').setInputFiles([join(FIX, 'explorer', 'bad-schema.json'), join(FIX, 'explorer', 'ok-fan.json')]);
    const errors = models.getByRole('alert', { name: 'Model import errors' });
    await expect(errors).toContainText('Nothing was imported');
    await expect(errors).toContainText('bad-schema.json:10:7');
    await expect(errors).toContainText('dtmi:test:lab:Lamp;1');
    await expect(errors).toContainText('dtmi:dtdl:parsingError:badDtmiOrTerm');
    await expect(errors).toContainText("'doubel'");
    await expect(errors).toContainText('Fix:');
    await expect(page.getByTestId('count-models')).toHaveText('0 models');
    await expect(models.getByRole('tree')).toHaveCount(0);

    await models.getByLabel('Model files').setInputFiles([join(FIX, 'explorer', 'bad-syntax.json'), join(FIX, 'explorer', 'ok-fan.json')]);
    await expect(errors).toContainText('bad-syntax.json:5:3');
    await expect(errors).toContainText("expected ',' or '}'");
    await expect(page.getByTestId('count-models')).toHaveText('0 models');

    // Uploading a model that already exists is refused with the model and the fix.
    await models.getByLabel('Model files').setInputFiles(join(FIX, 'explorer', 'ok-fan.json'));
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
    await models.getByLabel('Model files').setInputFiles(join(FIX, 'explorer', 'ok-fan.json'));
    await expect(errors).toContainText('ok-fan.json:2');
    await expect(errors).toContainText('ModelIdAlreadyExists');
    await expect(errors).toContainText('new version');
  });

  test('RealEstateCore (768 DTDL v3 models in folders) imports in one drop with zero errors', async ({ page }) => {
    test.setTimeout(120_000);
    const models = await openExplorer(page);
    const files = walk(REC)
      .filter((p) => p.endsWith('.json'))
      .map((p) => ({ name: relative(REC, p), text: readFileSync(p, 'utf8') }));
    expect(files).toHaveLength(768);
    await dropFiles(page, files);
    await expect(models.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(/Imported 768 models from 768 files/, { timeout: 90_000 });
    await expect(models.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('count-models')).toHaveText('768 models');
    await models.getByLabel('Search models').fill('AirHandlingUnit');
    await models.getByRole('treeitem', { name: /^Air handling unit|AirHandlingUnit/i }).first().click();
    const details = models.getByRole('region', { name: /^Model / });
    await expect(details).toContainText(/\d+ contents \(\d+ inherited\)/);

    // The model graph of a big ontology opens around the selected model; "all models" shows the 768.
    await models.getByRole('button', { name: 'Model graph' }).click();
    const dialog = page.getByRole('dialog', { name: 'Model graph' });
    await expect(dialog.getByRole('table', { name: 'Contents' })).toContainText('inherited from');
    await expect(dialog.getByLabel('Show')).toHaveValue('1');
    const counts = dialog.getByTestId('model-graph-counts');
    await expect(counts).toHaveText(/^([2-9]|[1-4][0-9]) models/);
    await dialog.getByLabel('Show').selectOption('0');
    await expect(counts).toHaveText(/^76[89] models/);
  });

  test('model graph: kinds toggle, click a model for its definition and inherited contents', async ({ page }) => {
    const models = await openExplorer(page);
    await loadDemo(page);
    await models.getByRole('button', { name: 'Model graph' }).click();
    const dialog = page.getByRole('dialog', { name: 'Model graph' });
    const counts = dialog.getByTestId('model-graph-counts');
    // 5 models; 3 extends (Building, Floor, Room -> Space) + 3 relationships (hasFloor, hasRoom, hasSensor).
    await expect(counts).toHaveText('5 models, 6 edges');
    await dialog.getByRole('checkbox', { name: 'Relationships' }).uncheck();
    await expect(counts).toHaveText('5 models, 3 edges');
    await dialog.getByRole('checkbox', { name: 'Extends' }).uncheck();
    await expect(counts).toHaveText('5 models, 0 edges');
    await dialog.getByRole('checkbox', { name: 'Relationships' }).check();
    await dialog.getByLabel('Layout').selectOption('grid');

    // Click the Room node on the canvas.
    const canvas = dialog.getByTestId('model-graph-canvas');
    const pos = await canvas.evaluate((el) => {
      const cy = (el as HTMLElement & { cy: { $id(id: string): { renderedPosition(): { x: number; y: number } } } }).cy;
      return cy.$id('dtmi:twinscape:demo:Room;1').renderedPosition();
    });
    await canvas.click({ position: { x: pos.x, y: pos.y } });
    const details = dialog.getByRole('region', { name: 'Model Room' });
    await expect(details).toBeVisible();
    const contents = details.getByRole('table', { name: 'Contents' });
    await expect(contents.getByRole('row', { name: /temperature .*this model/ }).first()).toBeVisible();
    await expect(contents.getByRole('row', { name: /^name .*inherited from Space/ })).toBeVisible();
    await expect(contents.getByRole('row', { name: /hasSensor Relationship → dtmi:twinscape:demo:Sensor;1/ })).toBeVisible();
    await details.getByRole('button', { name: 'Show definition' }).click();
    await expect(details.getByLabel('Model definition')).toContainText('"@id": "dtmi:twinscape:demo:Room;1"');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  test("decommission and delete follow ADT's rules, refusals are explained", async ({ page }) => {
    const models = await openExplorer(page);
    await loadDemo(page);
    const tree = models.getByRole('tree', { name: 'Models' });
    await tree.getByRole('treeitem', { name: /^Space dtmi/ }).click();
    const details = models.getByRole('region', { name: 'Model Space' });
    await details.getByRole('button', { name: 'Delete model' }).click();
    await details.getByRole('button', { name: 'Confirm delete' }).click();
    const refusal = details.getByRole('alert');
    await expect(refusal).toContainText('Refused (ModelReferencesNotDeleted)');
    await expect(refusal).toContainText('dtmi:twinscape:demo:Building;1');
    await expect(refusal).toContainText('Delete those first');
    await expect(page.getByTestId('count-models')).toHaveText('5 models');

    // Query-by-model from the list (ADT Explorer #6/#167): the model's twins, subtypes included, go to the canvas.
    await details.getByRole('button', { name: 'Show its twins' }).click();
    await expect(details.getByRole('status')).toHaveText('9 twins of dtmi:twinscape:demo:Space;1 (with subtypes) on the canvas.');
    await expect(page.getByText(/^9 twins · 8 relationships on canvas/)).toBeVisible();

    await tree.getByRole('treeitem', { name: /^Sensor dtmi/ }).click();
    const sensor = models.getByRole('region', { name: 'Model Sensor' });
    await sensor.getByRole('button', { name: 'Decommission' }).click();
    await expect(sensor.getByRole('status')).toContainText('decommissioned');
    await expect(tree.getByRole('treeitem', { name: /^Sensor dtmi/ })).toContainText('decommissioned');

    await models.getByLabel('Model files').setInputFiles(join(FIX, 'explorer', 'ok-fan.json'));
    await expect(page.getByTestId('count-models')).toHaveText('6 models');
    await tree.getByRole('treeitem', { name: /^Fan dtmi/ }).click();
    const fan = models.getByRole('region', { name: 'Model Fan' });
    await fan.getByRole('button', { name: 'Delete model' }).click();
    await fan.getByRole('button', { name: 'Confirm delete' }).click();
    await expect(page.getByTestId('count-models')).toHaveText('5 models');
    await expect(tree.getByRole('treeitem', { name: /^Fan dtmi/ })).toHaveCount(0);
  });

  test('download all models as a zip; a model list item drags its DTMI', async ({ page }) => {
    const models = await openExplorer(page);
    await loadDemo(page);
    const downloading = page.waitForEvent('download');
    await models.getByRole('button', { name: 'Download all models' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('twinscape-models.zip');
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files).sort()).toEqual(['twinscape_demo_Building-1.json', 'twinscape_demo_Floor-1.json', 'twinscape_demo_Room-1.json', 'twinscape_demo_Sensor-1.json', 'twinscape_demo_Space-1.json']);
    expect(JSON.parse(strFromU8(files['twinscape_demo_Room-1.json']))['@id']).toBe('dtmi:twinscape:demo:Room;1');

    const item = models.getByRole('treeitem', { name: /^Room dtmi/ });
    await expect(item).toHaveAttribute('draggable', 'true');
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
    await item.dispatchEvent('dragstart', { dataTransfer });
    expect(await dataTransfer.evaluate((dt) => dt.getData('application/x-twinscape-model'))).toBe('dtmi:twinscape:demo:Room;1');
  });
});

test.describe('graph import and export', () => {
  test('spreadsheet CSV: preview, import, report; importing it again duplicates nothing', async ({ page }) => {
    await openExplorer(page);
    await loadDemo(page);
    const sheet = join(FIX, 'explorer', 'building-sheet.csv');
    let dialog = await openGraphImport(page, sheet);
    const preview = dialog.getByRole('region', { name: 'Import preview' });
    await expect(dialog).toContainText('ADT Explorer spreadsheet (CSV)');
    await expect(preview).toContainText('3 twins');
    await expect(preview).toContainText('3 relationships');
    await expect(preview.getByRole('cell', { name: 'Room-901' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toHaveText(/Imported 0 models, 3 twins and 3 relationships/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('24 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('23 relationships');
    // The model list's twin counts follow the import.
    await expect(page.getByRole('region', { name: 'Models', exact: true }).getByTestId('twin-count-dtmi:twinscape:demo:Room;1')).toHaveText('8');

    dialog = await openGraphImport(page, sheet);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('24 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('23 relationships');
  });

  test('spreadsheet problems are listed by row and block the import; XLSX reads the same layout', async ({ page }) => {
    await openExplorer(page);
    await loadDemo(page);
    let dialog = await openGraphImport(page, join(FIX, 'explorer', 'bad-sheet.csv'));
    const problems = dialog.getByRole('alert');
    await expect(problems).toContainText('row 2: "Relationship Name" is required');
    await expect(problems).toContainText('row 3: Init Data is not valid JSON');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    const x = (s: string) => strToU8(s);
    const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</t></is></c>`;
    const xlsx = zipSync({
      'xl/workbook.xml': x('<workbook><sheets><sheet name="Twins" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': x('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': x(
        '<worksheet><sheetData>' +
          `<row r="1">${cell('A1', 'ModelID')}${cell('B1', 'ID (must be unique)')}${cell('C1', 'Relationship (From)')}${cell('D1', 'Relationship Name')}${cell('E1', 'Init Data')}</row>` +
          `<row r="2">${cell('A2', 'dtmi:twinscape:demo:Sensor;1')}${cell('B2', 'Sensor-X1')}${cell('C2', 'Room-101')}${cell('D2', 'hasSensor')}${cell('E2', '{"kind": "co2", "online": true}')}</row>` +
          '</sheetData></worksheet>',
      ),
    });
    dialog = await openGraphImport(page, { name: 'sensors.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(xlsx) });
    await expect(dialog).toContainText('ADT Explorer spreadsheet (XLSX)');
    await expect(dialog.getByRole('region', { name: 'Import preview' })).toContainText('1 twins');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toHaveText(/1 twins and 1 relationships/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('22 twins');
  });

  test('export the workspace as .json; it re-imports unchanged', async ({ page }) => {
    await openExplorer(page);
    await loadDemo(page);
    const exportOnce = async () => {
      await page.getByRole('button', { name: 'Import / export' }).click();
      const downloading = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: 'Export workspace (.json)' }).click();
      const d = await downloading;
      expect(d.suggestedFilename()).toMatch(/\.json$/);
      return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
    };
    const first = await exportOnce();
    const doc = JSON.parse(first.text);
    expect(doc.digitalTwinsFileInfo.fileVersion).toBe('1.0.0');
    expect(doc.digitalTwinsGraph.digitalTwins).toHaveLength(21);
    expect(doc.digitalTwinsGraph.relationships).toHaveLength(20);

    const dialog = await openGraphImport(page, { name: first.name, mimeType: 'application/json', buffer: Buffer.from(first.text) });
    await expect(dialog.getByRole('region', { name: 'Import preview' })).toContainText('21 twins');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toHaveText(/5 models, 21 twins and 20 relationships/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('20 relationships');
    const second = await exportOnce();
    const strip = (text: string) => JSON.stringify(JSON.parse(text), (k, v) => (k === '$etag' || k === 'lastUpdateTime' || k === '$lastUpdateTime' ? undefined : v));
    expect(strip(second.text)).toBe(strip(first.text));

    // The ADT bulk-import NDJSON export re-imports too.
    await page.getByRole('button', { name: 'Import / export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Export workspace (.ndjson)' }).click();
    const nd = await downloading;
    expect(nd.suggestedFilename()).toMatch(/\.ndjson$/);
    const ndText = readFileSync(await nd.path(), 'utf8');
    const ndDialog = await openGraphImport(page, { name: nd.suggestedFilename(), mimeType: 'application/x-ndjson', buffer: Buffer.from(ndText) });
    await expect(ndDialog).toContainText('ADT bulk import (NDJSON)');
    await expect(ndDialog.getByRole('region', { name: 'Import preview' })).toContainText('21 twins');
    await ndDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(ndDialog.getByTestId('import-report')).toHaveText(/21 twins and 20 relationships/);
    await ndDialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('20 relationships');
  });
});
