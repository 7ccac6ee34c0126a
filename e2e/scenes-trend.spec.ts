import { expect, test } from '@playwright/test';
import { openDemoScene } from './support/demo.ts';

/** The element popover's "Data history" widget draws the twin's recorded values (engine.propertyHistory). */
test('trend widget: simulated temperatures of a room show up as history points', async ({ page }) => {
  await openDemoScene(page, '/scenes?twin=Room-202');
  const trend = page.getByRole('group', { name: 'Trend Temperature trend' });
  await expect(trend).toBeVisible();
  const series = trend.locator('[data-series="PrimaryTwin.temperature"]');
  const before = Number(await series.getAttribute('data-points'));

  await page.getByRole('button', { name: '▶ Simulate' }).click();
  // The simulator patches every second; the widget re-reads the history at most once a second.
  await expect.poll(async () => Number(await series.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
  await page.getByRole('button', { name: '■ Stop simulator' }).click();
  await expect(trend.locator('path')).toHaveCount(1);
  await expect(series).toContainText('°C');
  // A longer range reads more (or as much) history.
  await trend.getByLabel('Trend time range').selectOption({ label: '24 h' });
  await expect.poll(async () => Number(await series.getAttribute('data-points'))).toBeGreaterThanOrEqual(before + 2);
});
