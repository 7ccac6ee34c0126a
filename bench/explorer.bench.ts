/**
 * Explorer canvas at scale, in headless Chromium (software rendering, the playwright.config.ts flags):
 * a workspace of 10,000 twins and 20,000 relationships is imported through the UI, the page is reopened,
 * and we measure
 *   - explorer.10k.firstFrame        : canvas sync of the 10k twins until the first drawn frame (level of
 *                                      detail: dots; the 20k relationships stream in over the next frames)
 *   - explorer.10k.allRelationshipsDrawn : same start, until the frame with every relationship
 *   - explorer.10k.mainThreadBusy    : the page's main-thread task time from navigation to the complete graph
 *   - explorer.10k.openToFirstFrame  : page navigation -> engine open -> whole-workspace query -> first frame
 *   - explorer.10k.layout.<name>     : layout computed in the layout worker (main thread stays free)
 *   - explorer.10k.zoomStepToFrame   : one wheel zoom step until the frame that shows it
 * The app is built once (vite build) into a temp dir and served with vite preview on a free port.
 */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Bench } from './harness.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--enable-unsafe-swiftshader'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** An ADT Explorer graph file: the demo models, 1 building, 50 floors, 2,000 rooms, 7,949 sensors; 20,000 relationships. */
export function bigGraph(twinCount = 10_000, relCount = 20_000): string {
  const demo = JSON.parse(readFileSync(join(root, 'public/demo/building.json'), 'utf8')) as { digitalTwinsModels: unknown[] };
  const M = (n: string) => `dtmi:twinscape:demo:${n};1`;
  const twins: Record<string, unknown>[] = [];
  const rels: Record<string, unknown>[] = [];
  const floors = 50;
  const rooms = 2000;
  twins.push({ $dtId: 'B', $metadata: { $model: M('Building') }, name: 'Big building' });
  for (let f = 0; f < floors; f++) {
    twins.push({ $dtId: `F${f}`, $metadata: { $model: M('Floor') }, level: f });
    rels.push({ $relationshipId: `B-F${f}`, $sourceId: 'B', $targetId: `F${f}`, $relationshipName: 'hasFloor' });
  }
  for (let r = 0; r < rooms; r++) {
    twins.push({ $dtId: `R${r}`, $metadata: { $model: M('Room') }, temperature: 18 + (r % 8) });
    rels.push({ $relationshipId: `F-R${r}`, $sourceId: `F${r % floors}`, $targetId: `R${r}`, $relationshipName: 'hasRoom' });
  }
  const sensors = twinCount - twins.length;
  for (let s = 0; s < sensors; s++) {
    twins.push({ $dtId: `S${s}`, $metadata: { $model: M('Sensor') }, serialNumber: `SN${s}` });
    rels.push({ $relationshipId: `R-S${s}`, $sourceId: `R${s % rooms}`, $targetId: `S${s}`, $relationshipName: 'hasSensor' });
  }
  // Extra cross links so the graph is not a tree.
  let k = 0;
  while (rels.length < relCount) {
    const room = (k * 7919) % rooms;
    const sensor = (k * 104729 + 13) % sensors;
    rels.push({ $relationshipId: `X${k}`, $sourceId: `R${room}`, $targetId: `S${sensor}`, $relationshipName: 'hasSensor' });
    k++;
  }
  return JSON.stringify({ digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins: twins, relationships: rels }, digitalTwinsModels: demo.digitalTwinsModels });
}

async function waitFor<T>(page: Page, fn: () => T, timeout = 120_000): Promise<T> {
  const handle = await page.waitForFunction(fn, undefined, { timeout, polling: 50 });
  return (await handle.jsonValue()) as T;
}

interface OpenFigures {
  firstFrame: number;
  allEdges: number;
  openToFrame: number;
  mainThreadMs: number;
}

