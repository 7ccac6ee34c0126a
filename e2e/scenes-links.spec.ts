import { expect, test } from '@playwright/test';
import { loadDemoBuilding } from './support/demo.ts';

/** Graph -> 3D: /scenes?twin=<id> (what "Show in 3D" opens) switches to the scene that shows the twin. */
test('a twin deep link selects the scene that shows it, even from another scene', async ({ page }) => {
  await loadDemoBuilding(page);
  await page.goto('/scenes');
  const sceneList = page.getByRole('listbox', { name: 'Scene list' });
  await expect(sceneList.getByRole('option').first()).toBeVisible();
  page.once('dialog', (d) => void d.accept('Elsewhere'));
  await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
  await expect(sceneList.getByRole('option', { name: /Elsewhere/ })).toHaveAttribute('aria-selected', 'true');

  await page.goto('/scenes?twin=Room-201');
  await expect(sceneList.getByRole('option', { name: /Elsewhere/ })).toHaveAttribute('aria-selected', 'false');
  await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
  await expect(page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name: /Room-201/ })).toHaveAttribute('aria-selected', 'true');
});
