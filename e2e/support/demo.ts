import { expect, type Page } from '@playwright/test';

/** Opens the explorer on the (empty) test workspace and loads the built-in demo with its one-click button. */
export async function loadDemoBuilding(page: Page): Promise<void> {
  await page.goto('/explorer');
  await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
  await page.getByRole('button', { name: 'Load demo building' }).click();
  await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
}

/** Loads the demo, then opens `path` in the studio and waits for its 3D model (software WebGL: allow time). */
export async function openDemoScene(page: Page, path = '/scenes'): Promise<void> {
  await loadDemoBuilding(page);
  await page.goto(path);
  await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
}
