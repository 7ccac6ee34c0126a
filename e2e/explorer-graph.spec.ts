import { expect, test, type Page } from '@playwright/test';

async function loadDemo(page: Page) {
  await page.goto('/explorer');
  await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  await page.getByRole('button', { name: 'Load demo building' }).click();
  await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
  await expect(page.getByTestId('canvas-counts')).toHaveText(/^21 twins · 20 relationships on canvas/);
}

test.describe('explorer graph', () => {
  test('demo shows on the canvas', async ({ page }) => {
    await loadDemo(page);
    await page.screenshot({ path: '/tmp/pwx/demo.png' });
  });
});
