/**
 * Explorer canvas at scale, in headless Chromium (software rendering, the playwright.config.ts flags):
 * a workspace of 10,000 twins and 20,000 relationships is imported through the UI, the page is reopened,
 * and we measure
 *   - explorer.10k.firstFrame        : canvas sync of the 10k twins until the first drawn frame (level of
 *                                      detail: dots; relationships are drawn once zoomed in on them)
 *   - explorer.10k.zoomInToRelationships : from the fitted view, last wheel notch of a zoom-in until the frame
 *                                      with the relationships in view
 *   - explorer.10k.mainThreadBusy    : the page's main-thread task time from navigation to the complete graph
 *   - explorer.10k.openToFirstFrame  : page navigation -> engine open -> whole-workspace query -> first frame
 *   - explorer.10k.layout.<name>     : layout computed in the layout worker (main thread stays free); the
 *                                      hierarchical one is the linear layered layout at this size
 *   - explorer.10k.zoomStep / panStep : one wheel notch / one drag move until the frame that shows it
 *   - explorer.10k.zoomSettle        : last wheel notch of a gesture until the frame redrawn at the new zoom
 *   - explorer.50k.*                 : 50,000 twins and 100,000 relationships: import, first frame, layout
 * EXPLORER_BENCH=10k or =50k runs one part.
 * The app is built once (vite build) into a temp dir and served with vite preview on a free port.
 */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { Bench } from './harness.ts';
import { chromiumLaunch, freePort } from './browser.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');


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

interface OpenFigures {
  firstFrame: number;
  openToFrame: number;
  mainThreadMs: number;
}

async function openAndMeasure(page: Page, url: string, twins: number): Promise<OpenFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  const r = (await page.waitForFunction((n) => {
    const s = window.__twinscapeGraph?.status();
    return s && s.nodes >= n && s.firstFrameMs !== null && s.allEdgesMs !== null
      ? { firstFrame: s.firstFrameMs, openToFrame: performance.now() - (s.allEdgesMs - s.firstFrameMs) }
      : null;
  }, twins, { timeout: 300_000, polling: 100 }).then((h) => h.jsonValue()))!;
  // Main-thread busy time of the page from navigation to the complete graph (less sensitive to a loaded machine).
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await cdp.detach();
  return { ...r, mainThreadMs: task * 1000 };
}