async function openAndMeasure(page: Page, url: string): Promise<OpenFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const r = (await waitFor(page, () => {
    const s = window.__twinscapeGraph?.status();
    return s && s.nodes >= 10_000 && s.firstFrameMs !== null && s.allEdgesMs !== null
      ? { firstFrame: s.firstFrameMs, allEdges: s.allEdgesMs, openToFrame: performance.now() - (s.allEdgesMs - s.firstFrameMs) }
      : null;
  }))!;
  // Main-thread busy time of the page from navigation to the complete graph (less sensitive to a loaded machine).
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await cdp.detach();
  return { ...r, mainThreadMs: task * 1000 };
}

export default async function explorerBench(bench: Bench): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'twinscape-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'twinscape-bench-profile-'));
  const port = await freePort();
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1400, height: 900 } });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const url = `http://127.0.0.1:${port}/explorer`;
    await page.goto(url);
    await page.getByText('Engine ready').waitFor({ timeout: 60_000 });
    // Import the big graph the way a user does: Import / export -> file -> Import.
    const file = bigGraph();
    await page.getByRole('button', { name: 'Import / export' }).click();
    await page.getByLabel('Graph file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByRole('dialog', { name: 'Import graph' }).getByRole('button', { name: 'Import', exact: true }).click({ timeout: 120_000 });
    await page.getByTestId('count-twins').filter({ hasText: '10,000 twins' }).or(page.getByTestId('count-twins').filter({ hasText: '10000 twins' })).waitFor({ timeout: 300_000 });

    const runs: OpenFigures[] = [];
    for (let i = 0; i < 5; i++) runs.push(await openAndMeasure(page, url));
    bench.record('explorer.10k.firstFrame', 'ms', runs.map((r) => r.firstFrame), '< 3000');
    bench.record('explorer.10k.allRelationshipsDrawn', 'ms', runs.map((r) => r.allEdges));
    bench.record('explorer.10k.openToFirstFrame', 'ms', runs.map((r) => r.openToFrame));
    bench.record('explorer.10k.mainThreadBusy', 'ms', runs.map((r) => r.mainThreadMs));
    const load = (await import('node:os')).loadavg()[0];
    console.log(`load average during the run: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores; sync phases ${JSON.stringify(await page.evaluate(() => window.__twinscapeGraph!.syncPhases()))}`);
    const webgl = await page.evaluate(() => window.__twinscapeGraph!.status().webgl);
    console.log(`renderer: ${webgl ? 'WebGL' : 'canvas'}; nodes ${await page.evaluate(() => window.__twinscapeGraph!.status().nodes)}, edges ${await page.evaluate(() => window.__twinscapeGraph!.status().edges)}`);

    // Zoom responsiveness: one wheel step until two frames later (the frame that shows it).
    const zoomSamples: number[] = [];
    const box = (await page.getByTestId('twin-graph').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 9; i++) {
      const t0 = Date.now();
      await page.mouse.wheel(0, i % 2 ? 200 : -200);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      zoomSamples.push(Date.now() - t0);
    }
    bench.record('explorer.10k.zoomStepToFrame', 'ms', zoomSamples);

    // Layouts in the worker (one run each: they are long on 10k nodes).
    for (const [name, label] of [['grid', 'Grid'], ['concentric', 'Concentric'], ['breadthfirst', 'Tree (breadth-first)'], ['dagre', 'Hierarchical (dagre)']] as const) {
      const before = await page.evaluate(() => window.__twinscapeGraph!.status().lastLayoutMs);
      const t0 = Date.now();
      await page.getByRole('combobox', { name: 'Layout' }).selectOption({ label });
      try {
        await page.waitForFunction((prev) => {
          const s = window.__twinscapeGraph!.status();
          return !s.layoutRunning && s.lastLayoutMs !== prev;
        }, before, { timeout: 150_000, polling: 100 });
        const ms = await page.evaluate(() => window.__twinscapeGraph!.status().lastLayoutMs!);
        bench.record(`explorer.10k.layout.${name}`, 'ms', [ms]);
        bench.record(`explorer.10k.layout.${name}.wall`, 'ms', [Date.now() - t0]);
      } catch {
        console.log(`layout ${name} did not finish within 150 s`);
      }
    }
  } finally {
    await ctx.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
