import { expect, test } from '@playwright/test';

test.describe('app shell', () => {
  test('first open: engine ready, demo in one click, counts persist across a reload', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/explorer$/);
    const status = page.getByRole('status').filter({ hasText: /Engine/ });
    await expect(status).toHaveText(/Engine ready/);
    await expect(page.getByRole('heading', { name: 'This workspace is empty' })).toBeVisible();
    await expect(page.getByTestId('count-twins')).toHaveText('0 twins');

    await page.getByRole('button', { name: 'Load demo building' }).click();
    await expect(page.getByTestId('count-models')).toHaveText('5 models');
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect(page.getByTestId('count-relationships')).toHaveText('20 relationships');
    await expect(page.getByRole('heading', { name: 'This workspace is empty' })).toBeHidden();

    await page.reload();
    await expect(status).toHaveText(/Engine ready/);
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    await expect(page.getByTestId('count-models')).toHaveText('5 models');
    await expect(page.getByTestId('count-relationships')).toHaveText('20 relationships');
    await expect(page.getByRole('heading', { name: 'My workspace' })).toBeVisible();
  });

  test('views switch by URL, by click and by keyboard', async ({ page }) => {
    await page.goto('/scenes');
    const nav = page.getByRole('navigation', { name: 'Views' });
    await expect(nav.getByRole('link', { name: 'Scenes' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main', { name: 'Scenes' })).toBeVisible();

    await page.keyboard.press('Alt+1');
    await expect(page).toHaveURL(/\/explorer$/);
    await expect(nav.getByRole('link', { name: 'Explorer' })).toHaveAttribute('aria-current', 'page');

    await page.keyboard.press('Alt+2');
    await expect(page).toHaveURL(/\/scenes$/);

    await nav.getByRole('link', { name: 'Explorer' }).click();
    await expect(page).toHaveURL(/\/explorer$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/scenes$/);
  });

  test('themes: light, dark and high contrast, remembered after a reload', async ({ page }) => {
    await page.goto('/explorer');
    const picker = page.getByLabel('Theme');
    const html = page.locator('html');
    await picker.selectOption({ label: 'Dark' });
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await picker.selectOption({ label: 'High contrast' });
    await expect(html).toHaveAttribute('data-theme', 'high-contrast');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    await picker.selectOption({ label: 'Light' });
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(darkBg);
    await picker.selectOption({ label: 'Dark' });
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });

  test('About names the demo assets and their licenses', async ({ page }) => {
    await page.goto('/explorer');
    await page.getByRole('button', { name: 'About' }).click();
    const about = page.getByRole('dialog', { name: 'About Twinscape' });
    await expect(about).toContainText('buildingSMART');
    await expect(about.getByRole('link', { name: 'CC BY 4.0' })).toBeVisible();
    await about.getByRole('button', { name: 'Close' }).click();
    await expect(about).toBeHidden();
  });

  test('a crashed engine worker is reported and restarted, data intact', async ({ page }) => {
    await page.goto('/explorer');
    const status = page.getByRole('status').filter({ hasText: /Engine/ });
    await expect(status).toHaveText(/Engine ready/);
    await page.getByRole('button', { name: 'Load demo building' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
    // Crash it from inside: an uncaught error thrown in the engine worker's global scope.
    // The engine's worker, not the explorer's layout worker (built: assets/worker-<hash>.js).
    const isEngineWorker = (url: string) => /\/worker-[\w-]+\.js(\?.*)?$|\/engine\/worker\.ts/.test(url);
    await expect.poll(() => page.workers().filter((w) => isEngineWorker(w.url())).length).toBe(1);
    const worker = page.workers().find((w) => isEngineWorker(w.url()));
    expect(worker, 'the engine runs in a dedicated worker').toBeTruthy();
    await worker!.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated engine crash');
      });
    });
    await expect(page.getByText(/simulated engine crash/)).toBeVisible();
    await expect(status).toHaveText(/Engine ready/);
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');
  });
});