/** Imports an ADT Explorer graph file through the UI (Import / export -> file -> Import); returns the wall time. */
async function importGraph(page: Page, file: string, twins: number): Promise<number> {
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Import / export' }).click();
  await page.getByLabel('Graph file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('dialog', { name: 'Import graph' }).getByRole('button', { name: 'Import', exact: true }).click({ timeout: 300_000 });
  const counts = page.getByTestId('count-twins');
  await counts.filter({ hasText: `${twins.toLocaleString('en-US')} twins` }).or(counts.filter({ hasText: `${twins} twins` })).waitFor({ timeout: 600_000 });
  return Date.now() - t0;
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Pan and zoom at the fitted view: each step is one input (a wheel notch, a drag move) until the frame that
 * shows it (two animation frames later). Zoom steps of a big graph are previews (the drawn canvas scaled);
 * `settle` is the time from the last notch of a gesture to the frame redrawn at the new zoom.
 */
async function measureViewport(page: Page): Promise<{ zoom: number[]; settle: number[]; pan: number[] }> {
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.waitForTimeout(1000);
  const box = (await page.getByTestId('twin-graph').boundingBox())!;
  const zoom: number[] = [];
  const settle: number[] = [];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let gesture = 0; gesture < 3; gesture++) {
    for (let i = 0; i < 6; i++) {
      const t0 = Date.now();
      await page.mouse.wheel(0, i % 2 ? 150 : -150);
      await nextFrame(page);
      if (gesture > 0 || i > 0) zoom.push(Date.now() - t0); // the very first notch also creates the preview layer
    }
    const t0 = Date.now();
    await page.waitForFunction(() => !window.__twinscapeGraph!.zoomPending(), undefined, { polling: 'raf', timeout: 60_000 });
    await nextFrame(page);
    settle.push(Date.now() - t0);
  }
  // Pan: drag the background from the bottom-left corner (outside the fitted graph's nodes).
  const pan: number[] = [];
  const start = await page.evaluate(() => window.__twinscapeGraph!.pan());
  const px = box.x + 4;
  const py = box.y + box.height - 4;
  await page.mouse.move(px, py);
  await page.mouse.down();
  for (let i = 0; i < 13; i++) {
    const t0 = Date.now();
    await page.mouse.move(px + (i % 2 ? 10 : 50), py - (i % 2 ? 10 : 40));
    await nextFrame(page);
    if (i > 0) pan.push(Date.now() - t0); // the first move starts the gesture (Cytoscape draws its viewport texture)
  }
  await page.mouse.up();
  const end = await page.evaluate(() => window.__twinscapeGraph!.pan());
  if (Math.abs(end.x - start.x) < 10) throw new Error('pan measurement: the drag did not pan the view (it hit a node?)');
  return { zoom, settle, pan };
}

/**
 * From the fitted view (relationships not drawn), one wheel gesture zooms in past the level where they are
 * drawn: time from the last notch to the frame with the relationships in view (big graphs add them to
 * Cytoscape then), and how many relationships Cytoscape holds afterwards.
 */
async function measureZoomToRelationships(page: Page): Promise<{ ms: number; edges: number }> {
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.waitForTimeout(500);
  const z0 = await page.evaluate(() => window.__twinscapeGraph!.zoom());
  const notch = Math.pow(10, (150 / 250) * 0.4);
  const notches = Math.max(1, Math.ceil(Math.log(0.45 / z0) / Math.log(notch)));
  const box = (await page.getByTestId('twin-graph').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < notches; i++) await page.mouse.wheel(0, -150);
  const t0 = Date.now();
  await page.waitForFunction(() => !window.__twinscapeGraph!.zoomPending() && !window.__twinscapeGraph!.status().edgesHidden, undefined, { polling: 'raf', timeout: 120_000 });
  await nextFrame(page);
  const ms = Date.now() - t0;
  return { ms, edges: await page.evaluate(() => window.__twinscapeGraph!.edgeIds().length) };
}

async function measureLayout(page: Page, label: string): Promise<{ ms: number; wall: number; algorithm: string } | null> {
  const before = await page.evaluate(() => window.__twinscapeGraph!.status().lastLayoutMs);
  const t0 = Date.now();
  const select = page.getByRole('combobox', { name: 'Layout' });
  if ((await select.inputValue()) === (await select.locator('option', { hasText: label }).getAttribute('value'))) {
    await page.getByRole('button', { name: 'Run layout' }).click();
  } else await select.selectOption({ label });
  try {
    await page.waitForFunction((prev) => {
      const s = window.__twinscapeGraph!.status();
      return !s.layoutRunning && s.lastLayoutMs !== prev;
    }, before, { timeout: 150_000, polling: 100 });
  } catch {
    console.log(`layout ${label} did not finish within 150 s`);
    return null;
  }
  const s = await page.evaluate(() => window.__twinscapeGraph!.status());
  return { ms: s.lastLayoutMs!, wall: Date.now() - t0, algorithm: s.lastLayoutAlgorithm ?? '?' };
}

export default async function explorerBench(bench: Bench): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'twinscape-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'twinscape-bench-profile-'));
  const port = await freePort();
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const ctx = await chromium.launchPersistentContext(profile, { ...chromiumLaunch, viewport: { width: 1400, height: 900 } });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const url = `http://127.0.0.1:${port}/explorer`;
    const only = (process.env.EXPLORER_BENCH ?? '10k,50k').split(',');
    await page.goto(url);
    await page.getByText('Engine ready').waitFor({ timeout: 60_000 });

    if (only.includes('10k')) {
      bench.record('explorer.10k.import', 'ms', [await importGraph(page, bigGraph(), 10_000)]);
      const runs: OpenFigures[] = [];
      for (let i = 0; i < 5; i++) runs.push(await openAndMeasure(page, url, 10_000));
      bench.record('explorer.10k.firstFrame', 'ms', runs.map((r) => r.firstFrame), '< 3000');
      bench.record('explorer.10k.openToFirstFrame', 'ms', runs.map((r) => r.openToFrame));
      bench.record('explorer.10k.mainThreadBusy', 'ms', runs.map((r) => r.mainThreadMs));
      const os = await import('node:os');
      console.log(`load average during the run: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; sync phases ${JSON.stringify(await page.evaluate(() => window.__twinscapeGraph!.syncPhases()))}`);
      const st = await page.evaluate(() => window.__twinscapeGraph!.status());
      console.log(`renderer: ${st.webgl ? 'WebGL' : 'canvas'}; nodes ${st.nodes}, edges ${st.edges}`);

      const vp = await measureViewport(page);
      bench.record('explorer.10k.zoomStep', 'ms', vp.zoom, '< 100');
      bench.record('explorer.10k.zoomSettle', 'ms', vp.settle);
      bench.record('explorer.10k.panStep', 'ms', vp.pan, '< 100');
      const zin = await measureZoomToRelationships(page);
      bench.record('explorer.10k.zoomInToRelationships', 'ms', [zin.ms]);
      console.log(`zoomed in to relationships: ${zin.edges} of 20,000 relationships added to the canvas`);

      // Layouts in the worker (one run each). The hierarchical one is the linear layered layout at this size.
      for (const [name, label] of [['grid', 'Grid'], ['concentric', 'Concentric'], ['breadthfirst', 'Tree (breadth-first)'], ['hierarchical', 'Hierarchical']] as const) {
        const r = await measureLayout(page, label);
        if (!r) continue;
        bench.record(`explorer.10k.layout.${name}`, 'ms', [r.ms], name === 'hierarchical' ? '< 10000' : undefined);
        bench.record(`explorer.10k.layout.${name}.wall`, 'ms', [r.wall]);
        console.log(`layout ${label}: ${Math.round(r.ms)} ms in the worker (${r.algorithm}), ${r.wall} ms until applied`);
      }
    }

    if (only.includes('50k')) {
      // 50,000 twins and 100,000 relationships still load (the check: every twin is on the canvas).
      bench.record('explorer.50k.import', 'ms', [await importGraph(page, bigGraph(50_000, 100_000), 50_000)]);
      const runs: OpenFigures[] = [];
      for (let i = 0; i < 2; i++) runs.push(await openAndMeasure(page, url, 50_000));
      bench.record('explorer.50k.firstFrame', 'ms', runs.map((r) => r.firstFrame));
      bench.record('explorer.50k.mainThreadBusy', 'ms', runs.map((r) => r.mainThreadMs));
      const st = await page.evaluate(() => window.__twinscapeGraph!.status());
      if (st.nodes < 50_000 || st.edges < 100_000) throw new Error(`50k: only ${st.nodes} twins / ${st.edges} relationships on the canvas`);
      const zin = await measureZoomToRelationships(page);
      bench.record('explorer.50k.zoomInToRelationships', 'ms', [zin.ms]);
      console.log(`50k zoomed in to relationships: ${zin.edges} of 100,000 relationships added to the canvas`);
      const r = await measureLayout(page, 'Hierarchical');
      if (r) bench.record('explorer.50k.layout.hierarchical', 'ms', [r.ms]);
      // A slow layout is announced, not silently started.
      await page.getByRole('combobox', { name: 'Layout' }).selectOption({ label: 'Force (fCoSE)' });
      const notice = await page.getByRole('status').filter({ hasText: /layout of 50,000 twins is slow/ }).first().textContent({ timeout: 10_000 });
      console.log(`50k notice: ${notice}`);
    }
  } finally {
    await ctx.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
