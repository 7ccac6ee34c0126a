import { createServer as createHttpServer } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { freePort } from '../fixtures/freePort.ts';
import { startBroker } from '../fixtures/live/mosquitto.ts';
import { loadDemoBuilding } from './support/demo.ts';

async function demoInLive(page: Page): Promise<void> {
  await loadDemoBuilding(page);
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

    // The route and the generators are kept across a reload.
    await page.reload();
    await page.getByRole('tab', { name: 'Routes' }).click();
    await expect(page.getByRole('table', { name: 'Routes' }).getByRole('row', { name: /rooms event-log/ })).toBeVisible();
    await page.getByRole('tab', { name: 'Connections' }).click();
    await expect(page.getByTestId('generator-g101')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start g101' })).toBeVisible();
  });

  test('the event log keeps 1,000 entries but renders only the rows in view; scrolling reaches the oldest', async ({ page }) => {
    await demoInLive(page);
    await page.getByRole('tab', { name: 'Routes' }).click();
    const form = page.getByRole('form', { name: 'Route' });
    await form.getByLabel('Route id').fill('all');
    await form.getByLabel('Filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update'");
    await form.getByRole('button', { name: 'Save route' }).click();
    await page.getByRole('tab', { name: 'Connections' }).click();
    await page.getByRole('form', { name: 'Generator' }).getByLabel('Target kind').selectOption('model');
    await addGenerator(page, 'busy', 'dtmi:twinscape:demo:Room;1', 'co2', '50');
    await page.getByRole('button', { name: 'Start busy' }).click();
    await expect.poll(async () => Number(await log(page).getAttribute('data-entries')), { timeout: 20_000 }).toBe(1000);
    await page.getByRole('button', { name: 'Stop busy' }).click();
    const rendered = await log(page).locator('li').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(120);
    // The oldest kept entry (the 1,000th newest in the engine's log) is at the bottom: scroll there and it is drawn.
    await expect.poll(async () => {
      const oldest = await page.evaluate(async () => {
        const h = (globalThis as unknown as { __twinscapeLive: { live: (m: string, q: unknown) => Promise<{ entries: Array<{ seq: number }> }> } }).__twinscapeLive;
        return (await h.live('log', { limit: 1000 })).entries[0]!.seq;
      });
      await page.locator('.live-log-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
      await page.waitForTimeout(100);
      return (await log(page).locator('li').last().getAttribute('data-seq')) === String(oldest);
    }).toBe(true);
    expect(await log(page).locator('li').count()).toBeLessThan(120);
  });

  test('simulator: random walk on every room; counts agree; history chart and CSV export; replay of recorded history', async ({ page }) => {
    await demoInLive(page);
    const form = page.getByRole('form', { name: 'Generator' });
    await form.getByLabel('Target kind').selectOption('model');
    await addGenerator(page, 'rooms', 'dtmi:twinscape:demo:Room;1', 'temperature', '10');
    await page.getByRole('button', { name: 'Start rooms' }).click();
    await expect(log(page)).toContainText('Started (6 twin(s) at 10/s)');
    await expect.poll(async () => Number(await page.getByTestId('generator-rooms').getByTestId('generated').textContent()), { timeout: 15_000 }).toBeGreaterThan(120);
    await page.getByRole('button', { name: 'Stop rooms' }).click();
    // Stopped (the list read after the stop): the generated count is final; the applied one catches up with it.
    await expect(page.getByRole('button', { name: 'Start rooms' })).toBeVisible();
    const row = page.getByTestId('generator-rooms').getByRole('cell');
    await expect.poll(async () => (await row.nth(4).textContent()) === (await row.nth(5).textContent())).toBe(true);
    const generated = Number(await row.nth(4).textContent());
    await expect(row.nth(6)).toHaveText('0');

    // Every generated value is in the rooms' history (the import itself writes none) ...
    const stored = await page.evaluate(async () => {
      type History = { ok: boolean; value: Array<{ Id: string }> };
      const hook = (globalThis as unknown as { __twinscapeLive: { engine: { propertyHistory(q: unknown): Promise<History> } } }).__twinscapeLive;
      const h = await hook.engine.propertyHistory({ property: 'temperature' });
      return h.ok ? h.value.length : -1;
    });
    expect(stored).toBe(generated);
    // ... and the chart shows one room's share: the rooms' updates are spread over the period, so a stop can end
    // mid-round and each room has one of the two nearest whole shares.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByLabel('History twin').fill('Room-203');
    await page.getByLabel('History property').fill('temperature');
    await page.getByRole('button', { name: 'Show chart' }).click();
    await expect(page.getByTestId('history-status')).toHaveText(new RegExp(`^(${Math.floor(generated / 6)}|${Math.ceil(generated / 6)}) point\\(s\\)$`));
    const room203 = Number((await page.getByTestId('history-status').textContent())!.split(' ')[0]);
    await expect(page.getByTestId('history-chart').locator('canvas')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Room-203-temperature.csv');
    const text = await (await file.createReadStream()).toArray();
    const lines = Buffer.concat(text as Buffer[]).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('time,twinId,property,value');
    expect(lines).toHaveLength(room203 + 1);

    // Replay of recorded history: Room-203's recorded temperatures, in order, become Room-201's.
    const recorded = lines.slice(1).map((l) => l.split(',')[3]);
    await page.getByRole('tab', { name: 'Connections' }).click();
    await form.getByLabel('Target kind').selectOption('twin');
    await form.getByLabel('Generator kind').selectOption('replay');
    await form.getByLabel('Source twin (empty: each twin replays its own history)').fill('Room-203');
    await addGenerator(page, 'echo', 'Room-201', 'temperature', '10');
    await page.getByRole('button', { name: 'Start echo' }).click();
    await expect.poll(async () => Number(await page.getByTestId('generator-echo').getByTestId('generated').textContent())).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Stop echo' }).click();
    await expect(page.getByRole('button', { name: 'Start echo' })).toBeVisible();
    const echoRow = page.getByTestId('generator-echo').getByRole('cell');
    await expect.poll(async () => (await echoRow.nth(4).textContent()) === (await echoRow.nth(5).textContent())).toBe(true);
    const echoed = Number(await echoRow.nth(4).textContent());
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByLabel('History twin').fill('Room-201');
    await page.getByLabel('History property').fill('temperature');
    await page.getByRole('button', { name: 'Show chart' }).click();
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const echoLines = Buffer.concat(await (await (await again).createReadStream()).toArray() as Buffer[]).toString('utf8').trim().split('\n').slice(1);
    // Room-201's history starts with its own random walk (the 'rooms' generator); the replayed values follow, looping.
    expect(echoLines.slice(-echoed).map((l) => l.split(',')[3])).toEqual(Array.from({ length: echoed }, (_, k) => recorded[k % recorded.length]));
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

  test('functions: the editor completes the API; without network access, import() is refused with its position and logged; allowing network accepts it', async ({ page }) => {
    await demoInLive(page);
    await page.getByRole('tab', { name: 'Functions' }).click();
    await page.getByRole('button', { name: 'New function' }).click();
    // The editor completes the function API after `api.`.
    await setCode(page, 'async function onEvent(event, api) {\n  ');
    await page.keyboard.type('api.pat');
    const option = page.getByRole('listbox').getByRole('option', { name: /patchTwin/ });
    await expect(option).toBeVisible();
    await option.click();
    await expect(page.getByRole('textbox', { name: 'Function code' })).toContainText('api.patchTwin');

    await page.getByLabel('Function name').fill('importer');
    await page.getByLabel('Trigger filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND subject = 'Room-202'");
    await setCode(page, "async function onEvent(event, api) {\n  const m = await import('data:text/javascript,export default 42');\n  api.log('loaded ' + m.default);\n}");
    await page.getByRole('button', { name: 'Save function' }).click();
    await expect(page.getByRole('alert')).toContainText('Line 2, column 19: import() is not allowed in a function without network access');
    await expect(log(page).locator('.error', { hasText: /importer.*Not saved: Line 2, column 19: import\(\) is not allowed/ })).toBeVisible();
    await expect(page.getByTestId('function-importer')).toHaveCount(0);

    // With network allowed the same code is saved and runs (data: URLs load in Chromium's worker).
    await page.getByLabel('Allow network').check();
    await page.getByRole('button', { name: 'Save function' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved importer' })).toBeVisible();
    await page.getByRole('tab', { name: 'Connections' }).click();
    await addGenerator(page, 'poke2', 'Room-202', 'co2', '2');
    await page.getByRole('button', { name: 'Start poke2' }).click();
    await expect(log(page).locator('[data-kind="function"]', { hasText: 'loaded 42' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Stop poke2' }).click();
  });

  test('MQTT: a real mosquitto over WebSocket patches twins through mapping rules; a malformed payload is logged and changes nothing; the explorer and the 3D scene follow', async ({ page }) => {
    test.setTimeout(120_000);
    const broker = await startBroker();
    const publisher = await mqtt.connectAsync(broker.tcpUrl);
    try {
      await demoInLive(page);
      const form = page.getByRole('form', { name: 'MQTT connection' });
      await form.getByLabel('Broker URL').fill(broker.url);
      await form.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByTestId('mqtt-state')).toHaveText('connected');
      await expect(log(page)).toContainText('subscribed to twinscape/+/climate, twinscape/sensors/#');

      await publisher.publishAsync('twinscape/Room-101/climate', JSON.stringify({ t: 26.5 }));
      await expect(page.getByTestId('mqtt-applied')).toHaveText('1');
      await publisher.publishAsync('twinscape/Room-101/climate', '{"t": 99');
      await expect(page.getByTestId('mqtt-malformed')).toHaveText('1');
      await expect(log(page).locator('.warn', { hasText: /Malformed message on twinscape\/Room-101\/climate: payload is not JSON/ })).toBeVisible();
      await publisher.publishAsync('twinscape/Nope-1/climate', JSON.stringify({ t: 20 }));
      await expect(page.getByTestId('mqtt-malformed')).toHaveText('2');
      await expect(log(page)).toContainText('rejected by the engine: DigitalTwinNotFound');
      await publisher.publishAsync('twinscape/sensors/x', JSON.stringify({ device: 'Sensor-101-T', value: 22 }));
      await publisher.publishAsync('twinscape/Room-101/climate', JSON.stringify({ t: 19.25 }));
      await expect(page.getByTestId('mqtt-applied')).toHaveText('3');
      await expect(page.getByTestId('mqtt-received')).toHaveText('5');
      await expect(page.getByTestId('mqtt-state')).toHaveText('connected');

      // The twin has exactly the two valid values, in order.
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByLabel('History twin').fill('Room-101');
      await page.getByLabel('History property').fill('temperature');
      await page.getByRole('button', { name: 'Show chart' }).click();
      await expect(page.getByTestId('history-status')).toHaveText('2 point(s)');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const chunks = await (await (await download).createReadStream()).toArray();
      const values = Buffer.concat(chunks as Buffer[]).toString('utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]);
      expect(values).toEqual(['26.5', '19.25']);

      // The explorer follows: Room-101's inspector shows the broker's value, and the next one live.
      await page.keyboard.press('Alt+1');
      await expect(page.getByTestId('canvas-counts')).toHaveText(/^21 twins/);
      await expect.poll(() => page.evaluate(() => window.__twinscapeGraph!.status().layoutRunning)).toBe(false);
      const box = (await page.getByTestId('twin-graph').boundingBox())!;
      const at = (await page.evaluate(() => window.__twinscapeGraph!.renderedPosition('Room-101')))!;
      await page.mouse.click(box.x + at.x, box.y + at.y);
      const inspector = page.getByRole('complementary', { name: 'Property inspector' });
      await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('Room-101');
      const temperature = inspector.getByRole('spinbutton', { name: 'temperature', exact: true });
      await expect(temperature).toHaveValue('19.25');
      await publisher.publishAsync('twinscape/Room-101/climate', JSON.stringify({ t: 26.5 }));
      await expect(temperature).toHaveValue('26.5');

      // ... and so does the 3D scene (in-app navigation: the MQTT source lives in the engine worker): the demo's
      // temperature rule turns Room-101 (the living room) red above 24 °C, its label shows the value; back under, green.
      await page.keyboard.press('Alt+2');
      await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
      const room = page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name: /Room-101/ });
      await expect(room).toHaveAttribute('data-color', '#c32f27');
      await expect(page.getByTestId('scene-label').filter({ hasText: 'Living room 26.5 °C' })).toBeVisible();
      await publisher.publishAsync('twinscape/Room-101/climate', JSON.stringify({ t: 20.75 }));
      await expect(room).toHaveAttribute('data-color', '#26c485');
      // Labels show one decimal.
      await expect(page.getByTestId('scene-label').filter({ hasText: 'Living room 20.8 °C' })).toBeVisible();
      await expect(page.getByTestId('scene-label').filter({ hasText: 'Living room 26.5 °C' })).toHaveCount(0);
    } finally {
      await publisher.endAsync(true);
      await broker.stop();
    }
  });

  test('CSV replay feeds routes to a BroadcastChannel and to webhooks (retried after a 503, dead-lettered on a 400)', async ({ page }) => {
    const posts: Array<{ path: string; body: string }> = [];
    let flakyCalls = 0;
    const server = createHttpServer((req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'content-type');
      res.setHeader('access-control-allow-methods', 'POST');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body });
        if (req.url === '/flaky') res.writeHead(flakyCalls++ === 0 ? 503 : 200).end();
        else res.writeHead(400).end();
      });
    });
    const port = await freePort();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    try {
      await demoInLive(page);
      await page.evaluate(() => {
        const w = window as unknown as { __bc: Array<{ routeId: string; event: { subject: string } }> };
        w.__bc = [];
        new BroadcastChannel('twinscape-events:default').onmessage = (e) => w.__bc.push(e.data);
      });
      await page.getByRole('tab', { name: 'Routes' }).click();
      const hook = page.getByRole('form', { name: 'Webhook' });
      for (const name of ['flaky', 'reject']) {
        await hook.getByLabel('Webhook name').fill(name);
        await hook.getByLabel('Webhook URL').fill(`http://127.0.0.1:${port}/${name}`);
        await hook.getByRole('button', { name: 'Add webhook' }).click();
        await expect(page.getByTestId(`endpoint-${name}`)).toBeVisible();
      }
      const route = page.getByRole('form', { name: 'Route' });
      for (const [id, endpoint] of [['to-flaky', 'flaky'], ['to-reject', 'reject'], ['to-channel', 'broadcast']]) {
        await route.getByLabel('Route id').fill(id!);
        await route.getByLabel('Endpoint').selectOption(endpoint!);
        await route.getByLabel('Filter').fill("type = 'Microsoft.DigitalTwins.Twin.Update' AND subject = 'Room-101'");
        await route.getByRole('button', { name: 'Save route' }).click();
      }
      await expect(page.getByRole('table', { name: 'Routes' }).getByRole('row')).toHaveCount(4);

      await page.getByRole('tab', { name: 'Connections' }).click();
      const csv = 'time,twinId,property,value\n2026-01-01T00:00:00Z,Room-101,temperature,20.5\n2026-01-01T00:00:01Z,Room-101,temperature,21\n2026-01-01T00:00:02Z,Room-101,temperature,21.5\nnot-a-time,Room-101,temperature,1\n';
      await page.getByLabel('CSV file').setInputFiles({ name: 'room.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByLabel('Replay speed').selectOption('100');
      await page.getByRole('button', { name: 'Start replay' }).click();
      await expect(page.getByTestId('replay-status')).toHaveText('Idle · sent 3/3 · applied 3 · rejected 0 · malformed rows 1');
      await expect(log(page)).toContainText("CSV line 5 skipped: bad time 'not-a-time'");

      await expect.poll(() => page.evaluate(() => (window as unknown as { __bc: Array<{ routeId: string; event: { subject: string } }> }).__bc.map((m) => `${m.routeId}:${m.event.subject}`))).toEqual(['to-channel:Room-101', 'to-channel:Room-101', 'to-channel:Room-101']);
      await page.getByRole('tab', { name: 'Routes' }).click();
      await expect(page.getByTestId('endpoint-flaky').getByTestId('delivered')).toHaveText('3', { timeout: 20_000 });
      await expect(page.getByRole('list', { name: 'Dead letters' }).getByRole('listitem')).toHaveCount(3);
      await expect(page.getByRole('list', { name: 'Dead letters' })).toContainText('reject ← to-reject: Microsoft.DigitalTwins.Twin.Update after 1 attempt(s): HTTP 400');
      expect(posts.filter((p) => p.path === '/flaky')).toHaveLength(4);
      const values = posts.filter((p) => p.path === '/flaky').slice(1).map((p) => (JSON.parse(p.body) as { data: { patch: Array<{ value: number }> } }).data.patch[0]!.value);
      expect(values).toEqual([20.5, 21, 21.5]);
    } finally {
      server.close();
    }
  });

  test('time travel: the slider shows values as they were; playback walks through them', async ({ page }) => {
    await demoInLive(page);
    const csv = 'time,twinId,property,value\n0,Room-101,temperature,20.5\n1000,Room-101,temperature,21\n2000,Room-101,temperature,21.5\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'room.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Replay speed').selectOption('1');
    await page.getByRole('button', { name: 'Start replay' }).click();
    await expect(page.getByTestId('replay-status')).toHaveText(/^Idle · sent 3\/3 · applied 3/);

    await page.getByRole('tab', { name: 'Time travel' }).click();
    await page.getByRole('button', { name: 'Load recorded history' }).click();
    await expect(page.getByTestId('time-status')).toContainText('3 recorded change(s)');
    const room = page.getByTestId('tt-Room-101');
    await expect(room).toContainText('temperature=20.5');
    const slider = page.getByRole('slider', { name: 'Moment' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect(room).toContainText('temperature=21.5');
    await page.keyboard.press('Home');
    await expect(room).toContainText('temperature=20.5');
    const start = await page.getByTestId('moment').textContent();

    await page.getByLabel('Playback speed').selectOption('1');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(room).toContainText('temperature=21', { timeout: 5000 });
    await expect(room).toContainText('temperature=21.5', { timeout: 5000 });
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    expect(await page.getByTestId('moment').textContent()).not.toBe(start);
  });
});
