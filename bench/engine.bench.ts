/**
 * Twin engine figures (issue 4). Node: import into memory, patch throughput over fake-indexeddb, open time.
 * Headless Chromium (Debian's /usr/bin/chromium through playwright-core): bulk import of a generated building graph
 * (default 100,000 twins + 300,000 relationships, NDJSON) into IndexedDB, a raw Dexie bulkPut of the same records in
 * the same run, cold start until a query runs, and single-property patch throughput.
 * Env: TWINSCAPE_BENCH_TWINS (default 100000), TWINSCAPE_BENCH_RUNS (default 3), CHROMIUM_PATH.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { indexedDB as fakeIndexedDB, IDBKeyRange as FakeIDBKeyRange } from 'fake-indexeddb';
import type { Bench } from './harness.ts';
import { createLocalEngine, DexieStore, MemoryStore } from '../src/engine/index.ts';
import { generateBuildingGraph, toNdjson } from '../src/engine/bench/generateBuildingGraph.ts';
import type * as BrowserBench from '../src/engine/bench/browserBench.ts';

type ImportFigures = BrowserBench.ImportFigures;
type BenchGlobal = { twinscapeBench: typeof BrowserBench };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TWINS = Number(process.env.TWINSCAPE_BENCH_TWINS ?? 100_000);
const RUNS = Number(process.env.TWINSCAPE_BENCH_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function nodeFigures(bench: Bench): Promise<void> {
  const n = 10_000;
  const text = toNdjson(generateBuildingGraph(n));
  const importMs = await bench.time(`engine.node.import.${n / 1000}k-twins.memory`, async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const r = await e.importGraph(text, 'ndjson');
    if (!r.ok || r.value.errors.length) throw new Error('import failed');
  }, { runs: 5, warmup: 1 });
  bench.record('engine.node.import.twins-per-s.memory', 'per s', importMs.map((ms) => (n / ms) * 1000));

  // Open time: a stored workspace (fake-indexeddb) loaded until queries can run.
  const opts = { indexedDB: fakeIndexedDB, IDBKeyRange: FakeIDBKeyRange };
  const name = `bench-open-${process.pid}`;
  const seeded = await createLocalEngine({ store: await new DexieStore(name, opts).open() });
  await seeded.importGraph(text, 'ndjson');
  await seeded.close();
  await bench.time(`engine.node.open.${n / 1000}k-twins.fake-indexeddb`, async () => {
    const e = await createLocalEngine({ store: await new DexieStore(name, opts).open() });
    await e.close();
  }, { runs: 5, warmup: 1 });

  // Patch throughput through validation, storage (fake-indexeddb), events and history.
  const samples: number[] = [];
  const pname = `bench-patch-${process.pid}`;
  const pe = await createLocalEngine({ store: await new DexieStore(pname, opts).open() });
  const g = generateBuildingGraph(2000, 1);
  await pe.importGraph(toNdjson(g), 'ndjson');
  const rooms = g.twins.filter((t) => String((t.$metadata as { $model: string }).$model).endsWith('Room;1')).map((t) => String(t.$dtId));
  let events = 0;
  await pe.subscribe((b) => (events += b.length));
  for (let run = 0; run < 4; run++) {
    const count = 10_000;
    const t0 = performance.now();
    for (let i = 0; i < count; i += 1000) {
      const batch = [];
      for (let j = i; j < i + 1000; j++) batch.push(pe.patchTwin(rooms[j % rooms.length], [{ op: 'replace', path: '/temperature', value: (j % 100) / 10 }]));
      await Promise.all(batch);
    }
    if (run > 0) samples.push((count / (performance.now() - t0)) * 1000);
  }
  if (events !== 40_000) throw new Error(`expected 40000 events, got ${events}`);
  bench.record('engine.node.patch.per-s.fake-indexeddb', 'per s', samples, '> 10000');
  await pe.close();
}

async function browserFigures(bench: Bench): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`engine bench: no Chromium at ${CHROMIUM} (apt-get install -y chromium); browser figures skipped`);
    return;
  }
  const bundle = await build({
    stdin: { contents: "import * as b from './src/engine/bench/browserBench.ts'; (globalThis as any).twinscapeBench = b;", resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const js = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>engine bench</title><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'twinscapeBench' in globalThis);
    const runs: ImportFigures[] = [];
    // One small warm-up run (JIT, IndexedDB files), then the measured runs.
    await page.evaluate(() => (globalThis as unknown as BenchGlobal).twinscapeBench.benchImport(2000, 'bench-warmup'));
    for (let i = 0; i < RUNS; i++) {
      const f = await page.evaluate(
        ([n, db]) => (globalThis as unknown as BenchGlobal).twinscapeBench.benchImport(n, db),
        [TWINS, `bench-import-${i}`] as [number, string],
      );
      if (f.errors) throw new Error(`import reported ${f.errors} errors`);
      runs.push(f);
      console.log(`  run ${i + 1}: import ${Math.round(f.importMs)} ms, raw bulkPut ${Math.round(f.rawBulkPutMs)} ms, cold start ${Math.round(f.coldStartMs)} ms (raw read ${Math.round(f.rawReadMs)} ms), snapshot write ${Math.round(f.snapshotMs)} ms (${f.twins} twins, ${f.relationships} relationships)`);
    }
    const k = `${Math.round(TWINS / 1000)}k`;
    bench.record(`engine.browser.import.${k}-twins.ms`, 'ms', runs.map((r) => r.importMs), TWINS === 100_000 ? '< 15000' : undefined);
    bench.record(`engine.browser.raw-bulkput.${k}-twins.ms`, 'ms', runs.map((r) => r.rawBulkPutMs));
    bench.record(`engine.browser.import-vs-raw-bulkput`, 'x', runs.map((r) => r.importMs / r.rawBulkPutMs), '< 2');
    bench.record(`engine.browser.cold-start.${k}-twins.ms`, 'ms', runs.map((r) => r.coldStartMs), '< 3000');
    bench.record(`engine.browser.raw-read.${k}-twins.ms`, 'ms', runs.map((r) => r.rawReadMs));
    bench.record(`engine.browser.snapshot-write.${k}-twins.ms`, 'ms', runs.map((r) => r.snapshotMs));
    const patch: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await page.evaluate(
        (db) => (globalThis as unknown as BenchGlobal).twinscapeBench.benchPatches(10_000, db),
        `bench-patch-${i}`,
      );
      if (p.events !== 10_000) throw new Error(`expected 10000 events, got ${p.events}`);
      patch.push(p.perSecond);
    }
    bench.record('engine.browser.patch.per-s', 'per s', patch, '> 10000');
  } finally {
    await browser.close();
    server.close();
  }
}

export default async function engineBench(bench: Bench): Promise<void> {
  await nodeFigures(bench);
  await browserFigures(bench);
}
