import { expect, test, type Page } from '@playwright/test';

async function demoInLive(page: Page): Promise<void> {
  await page.goto('/explorer');
  await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  await page.getByRole('button', { name: 'Load demo building' }).click();
  await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/\/live$/);
  await expect(page.getByRole('main', { name: 'Live' })).toBeVisible();
}

const log = (page: Page) => page.getByTestId('live-log');

async function addGenerator(page: Page, id: string, target: string, property: string, rate: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Generator' });
  await form.getByLabel('Id', { exact: true }).fill(id);
  await form.getByLabel('Target id').fill(target);
  await form.getByLabel('Property').fill(property);
  await form.getByLabel('Rate').fill(rate);
  await form.getByRole('button', { name: 'Save generator' }).click();
  await expect(page.getByTestId(`generator-${id}`)).toBeVisible();
}

async function setCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Function code' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test.describe('live data', () => {
  test('routes: an invalid filter is refused at its column; matching events reach the event log, which filters and pauses', async ({ page }) => {
    await demoInLive(page);
    await page.getByRole('tab', { name: 'Routes' }).click();
    const form = page.getByRole('form', { name: 'Route' });
    await form.getByLabel('Route id').fill('rooms');
    await form.getByLabel('Filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND AND");
    await form.getByRole('button', { name: 'Save route' }).click();
    await expect(page.getByRole('alert')).toContainText('column 49');
    await expect(page.getByTestId('filter-caret')).toHaveText(/\n {48}\^$/);
    await expect(page.getByRole('table', { name: 'Routes' }).getByRole('row')).toHaveCount(1);

    await form.getByLabel('Filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND STARTS_WITH($body.modelId, 'dtmi:twinscape:demo:Room') AND subject IN ('Room-101')");
    await form.getByRole('button', { name: 'Save route' }).click();
    await expect(page.getByRole('table', { name: 'Routes' }).getByRole('row')).toHaveCount(2);

    // Two generators: only Room-101's updates match the route.
    await page.getByRole('tab', { name: 'Connections' }).click();
    await addGenerator(page, 'g101', 'Room-101', 'co2', '5');
    await addGenerator(page, 'g102', 'Room-102', 'co2', '5');
    await page.getByRole('button', { name: 'Start g101' }).click();
    await page.getByRole('button', { name: 'Start g102' }).click();
    await expect(log(page).locator('[data-kind="event"]').first()).toContainText('Microsoft.DigitalTwins.Twin.Update Room-101');
    await expect.poll(async () => log(page).locator('[data-kind="event"]').count()).toBeGreaterThan(3);
    expect(await log(page).locator('[data-kind="event"]', { hasText: 'Room-102' }).count()).toBe(0);

    // Pause: the list stops growing while new entries are counted; resume catches up.
    await page.getByRole('button', { name: 'Pause' }).click();
    const frozen = await log(page).locator('[data-kind="event"]').count();
    await expect(page.getByRole('status').filter({ hasText: /Paused — \d+ new/ })).toBeVisible();
    expect(await log(page).locator('[data-kind="event"]').count()).toBe(frozen);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => log(page).locator('[data-kind="event"]').count()).toBeGreaterThan(frozen);

    // Text filter and kind filter.
    await page.getByLabel('Filter log').fill('Started');
    await expect(log(page).locator('li')).toHaveCount(2);
    await page.getByLabel('Filter log').fill('');
    await page.getByRole('button', { name: 'Stop g101' }).click();
    await page.getByRole('button', { name: 'Stop g102' }).click();
    await page.getByRole('tab', { name: 'Routes' }).click();
    await expect(page.getByTestId('endpoint-event-log').getByTestId('delivered')).not.toHaveText('0');
  });

  test('simulator: random walk on every room; counts agree; history chart and CSV export', async ({ page }) => {
    await demoInLive(page);
    const form = page.getByRole('form', { name: 'Generator' });
    await form.getByLabel('Target kind').selectOption('model');
    await addGenerator(page, 'rooms', 'dtmi:twinscape:demo:Room;1', 'temperature', '10');
    await page.getByRole('button', { name: 'Start rooms' }).click();
    await expect(log(page)).toContainText('Started (6 twin(s) at 10/s)');
    await expect.poll(async () => Number(await page.getByTestId('generator-rooms').getByTestId('generated').textContent()), { timeout: 15_000 }).toBeGreaterThan(120);
    await page.getByRole('button', { name: 'Stop rooms' }).click();
    const row = page.getByTestId('generator-rooms').getByRole('cell');
    await expect.poll(async () => (await row.nth(4).textContent()) === (await row.nth(5).textContent())).toBe(true);
    const generated = Number(await row.nth(4).textContent());
    await expect(row.nth(6)).toHaveText('0');

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByLabel('History twin').fill('Room-203');
    await page.getByLabel('History property').fill('temperature');
    await page.getByRole('button', { name: 'Show chart' }).click();
    // Every generated value of this room is in its history (the import itself writes none).
    await expect(page.getByTestId('history-status')).toHaveText(`${generated / 6} point(s)`);
    await expect(page.getByTestId('history-chart').locator('canvas')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Room-203-temperature.csv');
    const text = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(text as Buffer[]).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('time,twinId,property,value');
    expect(lines).toHaveLength(generated / 6 + 1);
  });

  test('functions: the demo functions keep comfort and floor averages; an endless loop is terminated and logged, the app stays responsive', async ({ page }) => {
    await demoInLive(page);
    await page.getByRole('tab', { name: 'Functions' }).click();
    await page.getByRole('button', { name: 'Load demo functions' }).click();
    await expect(page.getByTestId('function-room-comfort')).toBeVisible();
    await expect(page.getByTestId('function-floor-average')).toBeVisible();

    await page.getByRole('tab', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Load demo sensors' }).click();
    await expect(page.getByTestId('generator-sensor-101-T')).toBeVisible();
    await page.getByRole('button', { name: 'Start all' }).click();
    await expect(log(page).locator('[data-kind="function"]', { hasText: /Floor-1 average temperature \d/ }).first()).toBeVisible({ timeout: 15_000 });
    await expect(log(page).locator('[data-kind="function"]', { hasText: /Floor-2 average temperature \d/ }).first()).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Stop all' }).click();

    // A function that never returns.
    await page.getByRole('tab', { name: 'Functions' }).click();
    await page.getByRole('button', { name: 'New function' }).click();
    await page.getByLabel('Function name').fill('spin');
    await page.getByLabel('Trigger filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND subject = 'Room-202'");
    await page.getByLabel('Time limit').fill('300');
    await setCode(page, 'async function onEvent(event, api) {\napi.log("spinning on " + event.subject);\nwhile (true) {}\n}');
    await page.getByRole('button', { name: 'Save function' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved spin' })).toBeVisible();

    await page.getByRole('tab', { name: 'Connections' }).click();
    await addGenerator(page, 'poke', 'Room-202', 'co2', '2');
    await page.getByRole('button', { name: 'Start poke' }).click();
    await expect(log(page).locator('[data-kind="function"]', { hasText: 'spinning on Room-202' }).first()).toBeVisible();
    await expect(log(page).locator('.error', { hasText: /spin.*Timed out: the call ran longer than 300 ms; its worker was terminated/ }).first()).toBeVisible();
    // Still responsive: the UI switches views and the engine answers while spin keeps timing out.
    await page.keyboard.press('Alt+1');
    await expect(page).toHaveURL(/\/explorer$/);
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: 'Stop poke' }).click();
    await page.getByRole('tab', { name: 'Functions' }).click();
    await expect(page.getByTestId('function-spin')).toContainText(/timeouts [1-9]/);
    await expect(page.getByTestId('function-room-comfort')).toContainText('failures 0');
    await expect(page.getByRole('status').filter({ hasText: /Engine ready/ })).toBeVisible();
  });
});
