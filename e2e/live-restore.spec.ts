import { expect, test } from '@playwright/test';
import mqtt from 'mqtt';
import { startBroker } from '../fixtures/live/mosquitto.ts';
import { loadDemoBuilding } from './support/demo.ts';

/** Running live sources are part of the workspace: a reload starts them again where they were. */
test('a reload restarts the running simulator, reconnects MQTT and resumes the CSV replay at its row', async ({ page }) => {
  test.setTimeout(90_000);
  const broker = await startBroker();
  const publisher = await mqtt.connectAsync(broker.tcpUrl);
  try {
    await loadDemoBuilding(page);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('main', { name: 'Live' })).toBeVisible();

    // A generator that runs, one that does not.
    const form = page.getByRole('form', { name: 'Generator' });
    for (const [id, twin] of [['runs', 'Room-101'], ['idle', 'Room-102']] as const) {
      await form.getByLabel('Id', { exact: true }).fill(id);
      await form.getByLabel('Target id').fill(twin);
      await form.getByLabel('Property').fill('co2');
      await form.getByLabel('Rate').fill('5');
      await form.getByRole('button', { name: 'Save generator' }).click();
      await expect(page.getByTestId(`generator-${id}`)).toBeVisible();
    }
    await page.getByRole('button', { name: 'Start runs' }).click();
    await expect(page.getByRole('button', { name: 'Stop runs' })).toBeVisible();

    // MQTT connected with the example rules.
    const mqttForm = page.getByRole('form', { name: 'MQTT connection' });
    await mqttForm.getByLabel('Broker URL').fill(broker.url);
    await mqttForm.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('mqtt-state')).toHaveText('connected');

    // A replay whose first two rows go at once and whose third is a minute later.
    const csv = 'time,twinId,property,value\n0,Room-103,temperature,20.5\n1000,Room-103,temperature,21\n61000,Room-103,temperature,22\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Replay speed').selectOption('1');
    await page.getByRole('button', { name: 'Start replay' }).click();
    await expect(page.getByTestId('replay-status')).toHaveText(/^Replaying · sent 2\/3/);
    // Saved within a second; give it that.
    await page.waitForTimeout(1500);

    await page.reload();
    await expect(page.getByRole('main', { name: 'Live' })).toBeVisible();
    // The simulator runs again (its counters start over) and the stopped one stays stopped.
    await expect(page.getByRole('button', { name: 'Stop runs' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start idle' })).toBeVisible();
    await expect.poll(async () => Number(await page.getByTestId('generator-runs').getByTestId('generated').textContent())).toBeGreaterThan(3);
    await expect(page.getByTestId('live-log')).toContainText('Restarted after reload (1 twin(s) at 5/s)');
    // MQTT is connected again (the form shows that connection), and messages flow.
    await expect(page.getByTestId('mqtt-state')).toHaveText('connected');
    await expect(page.getByRole('form', { name: 'MQTT connection' }).getByLabel('Broker URL')).toHaveValue(broker.url);
    await expect(page.getByTestId('live-log')).toContainText('subscribed to twinscape/+/climate, twinscape/sensors/#');
    await publisher.publishAsync('twinscape/Room-101/climate', JSON.stringify({ t: 25.5 }));
    await expect(page.getByTestId('mqtt-applied')).toHaveText('1');
    // The replay continues at its third row (rows 1-2 are not sent twice).
    await expect(page.getByTestId('replay-status')).toHaveText(/^Replaying · sent 2\/3/);
    await expect(page.getByTestId('live-log')).toContainText('Resuming the replay of 3 row(s) at row 3, 1x');
    const history = await page.evaluate(async () => {
      const h = (globalThis as unknown as { __twinscapeLive: { engine: { propertyHistory(q: unknown): Promise<{ ok: boolean; value: Array<{ Value: unknown }> }> } } }).__twinscapeLive;
      const r = await h.engine.propertyHistory({ twinId: 'Room-103', property: 'temperature' });
      return r.ok ? r.value.map((row) => row.Value) : null;
    });
    expect(history).toEqual([20.5, 21]);

    // Stopping is remembered as well.
    await page.getByRole('button', { name: 'Stop runs' }).click();
    await page.getByRole('button', { name: 'Stop replay' }).click();
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.getByTestId('mqtt-state')).toHaveText('disconnected');
    await page.waitForTimeout(500);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Start runs' })).toBeVisible();
    await expect(page.getByTestId('mqtt-state')).toHaveText('disconnected');
  } finally {
    await publisher.endAsync(true);
    await broker.stop();
  }
});
