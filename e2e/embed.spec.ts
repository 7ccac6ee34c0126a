import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Page } from '@playwright/test';

/**
 * The embeddable viewer on a host page of a DIFFERENT origin (a second static server started here), both ways:
 * the web component (one <script> + one element) and the iframe page with its postMessage API. WebGL is
 * software-rendered: the scene graph is read through the viewer's inspect() (material colours of the meshes),
 * never pixels or frame rates.
 */

const ROOM_101 = 'e1000000000000000000000000000000';
const ROOM_103 = 'e1020000000000000000000000000000';
const ROOM_202 = 'e1040000000000000000000000000000';
const RED = '#c32f27';
const GREEN = '#26c485';

let server: Server;
let port = 0;
const streams = new Set<ServerResponse>();

function hostPage(app: string, host: string): string {
  const pkg = `${app}/demo/demo.twinscape`;
  const frameSrc = `${app}/embed.html?src=${encodeURIComponent(pkg)}&scene=${encodeURIComponent('Duplex apartment')}&allow=${encodeURIComponent(host)}`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Host</title>
<style>body{margin:0;display:grid;grid-template-columns:1fr 1fr;gap:8px} twinscape-viewer,iframe{width:100%;height:420px;border:0;display:block}</style></head>
<body>
<script type="module" src="${app}/twinscape-viewer.js"></script>
<twinscape-viewer id="wc" src="${pkg}" scene="Duplex apartment"></twinscape-viewer>
<iframe id="frame" src="${frameSrc}"></iframe>
<script>
  window.__events = []; window.__messages = [];
  const wc = document.getElementById('wc');
  for (const t of ['ready', 'element-click', 'element-hover', 'twin-change', 'error']) wc.addEventListener(t, (e) => window.__events.push({ type: t, detail: e.detail }));
  customElements.whenDefined('twinscape-viewer').then(() => wc.connect('${host}/events'));
  window.addEventListener('message', (e) => { if (e.origin === '${app}') window.__messages.push(e.data); });
</script></body></html>`;
}

test.beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host}`;
    if (req.url?.startsWith('/host.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // The allowed host origin is always 127.0.0.1:<port>; the same page served as localhost:<port> is another origin.
      res.end(hostPage(APP, `http://127.0.0.1:${port}`).replace(`'http://127.0.0.1:${port}/events'`, `'${origin}/events'`));
    } else if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
      res.write(': hello\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  for (const s of streams) s.end();
  await new Promise((r) => server.close(r));
});

let APP = 'http://127.0.0.1:4173';
test.beforeEach(({ baseURL }) => { APP = (baseURL ?? APP).replace(/\/$/, ''); });

function push(event: unknown) {
  for (const s of streams) s.write(`data: ${JSON.stringify(event)}\n\n`);
}
const tempUpdate = (twinId: string, value: number) => ({
  specversion: '1.0', id: `${twinId}-${value}`, source: 'test', type: 'Microsoft.DigitalTwins.Twin.Update', subject: twinId,
  data: { modelId: 'dtmi:twinscape:demo:Room;1', patch: [{ op: 'replace', path: '/temperature', value }] },
});

type Inspect = { state: string; elements: Array<{ id: string; twinId: string; ruleColor: string | null; meshColor: string | null }> };
const meshColor = async (where: Page | Frame, selector: string, elementId: string) =>
  where.evaluate(([sel, id]) => (document.querySelector(sel) as unknown as { inspect(): Inspect }).inspect().elements.find((e) => e.id === id)?.meshColor ?? null, [selector, elementId] as const);

/** Clicks the first element (in document order) that is the first element under the pointer somewhere; returns its twin id. */
async function clickSomeElement(page: Page, where: Page | Frame, selector: string, offset = { x: 0, y: 0 }): Promise<string> {
  const p = await where.evaluate((sel) => {
    const v = document.querySelector(sel) as unknown as Inspect & { inspect(): Inspect; screenPoint(id: string): { x: number; y: number } | null };
    for (const e of v.inspect().elements) {
      const at = v.screenPoint(e.id);
      if (at) return { ...at, twinId: e.twinId };
    }
    return null;
  }, selector);
  expect(p, 'some element is visible').not.toBeNull();
  await page.mouse.click(offset.x + p!.x, offset.y + p!.y);
  return p!.twinId;
}

test.describe('embeddable viewer on another origin', () => {
  test('web component: renders the package, element-click and hover reach the host, streamed updates change the colour, controls off', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`http://127.0.0.1:${port}/host.html`);
    const wc = page.locator('#wc');
    await expect(wc).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const ready = await page.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: { elements: number; meshes: number } }> }).__events.find((e) => e.type === 'ready')?.detail);
    expect(ready).toMatchObject({ elements: 6, meshes: 285 });
    // Rules from the package's twin snapshot: Room-202 is 26.1 °C (hot, red), Room-101 21.5 °C (green).
    await expect.poll(() => meshColor(page, '#wc', ROOM_202)).toBe(RED);
    expect(await meshColor(page, '#wc', ROOM_101)).toBe(GREEN);

    const clicked = await clickSomeElement(page, page, '#wc');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: { twinId: string; twin: { $dtId: string; temperature: number } } }> }).__events
      .filter((e) => e.type === 'element-click').map((e) => `${e.detail.twinId} ${e.detail.twin.$dtId} ${typeof e.detail.twin.temperature}`))).toEqual([`${clicked} ${clicked} number`]);
    // The pointer rests on it: element-hover too.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: { twinId: string } | null }> }).__events
      .filter((e) => e.type === 'element-hover' && e.detail).map((e) => e.detail!.twinId).pop())).toBe(clicked);

    // Server-Sent Events of ADT change events (connected by the host with viewer.connect(url)).
    await expect.poll(() => streams.size).toBeGreaterThan(0);
    push(tempUpdate('Room-101', 30));
    await expect.poll(() => meshColor(page, '#wc', ROOM_101)).toBe(RED);
    const change = await page.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: { twinId: string; twin: { temperature: number } } }> }).__events.find((e) => e.type === 'twin-change'));
    expect(change?.detail).toMatchObject({ twinId: 'Room-101', twin: { temperature: 30 } });
    // updateTwin from the host: shown at once.
    await page.evaluate(() => (document.getElementById('wc') as unknown as { updateTwin(id: string, p: unknown): unknown }).updateTwin('Room-101', { temperature: 18 }));
    await expect.poll(() => meshColor(page, '#wc', ROOM_101)).toBe('#33a1fd');

    // controls="off": a drag over the canvas leaves the camera where it is; with controls on it orbits.
    const view = () => page.evaluate(() => JSON.stringify((document.getElementById('wc') as unknown as { inspect(): { view: unknown } }).inspect().view));
    const drag = async () => {
      const b = (await page.locator('#wc').boundingBox())!;
      await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.5);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width * 0.6, b.y + b.height * 0.4, { steps: 8 });
      await page.mouse.up();
    };
    await page.evaluate(() => document.getElementById('wc')!.setAttribute('controls', 'off'));
    const still = await view();
    await drag();
    expect(await view()).toBe(still);
    await page.evaluate(() => document.getElementById('wc')!.setAttribute('controls', 'on'));
    await drag();
    await expect.poll(view).not.toBe(still);
  });

  test('iframe: postMessage API with an origin allow-list; disallowed origins and writes are ignored', async ({ page, browser }) => {
    test.setTimeout(150_000);
    await page.goto(`http://127.0.0.1:${port}/host.html`);
    const frameEl = page.locator('#frame');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __messages: Array<{ type: string }> }).__messages.some((m) => m.type === 'twinscape:ready')), { timeout: 60_000 }).toBe(true);
    const frame = page.frame({ url: /embed\.html/ })!;
    expect(await meshColor(frame, 'twinscape-viewer', ROOM_202)).toBe(RED);

    // Click inside the iframe: the host gets element-click by postMessage.
    const box = (await frameEl.boundingBox())!;
    const clicked = await clickSomeElement(page, frame, 'twinscape-viewer', { x: box.x, y: box.y });
    await expect.poll(() => page.evaluate(() => (window as unknown as { __messages: Array<{ type: string; detail: { twinId: string } }> }).__messages
      .filter((m) => m.type === 'twinscape:element-click').map((m) => m.detail.twinId))).toEqual([clicked]);

    // Streamed updates from the allowed host origin change the colour.
    await page.evaluate((app) => {
      const w = (document.getElementById('frame') as HTMLIFrameElement).contentWindow!;
      for (const t of [24.5, 27, 30]) w.postMessage({ type: 'twinscape:update-twin', twinId: 'Room-101', patch: [{ op: 'replace', path: '/temperature', value: t }] }, app);
    }, APP);
    await expect.poll(() => meshColor(frame, 'twinscape-viewer', ROOM_101)).toBe(RED);

    // Writes are refused (read-only), answered with a ReadOnly rejection, and change nothing.
    const before = await frame.evaluate(() => JSON.stringify((document.querySelector('twinscape-viewer') as unknown as { inspect(): unknown }).inspect()));
    await page.evaluate((app) => {
      const w = (document.getElementById('frame') as HTMLIFrameElement).contentWindow!;
      w.postMessage({ type: 'twinscape:patch-twin', twinId: 'Room-202', patch: [{ op: 'replace', path: '/temperature', value: 10 }] }, app);
      w.postMessage({ type: 'twinscape:save-scene', document: { format: 'twinscape.scenes', version: 1, configuration: { scenes: [], behaviors: [], layers: [] } } }, app);
    }, APP);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __messages: Array<{ type: string; detail: { code: string } }> }).__messages
      .filter((m) => m.type === 'twinscape:rejected').map((m) => m.detail.code))).toEqual(['ReadOnly', 'ReadOnly']);
    expect(await frame.evaluate(() => JSON.stringify((document.querySelector('twinscape-viewer') as unknown as { inspect(): unknown }).inspect()))).toBe(before);
    expect(await meshColor(frame, 'twinscape-viewer', ROOM_202)).toBe(RED);
    // View state is the host's to set: select (highlight + frame) an element.
    await page.evaluate(([app, id]) => (document.getElementById('frame') as HTMLIFrameElement).contentWindow!
      .postMessage({ type: 'twinscape:set-view', selectedElement: id, theme: 'light' }, app), [APP, ROOM_202] as const);
    await expect.poll(() => frame.evaluate(() => document.querySelector('twinscape-viewer')?.getAttribute('selected-element') ?? null)).toBe(ROOM_202);

    // The same host page on another origin (localhost instead of 127.0.0.1): not on the allow-list.
    const other = await browser.newPage();
    await other.goto(`http://localhost:${port}/host.html`);
    const otherFrame = await expect.poll(() => other.frame({ url: /embed\.html/ }) !== null).toBe(true).then(() => other.frame({ url: /embed\.html/ })!);
    await expect.poll(() => otherFrame.evaluate(() => document.querySelector('twinscape-viewer')?.getAttribute('data-state') ?? null), { timeout: 60_000 }).toBe('ready');
    expect(await meshColor(otherFrame, 'twinscape-viewer', ROOM_103)).toBe(GREEN);
    await other.evaluate((app) => {
      const w = (document.getElementById('frame') as HTMLIFrameElement).contentWindow!;
      w.postMessage({ type: 'twinscape:update-twin', twinId: 'Room-103', patch: [{ op: 'replace', path: '/temperature', value: 30 }] }, app);
      w.postMessage({ type: 'twinscape:set-view', selectedElement: 'e1020000000000000000000000000000' }, app);
    }, APP);
    // postMessage is delivered within a task; half a second later the messages were handled (and dropped).
    await other.waitForTimeout(500);
    expect(await meshColor(otherFrame, 'twinscape-viewer', ROOM_103)).toBe(GREEN);
    expect(await otherFrame.evaluate(() => document.querySelector('twinscape-viewer')?.getAttribute('selected-element') ?? null)).toBeNull();
    // And the disallowed host heard nothing from the iframe (events go only to allowed origins).
    expect(await other.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages.length)).toBe(0);
    await other.close();
  });

  test('same origin: follows the Twinscape app over its engine BroadcastChannel', async ({ page, context }) => {
    test.setTimeout(150_000);
    await page.goto('/explorer');
    await expect(page.getByRole('status').filter({ hasText: /Engine/ })).toHaveText(/Engine ready/);
    await page.getByRole('button', { name: 'Load demo building' }).click();
    await expect(page.getByTestId('count-twins')).toHaveText('21 twins');

    const embed = await context.newPage();
    await embed.goto('/embed.html?src=/demo/demo.twinscape&scene=Duplex%20apartment&live=broadcast:default');
    await expect(embed.locator('twinscape-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await embed.evaluate(() => {
      const w = window as unknown as { __changes: Array<{ twinId: string; twin: Record<string, unknown> }> };
      w.__changes = [];
      document.querySelector('twinscape-viewer')!.addEventListener('twin-change', (e) => w.__changes.push((e as CustomEvent).detail));
    });
    // The studio's simulator patches the rooms through the engine; the engine worker broadcasts each commit.
    await page.goto('/scenes');
    await page.getByRole('button', { name: /Simulate/ }).click();
    await expect.poll(() => embed.evaluate(() => (window as unknown as { __changes: Array<{ twinId: string }> }).__changes.filter((c) => c.twinId.startsWith('Room-')).length), { timeout: 30_000 }).toBeGreaterThan(0);
    // What the viewer shows follows the engine: the changed room's colour is the one its new temperature asks for.
    const shown = await embed.evaluate(() => {
      const w = window as unknown as { __changes: Array<{ twinId: string; twin: { temperature: number } }> };
      const last = w.__changes.filter((c) => c.twinId.startsWith('Room-')).pop()!;
      const v = document.querySelector('twinscape-viewer') as unknown as { data: Array<{ $dtId: string; temperature: number }>; inspect(): { elements: Array<{ twinId: string; ruleColor: string | null; meshColor: string | null }> } };
      const now = v.data.find((t) => t.$dtId === last.twinId)!;
      const el = v.inspect().elements.find((e) => e.twinId === last.twinId)!;
      return { t: now.temperature, ruleColor: el.ruleColor, meshColor: el.meshColor };
    });
    const expected = shown.t < 19 ? '#33a1fd' : shown.t < 24 ? GREEN : RED;
    expect(shown.ruleColor).toBe(expected);
    expect(shown.meshColor).toBe(expected);
    await embed.close();
  });

  test('clear errors: unreachable URL, unsupported URL, not a package, missing scene', async ({ page }) => {
    const errorOf = async (query: string) => {
      await page.goto(`/embed.html?${query}`);
      const v = page.locator('twinscape-viewer');
      await expect(v).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
      const alert = v.locator('[role=alert][data-error-code]');
      await expect(alert).toBeVisible();
      return `${await alert.getAttribute('data-error-code')} ${await alert.textContent()}`;
    };
    // (vite preview answers unknown paths with the app page, so an unreachable server stands for a broken URL.)
    expect(await errorOf(`src=${encodeURIComponent('http://127.0.0.1:9/scene.twinscape')}`)).toMatch(/^FetchFailed Could not fetch http:\/\/127\.0\.0\.1:9\/scene\.twinscape/);
    expect(await errorOf(`src=${encodeURIComponent('javascript:alert(1)')}`)).toMatch(/^BadUrl javascript: URLs are not supported/);
    expect(await errorOf('src=/index.html')).toMatch(/^NotAPackage .*neither a Twinscape scene package/);
    expect(await errorOf('src=/demo/demo.twinscape&scene=Nowhere')).toMatch(/^SceneNotFound .*Duplex apartment/);
  });
});
