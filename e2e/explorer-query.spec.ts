/**
 * The query panel, the way a user works it: typing with completion, Ctrl+Enter, inline errors, result tabs,
 * sorting and CSV export, paging, explain, history and saved queries across reloads.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadDemoBuilding } from './support/demo.ts';
import { openGraphImport, sensorGraphFile } from './support/graphImport.ts';

async function openWithDemo(page: Page) {
  await loadDemoBuilding(page);
  const panel = page.getByRole('region', { name: 'Query', exact: true });
  return { panel, editor: panel.getByRole('combobox', { name: 'Query' }) };
}

async function typeQuery(page: Page, editor: ReturnType<Page['getByRole']>, text: string) {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await editor.pressSequentially(text);
}

test.describe('query panel', () => {
  test('highlighting, completion of model ids and properties, Ctrl+Enter, table sort and CSV', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    await typeQuery(page, editor, "select * from digitaltwins T where IS_OF_MODEL(T, 'dtmi:twinscape:demo:Ro");
    const suggestions = panel.getByRole('listbox', { name: 'Suggestions' });
    await expect(suggestions.getByRole('option')).toHaveText([/dtmi:twinscape:demo:Room;1/]);
    await page.keyboard.press('Enter');
    await expect(editor).toHaveValue("select * from digitaltwins T where IS_OF_MODEL(T, 'dtmi:twinscape:demo:Room;1");
    await editor.pressSequentially("') AND T.tem");
    // Narrowed to Room's properties (own and inherited) by IS_OF_MODEL.
    await expect(suggestions.getByRole('option')).toHaveText([/temperature/, /targetTemperature/]);
    await page.keyboard.press('Tab');
    await editor.pressSequentially(' > 22');
    await expect(suggestions).toBeHidden();
    await expect(editor).toHaveValue("select * from digitaltwins T where IS_OF_MODEL(T, 'dtmi:twinscape:demo:Room;1') AND T.temperature > 22");

    // Highlighting: keywords, function, string, number are told apart (case-insensitively for keywords).
    const hl = panel.locator('.qe-highlight');
    await expect(hl.locator('.q-keyword', { hasText: /^select$/ })).toHaveCount(1);
    await expect(hl.locator('.q-function', { hasText: 'IS_OF_MODEL' })).toHaveCount(1);
    await expect(hl.locator('.q-string')).toHaveText(["'dtmi:twinscape:demo:Room;1'"]);
    await expect(hl.locator('.q-number')).toHaveText(['22']);

    await page.keyboard.press('Control+Enter');
    await expect(panel.getByTestId('query-summary')).toContainText('4 rows');
    await expect(panel.getByTestId('graph-summary')).toContainText('4 twins and 0 relationships on the canvas (replaced)');

    await panel.getByRole('tab', { name: 'Table' }).click();
    const table = panel.getByRole('table', { name: 'Query results' });
    await table.getByRole('button', { name: 'temperature', exact: true }).click();
    await expect(table.getByRole('columnheader', { name: /^temperature/ })).toHaveAttribute('aria-sort', 'ascending');
    const firstIds = async () => (await table.locator('tbody tr td:first-child').allTextContents()).filter(Boolean);
    expect(await firstIds()).toEqual(['Room-102', 'Room-103', 'Room-203', 'Room-202']);
    await table.getByRole('button', { name: /^temperature/ }).click();
    expect(await firstIds()).toEqual(['Room-202', 'Room-203', 'Room-103', 'Room-102']);

    const downloading = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8').split('\r\n');
    expect(csv[0].split(',').slice(0, 2)).toEqual(['$dtId', '$metadata.$model']);
    expect(csv[1].startsWith('Room-202,dtmi:twinscape:demo:Room;1')).toBe(true);
    expect(csv).toHaveLength(6);

    await panel.getByRole('tab', { name: 'JSON' }).click();
    await expect(panel.getByLabel('Raw JSON')).toContainText('"$dtId": "Room-202"');
    // Results fold away to give the canvas room, and come back.
    await panel.getByRole('button', { name: 'Hide results' }).click();
    await expect(panel.getByLabel('Raw JSON')).toBeHidden();
    await panel.getByRole('button', { name: 'Show results' }).click();
    await expect(panel.getByLabel('Raw JSON')).toBeVisible();
  });

  test('keys typed straight after accepting a completion land after it, even when frames come late', async ({ page }) => {
    // A busy machine: every animation frame a third of a second late.
    await page.addInitScript(() => {
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf(() => setTimeout(() => cb(performance.now()), 300));
    });
    const { panel, editor } = await openWithDemo(page);
    await typeQuery(page, editor, "select * from digitaltwins T where IS_OF_MODEL(T, 'dtmi:twinscape:demo:Ro");
    await expect(panel.getByRole('listbox', { name: 'Suggestions' }).getByRole('option')).toHaveText([/dtmi:twinscape:demo:Room;1/]);
    await page.keyboard.press('Enter');
    await editor.pressSequentially("') AND T.tem", { delay: 60 });
    await expect(editor).toHaveValue("select * from digitaltwins T where IS_OF_MODEL(T, 'dtmi:twinscape:demo:Room;1') AND T.tem");
  });

  test('the engine error is shown inline at its position', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    await typeQuery(page, editor, 'SELECT * FROM DIGITALTWINS T WHERE T.temperature >');
    await page.keyboard.press('Control+Enter');
    const error = panel.getByRole('alert');
    await expect(error).toContainText('Line 1, column 51');
    await expect(error).toContainText('SQL query parse failed');
    await expect(editor).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.locator('.qe-highlight .q-error')).toHaveCount(1);

    await typeQuery(page, editor, 'SELECT * FROM DIGITALTWINS T WHERE T.name = @x');
    await page.keyboard.press('Control+Enter');
    await expect(panel.locator('.qe-highlight .q-error')).toHaveText('@');
    await typeQuery(page, editor, "SELECT * FROM DIGITALTWINS T WHERE T.name = 'Floor 1'");
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(panel.getByTestId('query-summary')).toContainText('1 row');
  });

  test('every row shape in the table: COUNT, projections, JOIN', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    const run = async (q: string) => {
      await typeQuery(page, editor, q);
      await page.keyboard.press('Control+Enter');
    };
    await run('SELECT COUNT() FROM DIGITALTWINS');
    // No twins in the result: the Table tab opens by itself.
    await expect(panel.getByRole('tab', { name: 'Table' })).toHaveAttribute('aria-selected', 'true');
    const table = panel.getByRole('table', { name: 'Query results' });
    await expect(table.getByRole('cell', { name: '21', exact: true })).toBeVisible();

    await run("SELECT T.name AS n, T.level FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:twinscape:demo:Floor;1')");
    await expect(table.getByRole('columnheader')).toHaveText([/^n/, /^level/]);
    await expect(table.getByRole('cell', { name: 'Floor 2' })).toBeVisible();

    await run("SELECT F, R FROM DIGITALTWINS F JOIN R RELATED F.hasRoom WHERE F.$dtId = 'Floor-1'");
    await expect(table.getByRole('columnheader', { name: 'F.$dtId' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'R.$dtId' })).toBeVisible();
    await expect(panel.getByTestId('table-row-count')).toContainText('3 rows');
    await panel.getByRole('tab', { name: 'Graph' }).click();
    // JOIN projections unwrap into twins (ADT Explorer #173), with the relationships between them.
    await expect(panel.getByTestId('graph-summary')).toContainText('4 twins and 3 relationships');

    await run('SELECT * FROM RELATIONSHIPS R WHERE R.$relationshipName = \'hasFloor\'');
    await panel.getByRole('tab', { name: 'Table' }).click();
    await expect(table.getByRole('columnheader')).toHaveText([/^\$relationshipId/, /^\$sourceId/, /^\$targetId/, /^\$relationshipName/, /.*/]);
    await expect(panel.getByTestId('table-row-count')).toContainText('2 rows');
  });

  test('paging with continuation tokens, and the plan from explain', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    await panel.getByLabel('Page size').selectOption('100');
    // Add 230 sensors through the import menu, then page through them.
    const dialog = await openGraphImport(page, sensorGraphFile('extra.json', 230, (i) => `Extra-${String(i).padStart(3, '0')}`));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('251 twins');

    await typeQuery(page, editor, "SELECT * FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'Extra-')");
    await panel.getByRole('button', { name: 'Run query' }).click();
    const summary = panel.getByTestId('query-summary');
    await expect(summary).toContainText('100 rows · 1 page');
    await panel.getByRole('button', { name: 'Load more' }).click();
    await expect(summary).toContainText('200 rows · 2 pages');
    await panel.getByRole('button', { name: 'Load more' }).click();
    await expect(summary).toContainText('230 rows · 3 pages');
    await expect(panel.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    // "Load all" follows every continuation token in one go.
    await panel.getByRole('button', { name: 'Run query' }).click();
    await expect(summary).toContainText('100 rows · 1 page');
    await panel.getByRole('button', { name: 'Load all' }).click();
    await expect(summary).toContainText('230 rows · 3 pages');
    await expect(panel.getByRole('button', { name: 'Load all' })).toHaveCount(0);
    await panel.getByRole('tab', { name: 'Table' }).click();
    await expect(panel.getByTestId('table-row-count')).toContainText('230 rows');
    // Virtualised: far fewer rows in the DOM than in the result.
    expect(await panel.locator('table[aria-label="Query results"] tbody tr[aria-rowindex]').count()).toBeLessThan(100);

    await panel.getByRole('button', { name: 'Explain' }).click();
    await expect(panel.getByRole('tab', { name: 'Plan' })).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByLabel('Query plan')).not.toBeEmpty();
  });

  test('results replace the canvas, or overlay onto it', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    await typeQuery(page, editor, "SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:twinscape:demo:Floor;1')");
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByTestId('graph-summary')).toHaveText('2 twins and 0 relationships on the canvas (replaced).');
    await expect(page.getByText(/^2 twins · 0 relationships on canvas/)).toBeVisible();
    await panel.getByRole('checkbox', { name: 'Overlay results' }).check();
    await typeQuery(page, editor, "SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN ['Building-1', 'Room-101']");
    await page.keyboard.press('Control+Enter');
    // Added to what was there, with the relationships between old and new twins (Building-1 -> both floors, Floor-1 -> Room-101).
    await expect(panel.getByTestId('graph-summary')).toHaveText('2 twins and 3 relationships on the canvas (overlay).');
    await expect(page.getByText(/^4 twins · 3 relationships on canvas/)).toBeVisible();

    // What the canvas shows exports as an ADT Explorer file with just the models it needs.
    await page.getByRole('button', { name: 'Import / export' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Export canvas (.json)' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/-canvas\.json$/);
    const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
    expect(doc.digitalTwinsGraph.digitalTwins.map((t: { $dtId: string }) => t.$dtId)).toEqual(['Building-1', 'Floor-1', 'Floor-2', 'Room-101']);
    expect(doc.digitalTwinsGraph.relationships).toHaveLength(3);
    expect(doc.digitalTwinsModels.map((m: { '@id': string }) => m['@id'])).toEqual([
      'dtmi:twinscape:demo:Space;1', 'dtmi:twinscape:demo:Building;1', 'dtmi:twinscape:demo:Floor;1', 'dtmi:twinscape:demo:Room;1',
    ]);
  });

  test('history and named saved queries survive a reload', async ({ page }) => {
    const { panel, editor } = await openWithDemo(page);
    await typeQuery(page, editor, 'SELECT COUNT() FROM RELATIONSHIPS');
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByTestId('query-summary')).toContainText('1 row');
    await panel.getByRole('button', { name: 'Save query…' }).click();
    await panel.getByLabel('Query name').fill('Edge count');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await typeQuery(page, editor, "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'Building-1'");
    await page.keyboard.press('Control+Enter');
    await expect(panel.getByRole('table', { name: 'Query results' }).getByRole('cell', { name: 'Building-1', exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
    const history = panel.getByLabel('History');
    await expect(history.getByRole('option')).toHaveText(['2 recent', "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'Building-1'", 'SELECT COUNT() FROM RELATIONSHIPS']);
    await history.selectOption('SELECT COUNT() FROM RELATIONSHIPS');
    await expect(editor).toHaveValue('SELECT COUNT() FROM RELATIONSHIPS');
    await typeQuery(page, editor, 'SELECT');
    await panel.getByLabel('Saved queries').selectOption('Edge count');
    await expect(editor).toHaveValue('SELECT COUNT() FROM RELATIONSHIPS');
    await panel.getByText('Manage saved').click();
    await panel.getByRole('button', { name: 'Delete saved query Edge count' }).click();
    await expect(panel.getByLabel('Saved queries').getByRole('option')).toHaveText(['none yet']);
  });
});
