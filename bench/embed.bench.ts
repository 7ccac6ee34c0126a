/**
 * Embeddable viewer figures (issue 9):
 * - gzip sizes of the library build (npm run build:embed, rebuilt here): the web component with React, three
 *   and R3F inside (target < 450 KB), and the React export without its peers (target < 120 KB);
 * - DOMContentLoaded -> the viewer's `ready` event on the demo package (public/demo/demo.twinscape), in headless
 *   Chromium (playwright-core, /usr/bin/chromium, the launch flags of playwright.config.ts; WebGL is SwiftShader),
 *   page served by a local static server with the web component bundle: median of fresh browser contexts.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Bench } from './harness.ts';
import { chromiumLaunch } from './browser.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist-embed');
const RUNS = 7;

export default async function embed(bench: Bench): Promise<void> {
  execSync('npx vite build -c vite.embed.config.ts --logLevel warn && npx vite build -c vite.embed.config.ts --mode react --logLevel warn', { cwd: root, stdio: 'inherit' });
  const wc = readFileSync(join(dist, 'twinscape-viewer.js'));
  const rx = readFileSync(join(dist, 'twinscape-viewer-react.js'));
  bench.record('embed: web component bundle (gzip, React + three + R3F inside)', 'KB', [kb(gzipSync(wc, { level: 9 }).length)], '< 450');
  bench.record('embed: React export without peers (gzip)', 'KB', [kb(gzipSync(rx, { level: 9 }).length)], '< 120');
  await readyTime(bench, wc);
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

async function readyTime(bench: Bench, bundle: Buffer): Promise<void> {
  const pkg = readFileSync(join(root, 'public/demo/demo.twinscape'));
  const page = `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/twinscape-viewer.js"></script></head>
<body style="margin:0"><twinscape-viewer id="v" src="/demo.twinscape" scene="Duplex apartment" style="width:800px;height:500px"></twinscape-viewer>
<script>
  document.getElementById('v').addEventListener('ready', () => { window.__readyAt = performance.now(); });
  document.getElementById('v').addEventListener('error', (e) => { window.__error = e.detail.message; });
</script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/twinscape-viewer.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(bundle); }
    else if (req.url === '/demo.twinscape') { res.writeHead(200, { 'content-type': 'application/zip' }); res.end(pkg); }
    else if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); }
    else { res.writeHead(404); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch(chromiumLaunch);
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      const p = await context.newPage();
      await p.goto(url);
      await p.waitForFunction(() => (window as unknown as { __readyAt?: number; __error?: string }).__readyAt !== undefined || (window as unknown as { __error?: string }).__error !== undefined, null, { timeout: 120_000 });
      const r = await p.evaluate(() => {
        const w = window as unknown as { __readyAt?: number; __error?: string };
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { error: w.__error, ms: (w.__readyAt ?? 0) - nav.domContentLoadedEventStart };
      });
      await context.close();
      if (r.error) throw new Error(`viewer error: ${r.error}`);
      if (i > 0) samples.push(r.ms); // the first run warms the browser's caches up (code cache, shaders)
    }
  } finally {
    await browser.close();
    server.close();
  }
  bench.record('embed: DOMContentLoaded -> ready, demo package (headless Chromium, SwiftShader)', 'ms', samples);
}
