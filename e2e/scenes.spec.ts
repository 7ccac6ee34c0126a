import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openDemoScene as openDemoSceneIn } from './support/demo.ts';

/**
 * The 3D scene studio as a user drives it. WebGL is software-rendered here: nothing depends on frame rates;
 * the scene graph is read through the test-only hook window.__twinscapeScenes and the accessible lists.
 */

async function openDemoScene(page: Page) {
  await openDemoSceneIn(page);
  await page.waitForFunction(() => window.__twinscapeScenes?.ready === true);
}

/** The colour of one pixel of the page as shown (a screenshot, decoded by the page itself). */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]] as [number, number, number];
  }, png.toString('base64'));
}

/** How many pixels of the 3D view are clearly red (#c32f27-ish) and clearly green (#26c485-ish) on screen. */
async function colourCounts(page: Page): Promise<{ red: number; green: number }> {
  const png = await page.locator('.scenes-canvas canvas').screenshot();
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let red = 0;
    let green = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > d[i + 1] + 60 && d[i] > d[i + 2] + 60) red++;
      else if (d[i + 1] > d[i] + 60 && d[i + 1] > d[i + 2] + 20) green++;
    }
    return { red, green };
  }, png.toString('base64'));
}

const elementRow = (page: Page, name: RegExp | string) => page.getByRole('listbox', { name: 'Element list' }).getByRole('option', { name });

