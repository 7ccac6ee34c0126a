import { expect, test, type Page } from '@playwright/test';
import { openDemoScene } from './support/demo.ts';

/**
 * Time travel drives the 3D rules: the Live view's slider picks a moment of recorded history and the scene's rules
 * show the twins as they were then (colours and labels), until "Back to live".
 */
const elementRow = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name });

/** In the Live view's time travel: loads the recorded history and moves the slider with `key` (Home: first moment). */
async function goToMoment(page: Page, key: 'Home' | 'End') {
  await nav(page, 'Live').click();
  await page.getByRole('tab', { name: 'Time travel' }).click();
  await page.getByRole('button', { name: 'Load recorded history' }).click();
  await expect(page.getByTestId('time-status')).toContainText('2 recorded change(s)');
  await page.getByRole('slider', { name: 'Moment' }).focus();
  await page.keyboard.press(key);
}

async function setTemperature(page: Page, value: string) {
  const field = page.getByRole('form', { name: 'Properties of Room-202' }).getByLabel('temperature', { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

test('time travel: the scene shows the colours and labels of the chosen moment, then goes back to live', async ({ page }) => {
  await openDemoScene(page);
  const office = elementRow(page, /Room-202/);
  await office.click();
  // Two recorded changes of the office: 20 °C (green), then 27 °C (red).
  await setTemperature(page, '20');
  await expect(office).toHaveAttribute('data-color', '#26c485');
  await setTemperature(page, '27');
  await expect(office).toHaveAttribute('data-color', '#c32f27');
  await expect(page.getByTestId('scene-label').filter({ hasText: 'Office 27.0 °C' })).toBeVisible();

  // Live view: load the history and go to its first moment (the office at 20 °C).
  await goToMoment(page, 'Home');
  await expect(page.getByTestId('tt-Room-202')).toContainText('temperature=20');
  await expect(page.getByLabel('Show this moment in the 3D scenes')).toBeChecked();

  // The scene shows that moment: green, with the label of then; the banner says so.
  await nav(page, 'Scenes').click();
  await expect(page.getByRole('status', { name: 'Time travel' })).toContainText('Time travel: values as they were at');
  await expect(office).toHaveAttribute('data-color', '#26c485');
  await expect(page.getByTestId('scene-label').filter({ hasText: 'Office 20.0 °C' })).toBeVisible();
  const mesh = (await page.locator('[data-mesh-ids]').filter({ hasText: 'Room-202' }).first().getAttribute('data-mesh-ids'))!.split(' ')[0];
  await expect.poll(() => page.evaluate((id) => window.__twinscapeScenes?.ruleColor(id), mesh)).toBe('#26c485');

  // The last moment: red again. Then back to live from the scene.
  await goToMoment(page, 'End');
  await nav(page, 'Scenes').click();
  await expect(office).toHaveAttribute('data-color', '#c32f27');
  await goToMoment(page, 'Home');
  await nav(page, 'Scenes').click();
  await expect(office).toHaveAttribute('data-color', '#26c485');
  await page.getByRole('status', { name: 'Time travel' }).getByRole('button', { name: 'Back to live' }).click();
  await expect(page.getByRole('status', { name: 'Time travel' })).toHaveCount(0);
  await expect(office).toHaveAttribute('data-color', '#c32f27');
  await expect(page.getByTestId('scene-label').filter({ hasText: 'Office 27.0 °C' })).toBeVisible();
});
