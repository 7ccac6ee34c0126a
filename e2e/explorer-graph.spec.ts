import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadDemoBuilding } from './support/demo.ts';

// Part A of the graph explorer, driven the way a user does it: real mouse moves for drag and drop, keyboard
// shortcuts, dialogs. Node positions come from the canvas's read-only test hook (window.__twinscapeGraph).

async function openDemo(page: Page) {
  await loadDemoBuilding(page);
  await expect(page.getByTestId('canvas-counts')).toHaveText(/^21 twins · 20 relationships on canvas/);
  await layoutSettled(page);
}

async function layoutSettled(page: Page) {
  await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.status().layoutRunning)).toBe(false);
}

/** Page coordinates of a twin's node on the canvas. */
async function nodePoint(page: Page, id: string) {
  const box = (await page.getByTestId('twin-graph').boundingBox())!;
  const p = await page.evaluate((twin) => window.__twinscapeGraph!.renderedPosition(twin), id);
  expect(p, `node ${id} is on the canvas`).not.toBeNull();
  return { x: box.x + p!.x, y: box.y + p!.y };
}

async function clickNode(page: Page, id: string) {
  const p = await nodePoint(page, id);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByRole('complementary', { name: 'Property inspector' }).getByRole('heading', { level: 3 })).toHaveText(id);
}

const tools = (page: Page) => page.getByRole('toolbar', { name: 'Twin graph tools' });
const canvasNodes = (page: Page) => page.evaluate(() => window.__twinscapeGraph!.nodeIds().sort());
const visibleNodes = (page: Page) => page.evaluate(() => window.__twinscapeGraph!.visibleNodeIds().sort());