test.describe('3D scene studio', () => {
  test('demo scene: rooms coloured from their twins, labels shown', async ({ page }) => {
    await openDemoScene(page);
    await expect(page.getByRole('listbox', { name: 'Element list' }).getByRole('option')).toHaveCount(6);
    // Room-202 is 26.1 °C in the demo: above the 24 °C threshold -> red, in the list and on its mesh.
    const hot = elementRow(page, /Room-202/);
    await expect(hot).toHaveAttribute('data-color', '#c32f27');
    await expect(elementRow(page, /Room-101/)).toHaveAttribute('data-color', '#26c485');
    const meshes = await page.evaluate(() => window.__twinscapeScenes!.meshIds().length);
    expect(meshes).toBe(285);
    // On screen too (rule-coloured meshes are drawn in one batch, see ModelBatch): the picture has red rooms and green ones.
    await expect.poll(async () => {
      const { red, green } = await colourCounts(page);
      return red > 300 && green > 300;
    }, { timeout: 10_000 }).toBe(true);
    await expect(page.getByTestId('scene-label').filter({ hasText: 'Living room 21.5 °C' })).toBeVisible();

    // The simulator patches the bound twins through the engine: the labels move within seconds.
    const before = await page.getByTestId('scene-label').allTextContents();
    await page.getByRole('button', { name: '▶ Simulate' }).click();
    await expect.poll(async () => (await page.getByTestId('scene-label').allTextContents()).join('|'), { timeout: 20_000 }).not.toBe(before.join('|'));
    await page.getByRole('button', { name: '■ Stop simulator' }).click();
  });

  test('pick a mesh on the canvas, bind it, add a behavior, patch the twin and see the colour change', async ({ page }) => {
    await openDemoScene(page);
    // A mesh no element uses yet, that is the first thing under the pointer somewhere on screen.
    const target = await page.evaluate(() => {
      const hook = window.__twinscapeScenes!;
      const bound = new Set([...document.querySelectorAll('[data-mesh-ids]')]
        .filter((li) => li.querySelector('.muted'))
        .flatMap((li) => (li.getAttribute('data-mesh-ids') ?? '').split(' ')));
      for (const id of hook.meshIds()) {
        if (bound.has(id) || !id.startsWith('0BTBFw6f90Nfh9rP1dl')) continue;
        const p = hook.screenPoint(id);
        if (p) return { id, ...p };
      }
      for (const id of hook.meshIds()) {
        const p = hook.screenPoint(id);
        if (p && !bound.has(id)) return { id, ...p };
      }
      return null;
    });
    expect(target, 'some mesh is visible').not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const editor = page.getByRole('region', { name: 'Element' });
    await expect(editor.getByRole('heading', { name: 'New element' })).toBeVisible();
    await expect(editor.getByRole('list', { name: 'Element meshes' })).toContainText(target!.id);

    await editor.getByLabel('Primary twin').fill('Room-103');
    await editor.getByLabel('Display name').fill('Store room');
    await editor.getByRole('button', { name: 'Create element' }).click();
    await expect(elementRow(page, /Store room/)).toBeVisible();
    await expect(editor.getByRole('heading', { name: 'Element: Store room' })).toBeVisible();

    // A behavior: colour by temperature, with a floating label, on the selected element.
    const behaviors = page.getByRole('region', { name: 'Behaviors' });
    await behaviors.getByRole('button', { name: 'New behavior' }).click();
    const form = page.getByRole('form', { name: 'New behavior' });
    await form.getByLabel('Name').fill('Store temperature');
    await form.getByLabel('Value expression').fill('PrimaryTwin.temperature >');
    await expect(form.getByRole('alert')).toContainText('Unexpected end of expression');
    await form.getByLabel('Value expression').fill('PrimaryTwin.temperature');
    await form.getByLabel('High threshold').fill('25');
    await form.getByLabel('Floating label (optional)').fill('Store ${PrimaryTwin.temperature} °C');
    // Live preview before saving: Room-103 is 23.4 °C -> between the thresholds.
    await expect(page.getByTestId('behavior-preview')).toContainText(/#26c485/i);
    await form.getByRole('button', { name: 'Create behavior' }).click();
    await expect(behaviors.getByRole('list', { name: 'Behavior list' })).toContainText('Store temperature');
    await expect(elementRow(page, /Store room/)).toHaveAttribute('data-color', '#26c485');
    await expect(page.getByTestId('scene-label').filter({ hasText: 'Store 23.4 °C' })).toBeVisible();
    expect(await page.evaluate((id) => window.__twinscapeScenes!.ruleColor(id), target!.id)).toBe('#26c485');

    const at = await page.evaluate((id) => window.__twinscapeScenes!.screenPoint(id), target!.id);
    await expect.poll(async () => { const [r, g] = await pixelAt(page, at!.x, at!.y); return g > r + 40; }, { timeout: 10_000 }).toBe(true);

    // Patch the twin (property inspector -> engine.patchTwin); the committed event recolours the scene.
    const props = page.getByRole('form', { name: 'Properties of Room-103' });
    await props.getByLabel('temperature', { exact: true }).fill('31');
    await props.getByLabel('temperature', { exact: true }).press('Enter');
    await expect(elementRow(page, /Store room/)).toHaveAttribute('data-color', '#c32f27');
    await expect(elementRow(page, /Room-103/)).toHaveAttribute('data-color', '#c32f27');
    await expect.poll(() => page.evaluate((id) => window.__twinscapeScenes!.ruleColor(id), target!.id)).toBe('#c32f27');
    expect(await page.evaluate((id) => window.__twinscapeScenes!.meshColor(id), target!.id)).toBe('#c32f27');
    await expect(page.getByTestId('scene-label').filter({ hasText: 'Store 31 °C' })).toBeVisible();
    await page.locator('.scenes-canvas').screenshot({ path: test.info().outputPath('patched.png') });
    // And on screen: where the mesh is the nearest surface, the picture turned from green to red (it is selected,
    // so a blue highlight adds to both).
    expect(at).not.toBeNull();
    await expect.poll(async () => { const [r, g] = await pixelAt(page, at!.x, at!.y); return r > g + 40; }, { timeout: 10_000 }).toBe(true);

    // Undo removes the behavior; redo brings it back. Edits survive a reload.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(behaviors.getByRole('list', { name: 'Behavior list' })).not.toContainText('Store temperature');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(behaviors.getByRole('list', { name: 'Behavior list' })).toContainText('Store temperature');
    await page.reload();
    await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
    await expect(elementRow(page, /Store room/)).toHaveAttribute('data-color', '#c32f27');
  });

  test('selecting an element from the list highlights it; export and re-import a 3D Scenes Studio file', async ({ page }) => {
    await openDemoScene(page);
    await elementRow(page, /Room-202/).click();
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading', { name: /Room-202/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Rule inspector' })).toContainText('PrimaryTwin.temperature = 26.1');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export for 3D Scenes Studio' }).click();
    const file = await (await download).path();
    const adt = JSON.parse(readFileSync(file, 'utf8'));
    expect(adt.$schema).toMatch(/3DScenesConfiguration\/v1\.0\.0/);
    expect(adt.configuration.scenes[0].elements).toHaveLength(6);
    expect(adt.configuration.scenes[0].elements[0].objectIDs[0]).toMatch(/^0BTBFw6f90Nfh9rP1dl/);

    adt.configuration.scenes[0].displayName = 'Imported duplex';
    await page.getByLabel('Import scenes file').setInputFiles({ name: '3DScenesConfiguration.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(adt)) });
    await expect(page.getByRole('status').filter({ hasText: 'Imported 3D Scenes Studio configuration' })).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Scene list' })).toContainText('Imported duplex');
    await expect(elementRow(page, /Room-202/)).toHaveAttribute('data-color', '#c32f27');

    // Scene package: document + model + twin snapshot in one file, read back by the studio.
    const pkgDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export scene package' }).click();
    const pkg = await pkgDownload;
    expect(pkg.suggestedFilename()).toMatch(/\.twinscape-scene\.zip$/);
    await page.getByLabel('Import scenes file').setInputFiles(await pkg.path());
    await expect(page.getByRole('status').filter({ hasText: 'Imported scene package' })).toBeVisible();
    await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
    await expect(elementRow(page, /Room-202/)).toHaveAttribute('data-color', '#c32f27');
  });

  test('new scene: upload a model (and a broken one, which says why), pick from the node tree', async ({ page }) => {
    await openDemoScene(page);
    page.once('dialog', (d) => void d.accept('Tank room'));
    await page.getByRole('region', { name: 'Scenes' }).getByRole('button', { name: 'New' }).click();
    await expect(page.getByRole('listbox', { name: 'Scene list' }).getByRole('option', { name: /Tank room/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('This scene has no model')).toBeVisible();

    await page.getByLabel('Upload 3D model').setInputFiles({ name: 'broken.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from('glTF not really') });
    await expect(page.getByRole('alert').filter({ hasText: 'The model could not be shown' })).toBeVisible();

    await page.getByLabel('Upload 3D model').setInputFiles('public/demo/scene/water-tank.glb');
    await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
    await page.getByLabel('Search model nodes').fill('FlowMeter');
    await page.getByRole('listbox', { name: 'Model nodes' }).getByRole('option', { name: 'FlowMeter' }).click();
    const editor = page.getByRole('region', { name: 'Element' });
    await expect(editor.getByRole('list', { name: 'Element meshes' })).toContainText('FlowMeter');
    await editor.getByLabel('Primary twin').fill('Sensor-101-T');
    await editor.getByRole('button', { name: 'Create element' }).click();
    await expect(elementRow(page, /Sensor-101-T/)).toBeVisible();
  });

  test('graph -> 3D: /scenes?twin= selects that twin\'s element', async ({ page }) => {
    await openDemoScene(page);
    await page.goto('/scenes?twin=Room-201');
    await expect(page.locator('[data-model-state]')).toHaveAttribute('data-model-state', 'ready', { timeout: 45_000 });
    await expect(elementRow(page, /Room-201/)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('Room-201');
  });

  test('Share / Embed: package with allowed origins, both snippets, and a live preview of the embedded viewer', async ({ page }) => {
    await openDemoScene(page);
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    await dialog.getByLabel('Package URL (where you will host it)').fill('https://cdn.example.com/duplex.twinscape-scene.zip');
    await dialog.getByLabel('Origins allowed to control the iframe (comma-separated)').fill('https://intranet.example.com');
    const component = dialog.getByRole('textbox', { name: 'Web component', exact: true });
    await expect(component).toHaveValue(/<twinscape-viewer src="https:\/\/cdn\.example\.com\/duplex\.twinscape-scene\.zip" scene="[^"]+"/);
    await expect(component).toHaveValue(/twinscape-viewer\.js"><\/script>/);
    await expect(dialog.getByRole('textbox', { name: 'Iframe', exact: true })).toHaveValue(/embed\.html\?src=https%3A%2F%2Fcdn\.example\.com.*allow=https%3A%2F%2Fintranet\.example\.com/);
    // The preview is the embeddable viewer itself, reading the package just written.
    await expect(dialog.getByRole('region', { name: 'Embed preview' })).toHaveAttribute('data-preview-state', 'ready', { timeout: 45_000 });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /Download package/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.twinscape-scene\.zip$/);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304'); // a zip
    const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(bytes))['manifest.json']!)) as { allowedOrigins?: string[] };
    expect(manifest.allowedOrigins).toEqual(['https://intranet.example.com']);
    // A value that is not an origin is refused with a reason.
    await dialog.getByLabel('Origins allowed to control the iframe (comma-separated)').fill('intranet/path');
    await expect(dialog.getByRole('alert')).toContainText('is not an origin');
  });
});
