import { expect, test, type Page } from '@playwright/test';
import { openDemoScene } from './support/demo.ts';

/**
 * Viewer aids, checked through the scene graph (test-only hook) and the DOM, never through pixels: the selection
 * outline on the selected element's meshes, and floating labels that never overlap, optionally hidden behind walls.
 */
const elementRow = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name });

async function shownLabelRects(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid="scene-label"]')]
    .filter((el) => getComputedStyle(el).visibility === 'visible')
    .map((el) => { const r = el.getBoundingClientRect(); return { id: el.dataset.elementId!, left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }));
}

test('selecting an element outlines its meshes; floating labels never overlap; labels behind walls can be hidden', async ({ page }) => {
  await openDemoScene(page);
  await page.waitForFunction(() => window.__twinscapeScenes?.ready === true);
  expect(await page.evaluate(() => window.__twinscapeScenes!.outlined())).toEqual([]);

  await elementRow(page, /Room-202/).click();
  const meshes = (await page.locator('[data-mesh-ids]').evaluateAll((els) => els
    .filter((el) => el.textContent?.includes('Room-202'))
    .flatMap((el) => (el.getAttribute('data-mesh-ids') ?? '').split(' ')))).sort();
  expect(meshes.length).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(() => window.__twinscapeScenes!.outlined().sort())).toEqual(meshes);
  // Another element: the outline moves.
  await elementRow(page, /Room-101/).click();
  await expect.poll(() => page.evaluate(() => window.__twinscapeScenes!.outlined())).not.toEqual(meshes);
  expect(await page.evaluate((ids) => window.__twinscapeScenes!.outlined().some((m) => ids.includes(m)), meshes)).toBe(false);

  // Labels: six rooms, each shown somewhere or reported why not, and no two shown ones overlap.
  await expect.poll(async () => (await shownLabelRects(page)).length).toBeGreaterThan(0);
  const layout = await page.evaluate(() => window.__twinscapeScenes!.labelLayout());
  expect(layout).toHaveLength(6);
  const rects = await shownLabelRects(page);
  expect(rects.map((r) => r.id).sort()).toEqual(layout.filter((l) => l.shown).map((l) => l.elementId).sort());
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `labels ${a.id} and ${b.id} overlap`).toBe(false);
    }
  }

  // Occlusion on: in the studio's default see-through style no surface hides a label.
  const layoutNow = () => page.evaluate(() => window.__twinscapeScenes!.labelLayout());
  await page.getByLabel('Hide labels behind walls').check();
  await page.waitForTimeout(300);
  expect((await layoutNow()).filter((l) => l.reason === 'occluded')).toEqual([]);
  // Opaque walls and roof (Original style): the rooms' labels inside the building are hidden, and reported so.
  await page.getByLabel('Model style').selectOption('original');
  await expect.poll(async () => (await layoutNow()).filter((l) => l.reason === 'occluded').length).toBeGreaterThan(0);
  const after = await layoutNow();
  const visible = new Set((await shownLabelRects(page)).map((r) => r.id));
  for (const l of after) expect(visible.has(l.elementId), `${l.elementId}: ${l.reason}`).toBe(l.shown);
  // Off again: nothing is hidden for being occluded.
  await page.getByLabel('Hide labels behind walls').uncheck();
  await expect.poll(async () => (await layoutNow()).some((l) => l.reason === 'occluded')).toBe(false);
});