async function runQuery(page: Page, query: string) {
  const editor = page.getByRole('combobox', { name: 'Query' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(query);
  await page.getByRole('button', { name: 'Run query' }).click();
}

test.describe('explorer graph (part A)', () => {
  test('the demo building is drawn with a layout, a legend of model colours and selection in the inspector', async ({ page }) => {
    await openDemo(page);
    const legend = page.getByRole('list', { name: 'Legend' });
    await expect(legend.getByRole('listitem')).toHaveCount(4);
    await expect(legend).toContainText('Room 6');
    await expect(legend).toContainText('Sensor 12');
    // Hierarchical layout: the building is above its floors, floors above rooms.
    const b = await nodePoint(page, 'Building-1');
    const f = await nodePoint(page, 'Floor-1');
    const r = await nodePoint(page, 'Room-101');
    expect(b.y).toBeLessThan(f.y);
    expect(f.y).toBeLessThan(r.y);

    await clickNode(page, 'Room-101');
    const inspector = page.getByRole('complementary', { name: 'Property inspector' });
    await expect(inspector).toContainText('dtmi:twinscape:demo:Room;1');
    // Typed editors: number for temperature, enum dropdown for roomType; inherited `name` marked.
    await expect(inspector.getByRole('spinbutton', { name: 'temperature', exact: true })).toBeVisible();
    await expect(inspector.getByRole('combobox', { name: 'roomType' })).toBeVisible();
    await expect(inspector.locator('[data-field="name"]')).toContainText('(from Space)');
    // Relationship selection.
    await page.getByRole('tab', { name: '$metadata' }).click();
    await expect(inspector.locator('pre[aria-readonly="true"]')).toContainText('"$model": "dtmi:twinscape:demo:Room;1"');
  });

  test('keyboard: arrows move between twins, F fits, Escape clears, H hides', async ({ page }) => {
    await openDemo(page);
    await clickNode(page, 'Floor-1');
    const canvas = page.getByTestId('twin-graph');
    await canvas.focus();
    await page.keyboard.press('ArrowUp');
    const heading = page.getByRole('complementary', { name: 'Property inspector' }).getByRole('heading', { level: 3 });
    await expect(heading).toHaveText('Building-1');
    await page.keyboard.press('ArrowDown');
    await expect(heading).not.toHaveText('Building-1');
    const zoom = await page.evaluate(() => window.__twinscapeGraph!.zoom());
    await page.keyboard.press('-');
    expect(await page.evaluate(() => window.__twinscapeGraph!.zoom())).toBeLessThan(zoom);
    await page.keyboard.press('f');
    await page.keyboard.press('h');
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(20);
    await page.getByRole('button', { name: 'Show hidden (1)' }).click();
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(21);
    await canvas.focus();
    await page.keyboard.press('Escape');
    await expect(page.getByText('Select a twin, relationship or model')).toBeVisible();
  });

  test('drag a model onto the canvas to create a twin with initial values; undo and redo', async ({ page }) => {
    await openDemo(page);
    const sensorModel = page.getByRole('treeitem', { name: /^Sensor dtmi:twinscape:demo:Sensor;1/ });
    const box = (await page.getByTestId('twin-graph').boundingBox())!;
    const from = (await sensorModel.boundingBox())!;
    await page.mouse.move(from.x + 30, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + 80, from.y + 20, { steps: 4 });
    await page.mouse.move(box.x + box.width - 60, box.y + 40, { steps: 8 });
    await page.mouse.up();
    const dialog = page.getByRole('dialog', { name: 'New Sensor twin' });
    await expect(dialog).toBeVisible();
    // A unique suggestion: Sensor-1 is free in the demo.
    await expect(dialog.getByLabel('Twin id')).toHaveValue('Sensor-1');
    await dialog.getByLabel('Twin id').fill('Sensor-new');
    await dialog.getByRole('button', { name: 'Set serialNumber' }).click();
    await dialog.getByRole('textbox', { name: 'serialNumber' }).fill('SN-42');
    await dialog.getByRole('button', { name: 'Set kind' }).click();
    await dialog.getByRole('combobox', { name: 'kind' }).selectOption('co2');
    await dialog.getByRole('button', { name: 'Create twin' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('count-twins')).toHaveText('22 twins');
    await expect(page.getByTestId('canvas-counts')).toHaveText(/^22 twins/);
    // It sits where it was dropped (top right of the canvas).
    const p = await nodePoint(page, 'Sensor-new');
    expect(Math.abs(p.x - (box.x + box.width - 60))).toBeLessThan(30);
    expect(Math.abs(p.y - (box.y + 40))).toBeLessThan(30);
    const inspector = page.getByRole('complementary', { name: 'Property inspector' });
    await expect(inspector.getByRole('textbox', { name: 'serialNumber' })).toHaveValue('SN-42');
    await expect(inspector.getByRole('combobox', { name: 'kind' })).toHaveValue('co2');

    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect.poll(() => canvasNodes(page)).not.toContain('Sensor-new');
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(page.getByTestId('count-twins')).toHaveText('22 twins');
    await expect.poll(() => canvasNodes(page)).toContain('Sensor-new');
  });

  test('drag from a twin handle to another twin: only allowed names, swap when only the reverse fits', async ({ page }) => {
    await openDemo(page);
    // Floor-2 -> Room-101: Floor allows hasRoom (target Room) — the offered names are exactly the allowed ones.
    await clickNode(page, 'Floor-2');
    const handle = page.getByTestId('edge-handle');
    const h = (await handle.boundingBox())!;
    const target = await nodePoint(page, 'Room-101');
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move((h.x + target.x) / 2, (h.y + target.y) / 2, { steps: 5 });
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    const dialog = page.getByRole('dialog', { name: 'New relationship' });
    await expect(dialog).toContainText('Floor-2 → Room-101');
    const names = await dialog.getByRole('combobox', { name: 'Relationship name' }).locator('option').allTextContents();
    expect(names.map((n) => n.split(' ')[0])).toEqual(['hasRoom']);
    await dialog.getByRole('button', { name: 'Create relationship' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('count-relationships')).toHaveText('21 relationships');
    await expect(page.getByTestId('canvas-counts')).toHaveText(/21 relationships on canvas/);
    await expect(page.getByRole('complementary', { name: 'Property inspector' })).toContainText('Floor-2 → Room-101');

    // Sensor -> Room: a sensor declares no relationship, the room does: offer the swap.
    await clickNode(page, 'Sensor-201-T');
    const h2 = (await page.getByTestId('edge-handle').boundingBox())!;
    const room = await nodePoint(page, 'Room-102');
    await page.mouse.move(h2.x + h2.width / 2, h2.y + h2.height / 2);
    await page.mouse.down();
    await page.mouse.move(room.x, room.y, { steps: 10 });
    await page.mouse.up();
    await expect(dialog).toContainText('declares no relationship');
    await dialog.getByRole('button', { name: /Swap direction/ }).click();
    await expect(dialog).toContainText('Room-102 → Sensor-201-T');
    await expect(dialog.getByRole('combobox', { name: 'Relationship name' })).toContainText('hasSensor');
    await dialog.getByRole('button', { name: 'Create relationship' }).click();
    await expect(page.getByTestId('count-relationships')).toHaveText('22 relationships');
  });

  test('delete previews the relationships that go with a twin; undo restores them', async ({ page }) => {
    await openDemo(page);
    await clickNode(page, 'Room-201');
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Room-201?' });
    const list = dialog.getByRole('list', { name: 'Relationships to delete' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(list).toContainText('Floor-2 —hasRoom→ Room-201');
    await expect(list).toContainText('Room-201 —hasSensor→ Sensor-201-T');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('20 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('17 relationships');
    await expect.poll(() => canvasNodes(page)).not.toContain('Room-201');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('20 relationships');
    await expect.poll(() => canvasNodes(page)).toContain('Room-201');
    await expect(page.getByTestId('canvas-counts')).toHaveText(/^21 twins · 20 relationships/);
  });

  test('expand a twin in, out and both up to depth N, then collapse', async ({ page }) => {
    await openDemo(page);
    await runQuery(page, "SELECT * FROM digitaltwins T WHERE T.$dtId = 'Floor-1'");
    await expect.poll(() => canvasNodes(page)).toEqual(['Floor-1']);
    await clickNode(page, 'Floor-1');
    await page.getByRole('combobox', { name: 'Expansion direction' }).selectOption('out');
    await tools(page).getByRole('button', { name: 'Expand', exact: true }).click();
    await expect.poll(() => canvasNodes(page)).toEqual(['Floor-1', 'Room-101', 'Room-102', 'Room-103']);
    await tools(page).getByRole('button', { name: 'Collapse', exact: true }).click();
    await expect.poll(() => canvasNodes(page)).toEqual(['Floor-1']);
    await page.getByRole('combobox', { name: 'Expansion direction' }).selectOption('in');
    await tools(page).getByRole('button', { name: 'Expand', exact: true }).click();
    await expect.poll(() => canvasNodes(page)).toEqual(['Building-1', 'Floor-1']);
    await tools(page).getByRole('button', { name: 'Collapse', exact: true }).click();
    await page.getByRole('combobox', { name: 'Expansion direction' }).selectOption('both');
    await page.getByRole('combobox', { name: 'Expansion depth' }).selectOption('2');
    await tools(page).getByRole('button', { name: 'Expand', exact: true }).click();
    // Depth 2 both ways: building, rooms, and from there the sensors and the other floor.
    await expect.poll(async () => (await canvasNodes(page)).length).toBe(1 + 1 + 3 + 6 + 1);
    await expect(page.getByTestId('canvas-counts')).toHaveText(/12 twins · 11 relationships/);
    // Double-click expands too.
    await tools(page).getByRole('button', { name: 'Collapse', exact: true }).click();
    await expect.poll(() => canvasNodes(page)).toEqual(['Floor-1']);
    await page.getByRole('combobox', { name: 'Expansion depth' }).selectOption('1');
    const p = await nodePoint(page, 'Floor-1');
    await page.mouse.dblclick(p.x, p.y);
    await expect.poll(() => canvasNodes(page)).toEqual(['Building-1', 'Floor-1', 'Room-101', 'Room-102', 'Room-103']);
  });

  test('filter and highlight by id, model with subtypes and property predicates; legend toggles', async ({ page }) => {
    await openDemo(page);
    const dimmed = () => page.evaluate(() => window.__twinscapeGraph!.nodeIds().filter((id) => window.__twinscapeGraph!.classesOf(id).includes('dim')).sort());
    await page.getByRole('combobox', { name: 'Filter by model' }).selectOption('dtmi:twinscape:demo:Space;1');
    // With subtypes: building, floors and rooms match; sensors are dimmed.
    await expect.poll(async () => (await dimmed()).length).toBe(12);
    await page.getByLabel('with subtypes').uncheck();
    await expect.poll(async () => (await dimmed()).length).toBe(21);
    await page.getByLabel('with subtypes').check();
    await page.getByRole('combobox', { name: 'Filter mode' }).selectOption('filter');
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(9);
    await page.getByRole('button', { name: '+ Property condition' }).click();
    await page.getByRole('textbox', { name: 'Property' }).fill('level');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption('>=');
    await page.getByRole('textbox', { name: 'Value' }).fill('2');
    await expect.poll(() => visibleNodes(page)).toEqual(['Floor-2']);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(21);
    await page.getByRole('searchbox', { name: 'Filter by id or display name' }).fill('room-10');
    await expect.poll(async () => (await dimmed()).length).toBe(18);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('checkbox', { name: 'Show Sensor twins' }).uncheck();
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(9);
    await page.getByRole('checkbox', { name: 'Show Sensor twins' }).check();
    await expect.poll(async () => (await visibleNodes(page)).length).toBe(21);
  });

  test('inspector saves a JSON Patch; a change from another tab shows live and a stale save offers a conflict retry', async ({ page, context }) => {
    await openDemo(page);
    await page.getByRole('combobox', { name: 'Display name property' }).selectOption('name');
    await clickNode(page, 'Room-101');
    const inspector = page.getByRole('complementary', { name: 'Property inspector' });
    const temp = inspector.getByRole('spinbutton', { name: 'temperature', exact: true });
    await temp.fill('23.5');
    await expect(inspector.getByLabel('JSON Patch')).toContainText('"path": "/temperature"');
    await inspector.getByRole('button', { name: 'Save' }).click();
    await expect(inspector.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    await inspector.getByRole('tab', { name: 'History' }).click();
    await expect(inspector.getByRole('region', { name: 'History of temperature' })).toContainText('23.5');
    // The whole property history downloads in ADT data history's columns.
    const [csv] = await Promise.all([page.waitForEvent('download'), inspector.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('Room-101-property-history.csv');
    const csvLines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
    expect(csvLines[0]).toBe('TimeStamp,SourceTimeStamp,ServiceId,Id,ModelId,Key,Value,RelationshipId,RelationshipTarget,Action');
    expect(csvLines.some((l) => l.includes(',Room-101,') && l.includes(',temperature,23.5,'))).toBe(true);
    const [ndjson] = await Promise.all([page.waitForEvent('download'), inspector.getByRole('button', { name: 'Export NDJSON' }).click()]);
    const rows = readFileSync(await ndjson.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { Id: string; Key: string; Value: unknown });
    expect(rows.filter((r) => r.Key === 'temperature').map((r) => r.Value)).toContain(23.5);
    expect(rows.every((r) => r.Id === 'Room-101')).toBe(true);
    await inspector.getByRole('tab', { name: 'Properties' }).click();

    // A second tab edits the same twin: this tab follows (no re-query) ...
    const other = await context.newPage();
    await other.goto('/explorer');
    await expect(other.getByTestId('canvas-counts')).toHaveText(/^21 twins/);
    await layoutSettled(other);
    await clickNode(other, 'Room-101');
    const otherInspector = other.getByRole('complementary', { name: 'Property inspector' });
    await otherInspector.getByRole('textbox', { name: 'name', exact: true }).fill('Lobby');
    await otherInspector.getByRole('button', { name: 'Save' }).click();
    await expect(otherInspector.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(inspector.getByRole('textbox', { name: 'name', exact: true })).toHaveValue('Lobby');
    await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.nodeIds().includes('Room-101'))).toBe(true);

    // ... and an edit made on a stale version is a conflict with both versions shown.
    await temp.fill('19');
    await otherInspector.getByRole('spinbutton', { name: 'temperature', exact: true }).fill('30');
    await otherInspector.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('This twin was changed elsewhere')).toBeVisible();
    await inspector.getByRole('button', { name: 'Save' }).click();
    const conflict = inspector.getByRole('region', { name: 'Conflict' });
    await expect(conflict.getByLabel('Stored version')).toContainText('"temperature": 30');
    await expect(conflict.getByLabel('Your changes')).toContainText('19');
    await conflict.getByRole('button', { name: 'Re-apply my changes to the stored version' }).click();
    await inspector.getByRole('button', { name: 'Save' }).click();
    await expect(inspector.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(otherInspector.getByRole('spinbutton', { name: 'temperature', exact: true })).toHaveValue('19');
  });

  test('layouts run in a worker, positions are remembered, moves undo', async ({ page }) => {
    await openDemo(page);
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('grid');
    await layoutSettled(page);
    const before = await nodePoint(page, 'Room-103');
    // Drag a node with the mouse, then undo the move.
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    await page.mouse.move(before.x + 60, before.y + 40, { steps: 6 });
    await page.mouse.up();
    const moved = await nodePoint(page, 'Room-103');
    expect(Math.abs(moved.x - before.x - 60)).toBeLessThan(6);
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(async () => Math.round((await nodePoint(page, 'Room-103')).x)).toBe(Math.round(before.x));
    // Positions survive a reload.
    await page.waitForTimeout(1000);
    const kept = await page.evaluate(() => window.__twinscapeGraph!.renderedPosition('Room-103'));
    await page.reload();
    await expect(page.getByTestId('canvas-counts')).toHaveText(/^21 twins/);
    await expect(page.getByRole('combobox', { name: 'Layout' })).toHaveValue('grid');
    const again = await page.evaluate(() => window.__twinscapeGraph!.renderedPosition('Room-103'));
    expect(Math.abs(again!.x - kept!.x)).toBeLessThan(40);
  });

  test('minimap moves the view; shift-drag box-selects twins that can then be hidden together', async ({ page }) => {
    await openDemo(page);
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.getByRole('button', { name: 'Minimap' }).click();
    const pan = await page.evaluate(() => window.__twinscapeGraph!.pan());
    const mm = (await page.getByTestId('minimap').boundingBox())!;
    await page.mouse.click(mm.x + 10, mm.y + 10);
    const after = await page.evaluate(() => window.__twinscapeGraph!.pan());
    expect(Math.abs(after.x - pan.x) + Math.abs(after.y - pan.y)).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Minimap' }).click();
    await expect(page.getByTestId('minimap')).toBeHidden();
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('f');
    // Box around the first floor's rooms: from above-left of Room-101 to below-right of Room-103.
    const a = await nodePoint(page, 'Room-101');
    const b = await nodePoint(page, 'Room-103');
    const [x1, x2] = [Math.min(a.x, b.x) - 12, Math.max(a.x, b.x) + 12];
    const [y1, y2] = [Math.min(a.y, b.y) - 12, Math.max(a.y, b.y) + 12];
    await page.keyboard.down('Shift');
    await page.mouse.move(x1, y1);
    await page.mouse.down();
    await page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, { steps: 4 });
    await page.mouse.move(x2, y2, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const boxed = await page.evaluate(() => window.__twinscapeGraph!.selectedNodeIds());
    expect(boxed).toContain('Room-101');
    expect(boxed).toContain('Room-103');
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('h');
    await expect.poll(async () => (await visibleNodes(page)).filter((id) => id === 'Room-101' || id === 'Room-103')).toEqual([]);
    expect((await visibleNodes(page)).length).toBeLessThanOrEqual(19);
  });

  test('Show in 3D: a twin selected in the graph opens the scene that shows it, with its element selected', async ({ page }) => {
    await openDemo(page);
    await clickNode(page, 'Sensor-101-T');
    const inspector = page.getByRole('complementary', { name: 'Property inspector' });
    // No scene element is bound to a sensor: the button says so instead of opening an empty scene.
    await expect(inspector.getByRole('button', { name: 'Show in 3D' })).toBeDisabled();
    await clickNode(page, 'Room-201');
    const show = inspector.getByRole('button', { name: 'Show in 3D' });
    await expect(show).toBeEnabled();
    await show.click();
    await expect(page).toHaveURL(/\/scenes\?twin=Room-201$/);
    await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
    await expect(page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name: /Room-201/ })).toHaveAttribute('aria-selected', 'true');
  });
});

test.describe('explorer graph (hover cards, relationship conflicts)', () => {
  test('hovering a twin shows a card with id, model, display name and properties, as text (no HTML injection)', async ({ page }) => {
    await openDemo(page);
    // Give a twin a name that is HTML: the card must show it as text.
    const evil = '<img src=x onerror="window.__hoverXss=1"><b>Lobby</b>';
    await clickNode(page, 'Room-101');
    const inspector = page.getByRole('complementary', { name: 'Property inspector' });
    await inspector.getByRole('textbox', { name: 'name', exact: true }).fill(evil);
    await inspector.getByRole('button', { name: 'Save' }).click();
    await expect(inspector.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Display name property' }).selectOption('name');
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('Escape');

    const card = page.getByTestId('hover-card');
    const sensor = await nodePoint(page, 'Sensor-101-T');
    await page.mouse.move(sensor.x - 40, sensor.y - 40);
    await page.mouse.move(sensor.x, sensor.y, { steps: 5 });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Sensor-101-T');
    await expect(card).toContainText('dtmi:twinscape:demo:Sensor;1');
    await expect(card).toContainText('serialNumber');
    await expect(card).toContainText('TS-101T-3471');

    // Leaving the twin hides the card; resting on another shows that one.
    const room = await nodePoint(page, 'Room-101');
    await page.mouse.move(room.x, room.y, { steps: 8 });
    await expect(card).toContainText('Room-101');
    await expect(card).toContainText(evil);
    await expect(card).toContainText('temperature');
    await expect(card.locator('img, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __hoverXss?: number }).__hoverXss)).toBeUndefined();
    const box = (await page.getByTestId('twin-graph').boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + box.height - 3, { steps: 4 });
    await expect(card).toBeHidden();
  });

  test('relationship properties: a stale save shows both versions and re-applies mine on the stored one', async ({ page, context }) => {
    // A small graph whose relationship has properties, imported the way a user does.
    const M = (n: string) => `dtmi:e2e:conflict:${n};1`;
    const file = {
      digitalTwinsFileInfo: { fileVersion: '1.0.0' },
      digitalTwinsModels: [
        { '@id': M('Site'), '@type': 'Interface', '@context': 'dtmi:dtdl:context;2', contents: [
          { '@type': 'Relationship', name: 'feeds', target: M('Pump'), properties: [
            { '@type': 'Property', name: 'note', schema: 'string' },
            { '@type': 'Property', name: 'priority', schema: 'integer' },
          ] },
        ] },
        { '@id': M('Pump'), '@type': 'Interface', '@context': 'dtmi:dtdl:context;2', contents: [{ '@type': 'Property', name: 'rpm', schema: 'double' }] },
      ],
      digitalTwinsGraph: {
        digitalTwins: [
          { $dtId: 'Site-1', $metadata: { $model: M('Site') } },
          { $dtId: 'Pump-1', $metadata: { $model: M('Pump') }, rpm: 1200 },
        ],
        relationships: [{ $relationshipId: 'feed-1', $sourceId: 'Site-1', $targetId: 'Pump-1', $relationshipName: 'feeds', $properties: { note: 'initial', priority: 1 } }],
      },
    };
    await page.goto('/explorer');
    await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
    await page.getByRole('button', { name: 'Import / export' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Import graph…' }).click();
    await (await chooser).setFiles({ name: 'pumps.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const dialog = page.getByRole('dialog', { name: 'Import graph' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toContainText('2 twins and 1 relationships');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('canvas-counts')).toHaveText(/^2 twins · 1 relationships on canvas/);
    await layoutSettled(page);

    const openRelationship = async (p: Page) => {
      const a = await nodePoint(p, 'Site-1');
      const b = await nodePoint(p, 'Pump-1');
      await p.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
      const inspector = p.getByRole('complementary', { name: 'Property inspector' });
      await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('feeds');
      return inspector;
    };
    const mine = await openRelationship(page);
    const note = mine.getByRole('textbox', { name: 'note', exact: true });
    await expect(note).toHaveValue('initial');

    // Step 1: another tab edits and saves the same relationship; this tab follows while it has no edit.
    const other = await context.newPage();
    await other.goto('/explorer');
    await expect(other.getByTestId('canvas-counts')).toHaveText(/^2 twins · 1 relationships/);
    await layoutSettled(other);
    const theirs = await openRelationship(other);
    await theirs.getByRole('spinbutton', { name: 'priority', exact: true }).fill('2');
    await theirs.getByRole('button', { name: 'Save' }).click();
    await expect(theirs.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    await expect(mine.getByRole('spinbutton', { name: 'priority', exact: true })).toHaveValue('2');

    // Step 2: I edit; they edit and save again; my save is made on a stale version -> conflict.
    await note.fill('mine');
    await theirs.getByRole('textbox', { name: 'note', exact: true }).fill('theirs');
    await theirs.getByRole('button', { name: 'Save' }).click();
    await expect(theirs.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    await expect(mine.getByText('This relationship was changed elsewhere')).toBeVisible();
    await expect(note).toHaveValue('mine');
    await mine.getByRole('button', { name: 'Save' }).click();
    const conflict = mine.getByRole('region', { name: 'Conflict' });
    await expect(conflict).toContainText('the stored relationship changed');
    await expect(conflict.getByLabel('Stored version')).toContainText('"note": "theirs"');
    await expect(conflict.getByLabel('Your changes')).toContainText('"value": "mine"');
    await conflict.getByRole('button', { name: 'Re-apply my changes to the stored version' }).click();
    await expect(conflict).toBeHidden();
    await expect(note).toHaveValue('mine');
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect(mine.getByRole('status').filter({ hasText: 'Saved 1 change' })).toBeVisible();
    // The other tab follows the saved result.
    await expect(theirs.getByRole('textbox', { name: 'note', exact: true })).toHaveValue('mine');
    await expect(theirs.getByRole('spinbutton', { name: 'priority', exact: true })).toHaveValue('2');
  });
});

test.describe('explorer graph (big graphs)', () => {
  /** An ADT Explorer graph file with the demo models: 1 building, 32 floors, 640 rooms, the rest sensors. */
  function bigFile(twinCount: number): string {
    const M = (n: string) => `dtmi:twinscape:demo:${n};1`;
    const twins: Record<string, unknown>[] = [{ $dtId: 'B', $metadata: { $model: M('Building') }, name: 'Big' }];
    const rels: Record<string, unknown>[] = [];
    for (let f = 0; f < 32; f++) {
      twins.push({ $dtId: `F${f}`, $metadata: { $model: M('Floor') }, level: f });
      rels.push({ $relationshipId: `B-F${f}`, $sourceId: 'B', $targetId: `F${f}`, $relationshipName: 'hasFloor' });
    }
    for (let r = 0; r < 640; r++) {
      twins.push({ $dtId: `R${r}`, $metadata: { $model: M('Room') }, temperature: 20 });
      rels.push({ $relationshipId: `F-R${r}`, $sourceId: `F${r % 32}`, $targetId: `R${r}`, $relationshipName: 'hasRoom' });
    }
    let sensors = 0;
    for (; twins.length < twinCount; sensors++) {
      twins.push({ $dtId: `S${sensors}`, $metadata: { $model: M('Sensor') }, serialNumber: `SN${sensors}` });
      rels.push({ $relationshipId: `R-S${sensors}`, $sourceId: `R${sensors % 640}`, $targetId: `S${sensors}`, $relationshipName: 'hasSensor' });
    }
    // Cross links, so that there are more relationships than a big canvas adds to Cytoscape at once.
    for (let k = 0; k < 1200; k++) rels.push({ $relationshipId: `X${k}`, $sourceId: `R${(k * 7) % 640}`, $targetId: `S${(k * 13 + 5) % sensors}`, $relationshipName: 'hasSensor' });
    return JSON.stringify({ digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins: twins, relationships: rels }, digitalTwinsModels: [] });
  }

  test('3,200 twins: level of detail, relationships drawn when zoomed in, a hierarchical layout in the worker, zoom previewed and applied once, slow layouts announced', async ({ page }) => {
    await loadDemoBuilding(page); // the demo's models
    await page.getByRole('button', { name: 'Import / export' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('menuitem', { name: 'Import graph…' }).click();
    await (await chooser).setFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(bigFile(3200)) });
    const dialog = page.getByRole('dialog', { name: 'Import graph' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByTestId('import-report')).toContainText('3200 twins');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // A fresh canvas with every twin (the demo's 21 are there too).
    await page.reload();
    const counts = page.getByTestId('canvas-counts');
    await expect(counts).toHaveText(/^3,221 twins · 4,419 relationships on canvas · level of detail \(zoom in to see relationships\)/, { timeout: 30_000 });
    await layoutSettled(page);
    // Zoomed out, the relationships are on the canvas's list but not in Cytoscape (they are not drawn).
    expect(await page.evaluate(() => window.__twinscapeGraph!.edgeIds().length)).toBe(0);
    // Hierarchical above dagre's size: the layered layout, each source above its targets.
    await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.status().lastLayoutAlgorithm)).toBe('layered');
    const y = async (id: string) => (await nodePoint(page, id)).y;
    expect(await y('B')).toBeLessThan(await y('F3'));
    expect(await y('F3')).toBeLessThan(await y('R3'));
    expect(await y('R3')).toBeLessThan(await y('S3'));

    // Wheel zoom on a room: previewed at once (the drawn canvas scaled), applied when the gesture pauses,
    // and the room stays under the mouse.
    const before = await page.evaluate(() => window.__twinscapeGraph!.zoom());
    const room = await nodePoint(page, 'R100');
    const mouse = { x: Math.round(room.x), y: Math.round(room.y) };
    await page.mouse.move(mouse.x, mouse.y);
    // Record the transforms the drawn canvas layer gets during the gesture (timing-independent evidence).
    await page.evaluate(() => {
      const layer = document.querySelector('[data-testid="twin-graph"] canvas')!.parentElement!;
      const seen: string[] = [];
      (window as unknown as { __transforms: string[] }).__transforms = seen;
      new MutationObserver(() => seen.push(layer.style.transform)).observe(layer, { attributes: true, attributeFilter: ['style'] });
    });
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
    await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.zoomPending()), { timeout: 5000 }).toBe(false);
    const transforms = await page.evaluate(() => (window as unknown as { __transforms: string[] }).__transforms);
    expect(transforms.filter((t) => t.startsWith('matrix(')).length).toBeGreaterThanOrEqual(1); // previewed
    expect(transforms.at(-1)).toBe(''); // applied: the layer is drawn at the new zoom, untransformed
    const factor = (await page.evaluate(() => window.__twinscapeGraph!.zoom())) / before;
    expect(factor).toBeGreaterThan(1.5);
    // The model point under the mouse stayed there: the room moved away from the mouse by `factor` times its
    // (sub-pixel) offset only.
    const after = await nodePoint(page, 'R100');
    expect(Math.abs(after.x - (mouse.x + (room.x - mouse.x) * factor))).toBeLessThan(1);
    expect(Math.abs(after.y - (mouse.y + (room.y - mouse.y) * factor))).toBeLessThan(1);
    // Zoomed in: the relationships around the view are drawn (not all 4,419).
    await expect(counts).not.toContainText('zoom in to see relationships');
    await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.edgeIds().length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__twinscapeGraph!.edgeIds().length)).toBeLessThan(4419);
    // Keyboard zoom takes the same path.
    const z1 = await page.evaluate(() => window.__twinscapeGraph!.zoom());
    await page.getByTestId('twin-graph').focus();
    await page.keyboard.press('-');
    expect(await page.evaluate(() => window.__twinscapeGraph!.zoom())).toBeCloseTo(z1 * 0.8, 5);
    // Zoomed out again, relationships are not drawn, except those of a selected twin.
    await page.keyboard.press('f');
    await expect(counts).toContainText('zoom in to see relationships');
    await clickNode(page, 'F3');
    const floorEdge = 'F3/relationships/F-R35';
    await expect.poll(() => page.evaluate((k) => window.__twinscapeGraph!.edgeIds().includes(k), floorEdge)).toBe(true);
    expect(await page.evaluate((k) => window.__twinscapeGraph!.classesOf(k), floorEdge)).toEqual(expect.arrayContaining(['lod-hidden', 'near-selection']));
    expect(await page.evaluate(() => window.__twinscapeGraph!.classesOf('B/relationships/B-F3'))).toEqual(expect.arrayContaining(['near-selection']));

    // A layout that is slow at this size is announced (and runs in the background); choosing another stops it.
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('fcose');
    await expect(page.getByRole('status').filter({ hasText: 'force (fcose) layout of 3,221 twins is slow' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('grid');
    await layoutSettled(page);
    await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.status().lastLayoutAlgorithm)).toBe('grid');
  });
});
