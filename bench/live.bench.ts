/**
 * Live data figures (issue 8), in headless Chromium (playwright-core, /usr/bin/chromium) on a production build:
 * - simulator: 1,000 twins at 10 updates/s each, driven by the simulator inside the engine worker, for
 *   LIVE_BENCH_SECONDS (default 60): updates lost (generated - applied - events delivered to the page),
 *   history completeness (sampled twins), the main thread's longest task (PerformanceObserver 'longtask'),
 *   and the lag from a value generated (its scheduled time, the patch's `$metadata/<property>/sourceTime`) to its
 *   event arriving on the main thread, p95 (and, for comparison, from commit: event.time);
 * - history chart: first draw of 1,000,000 points of one property (min/max/avg downsampling + uPlot), with the
 *   points already in memory (reading them from IndexedDB is not included).
 * - MQTT: 5,000 messages/s for LIVE_BENCH_MQTT_SECONDS (default 10) from a Node client through the real mosquitto
 *   (TCP in, WebSocket out via the fixture's bridge) to the engine worker's MQTT source: messages lost, applied per s.
 */
import { spawn, execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import mqtt from 'mqtt';
import { percentile, type Bench } from './harness.ts';
import { startBroker } from '../fixtures/live/mosquitto.ts';
import { chromiumLaunch, freePort } from './browser.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 60);
const TWINS = 1000;
const RATE = 10;


export default async function liveBench(bench: Bench): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--outDir', 'dist-bench', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  const server = spawn('npx', ['vite', 'preview', '--outDir', 'dist-bench', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(base)).ok) break;
      } catch (_e) {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const page = await browser.newPage();
    await page.goto(`${base}/live`);
    await page.waitForFunction(() => !!(globalThis as { __twinscapeLive?: unknown }).__twinscapeLive);
    const r = await page.evaluate(async ({ twins, rate, seconds }) => {
      type Api = {
        engine: Record<string, (...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>>;
        onEngineEvents: (l: (events: Array<{ type: string; time: string; subject: string; data: { patch?: Array<{ path: string; value: unknown }> } }>) => void) => () => void;
        live: (m: string, ...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
      };
      const h = (globalThis as unknown as { __twinscapeLive: Api }).__twinscapeLive;
      const demo = await (await fetch('/demo/building.json')).json() as { digitalTwinsModels: unknown[] };
      const digitalTwins = Array.from({ length: twins }, (_, i) => ({ $dtId: `B-${i}`, $metadata: { $model: 'dtmi:twinscape:demo:Room;1' }, temperature: 21 }));
      const doc = { digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins, relationships: [] }, digitalTwinsModels: demo.digitalTwinsModels };
      const imp = await h.engine.importGraph!(JSON.stringify(doc), 'adt-explorer-json');
      if (!imp.ok) throw new Error(imp.error!.message);
      let longest = 0;
      const longTasks = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
      longTasks.observe({ type: 'longtask', buffered: false });
      const lags: number[] = [];
      const commitLags: number[] = [];
      let delivered = 0;
      let batches = 0;
      const off = h.onEngineEvents((events) => {
        const now = Date.now();
        batches++;
        for (const e of events) {
          if (e.type !== 'Microsoft.DigitalTwins.Twin.Update') continue;
          delivered++;
          if (delivered % 10 !== 0) continue;
          const st = e.data.patch?.find((op) => op.path === '/$metadata/temperature/sourceTime');
          lags.push(now - Date.parse(String(st?.value)));
          commitLags.push(now - Date.parse(e.time));
        }
      });
      const g = await h.live('upsertGenerator', { id: 'bench', modelId: 'dtmi:twinscape:demo:Room;1', property: 'temperature', mode: 'property', kind: 'randomWalk', params: { value: 21, min: 15, max: 30, step: 0.2 }, rateHz: rate });
      if (!g.ok) throw new Error(g.error!.message);
      const started = await h.live('startGenerator', 'bench');
      if (!started.ok) throw new Error(started.error!.message);
      await new Promise((res) => setTimeout(res, seconds * 1000));
      await h.live('stopGenerator', 'bench');
      let info = { generated: 0, applied: 0, failed: 0, skipped: 0 };
      for (let i = 0; i < 600; i++) {
        info = ((await h.live('listGenerators')) as unknown as Array<typeof info>)[0]!;
        if (info.applied + info.failed === info.generated && delivered >= info.applied) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      off();
      // The simulator's window only: the chart figure below builds 1,000,000 points on this thread (a long task of its own).
      for (const e of longTasks.takeRecords()) longest = Math.max(longest, e.duration);
      longTasks.disconnect();
      const sample = [0, 137, 512, 999];
      const histories: number[] = [];
      for (const i of sample) {
        const hr = await h.engine.propertyHistory!({ twinId: `B-${i}`, property: 'temperature' });
        histories.push(hr.ok ? (hr.value as unknown[]).length : -1);
      }
      // Chart: 1,000,000 points.
      const n = 1_000_000;
      const times = new Float64Array(n);
      const values = new Float64Array(n);
      const t0 = Date.now() - n * 100;
      for (let i = 0; i < n; i++) { times[i] = t0 + i * 100; values[i] = 21 + Math.sin(i / 5000) * 3 + (i % 7) * 0.01; }
      const chartMs: number[] = [];
      for (let k = 0; k < 5; k++) {
        const el = document.createElement('div');
        el.style.width = '1200px';
        document.body.appendChild(el);
        const s = performance.now();
        const { plot } = (h as unknown as { drawHistoryChart: (e: HTMLElement, t: ArrayLike<number>, v: ArrayLike<number>) => { plot: { destroy(): void } } }).drawHistoryChart(el, times, values);
        await new Promise((res) => requestAnimationFrame(() => res(null)));
        chartMs.push(performance.now() - s);
        plot.destroy();
        el.remove();
      }
      return { info, delivered, batches, lags, commitLags, longest, histories, chartMs, perTwinMin: Math.floor(info.generated / twins), perTwinMax: Math.ceil(info.generated / twins) };
    }, { twins: TWINS, rate: RATE, seconds: SECONDS });

    const lost = r.info.generated - r.info.applied + Math.max(0, r.info.applied - r.delivered);
    console.log(`simulator: ${SECONDS} s, generated ${r.info.generated} (${Math.round(r.info.generated / SECONDS)}/s), applied ${r.info.applied}, failed ${r.info.failed}, skipped ${r.info.skipped}, delivered ${r.delivered} in ${r.batches} batches; history of sampled twins ${r.histories.join(', ')} (expected ${r.perTwinMin}${r.perTwinMax > r.perTwinMin ? ` or ${r.perTwinMax}` : ''} each: the twins' updates are spread over the period, so a run may end mid-round); lag p50 ${percentile(r.lags, 50)} ms (from commit: p50 ${percentile(r.commitLags, 50)}, p95 ${percentile(r.commitLags, 95)} ms)`);
    bench.record('live.sim.updates per s', 'per s', [r.info.generated / SECONDS], `${TWINS * RATE}`);
    bench.record('live.sim.lost updates', 'x', [lost + r.info.skipped], '0');
    bench.record('live.sim.history missing (sampled twins)', 'x', [r.histories.reduce((s, c) => s + Math.max(0, r.perTwinMin - c) + Math.max(0, c - r.perTwinMax), 0)], '0');
    bench.record('live.sim.main-thread longest task', 'ms', [r.longest], '< 50');
    bench.record('live.sim.event lag p95', 'ms', [percentile(r.lags, 95)], '< 100');
    bench.record('live.history chart 1M points first draw', 'ms', r.chartMs, '< 300');
    await page.close();
    await mqttThroughput(bench, browser, base);
  } finally {
    await browser.close();
    try { process.kill(-server.pid!); } catch (_e) { server.kill(); }
  }
}

async function mqttThroughput(bench: Bench, browser: Browser, base: string): Promise<void> {
  const seconds = Number(process.env.LIVE_BENCH_MQTT_SECONDS ?? 10);
  const perSecond = 5000;
  const broker = await startBroker();
  const context = await browser.newContext();
  const page = await context.newPage();
  const publisher = await mqtt.connectAsync(broker.tcpUrl);
  try {
    await page.goto(`${base}/live`);
    await page.waitForFunction(() => !!(globalThis as { __twinscapeLive?: unknown }).__twinscapeLive);
    await page.evaluate(async ({ url }) => {
      type Res = { ok: boolean; error?: { message: string }; value?: unknown };
      const h = (globalThis as unknown as { __twinscapeLive: { engine: Record<string, (...a: unknown[]) => Promise<Res>>; live: (m: string, ...a: unknown[]) => Promise<Res> } }).__twinscapeLive;
      const demo = await (await fetch('/demo/building.json')).json() as { digitalTwinsModels: unknown[] };
      const digitalTwins = Array.from({ length: 1000 }, (_, i) => ({ $dtId: `M-${i}`, $metadata: { $model: 'dtmi:twinscape:demo:Room;1' }, temperature: 21 }));
      const imp = await h.engine.importGraph!(JSON.stringify({ digitalTwinsFileInfo: { fileVersion: '1.0.0' }, digitalTwinsGraph: { digitalTwins, relationships: [] }, digitalTwinsModels: demo.digitalTwinsModels }), 'adt-explorer-json');
      if (!imp.ok) throw new Error(imp.error!.message);
      const c = await h.live('mqttConnect', { url, mappings: [{ topic: 'bench/+/t', twinId: '{1}', mode: 'property', values: { temperature: '$.t' } }] });
      if (!c.ok) throw new Error(c.error!.message);
      for (let i = 0; i < 100; i++) {
        const st = await h.live('mqttStatus') as unknown as { state: string };
        if (st.state === 'connected') return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('MQTT source did not connect');
    }, { url: broker.url });
    await new Promise((r) => setTimeout(r, 500)); // subscription settles
    let sent = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      const due = Math.floor(((Date.now() - t0) / 1000) * perSecond);
      while (sent < due) {
        publisher.publish(`bench/M-${sent % 1000}/t`, JSON.stringify({ t: 15 + (sent % 150) / 10 }));
        sent++;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const publishMs = Date.now() - t0;
    let st = { received: 0, applied: 0, malformed: 0 };
    const waitStart = Date.now();
    for (let i = 0; i < 1200; i++) {
      st = await page.evaluate(() => (globalThis as unknown as { __twinscapeLive: { live: (m: string) => Promise<unknown> } }).__twinscapeLive.live('mqttStatus')) as typeof st;
      if (st.applied + st.malformed >= sent) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const drainMs = Date.now() - waitStart;
    const totalS = (drainMs + publishMs) / 1000;
    console.log(`mqtt: published ${sent} in ${publishMs} ms; received ${st.received}, applied ${st.applied}, malformed ${st.malformed}; drained after ${totalS.toFixed(1)} s`);
    bench.record('live.mqtt.messages lost (5,000/s)', 'x', [sent - st.received], '0');
    bench.record('live.mqtt.patches applied per s', 'per s', [st.applied / totalS], '5000');
    // Keeping up: how long the last messages took to be applied once publishing stopped.
    bench.record('live.mqtt.backlog after publishing', 'ms', [drainMs], '< 1000');
  } finally {
    await publisher.endAsync(true);
    await context.close();
    await broker.stop();
  }
}

