/**
 * DTDL parser figures: RealEstateCore (768 v3 Interfaces) parsed and validated as one model, side by side with the
 * official DTDLParser compiled to WebAssembly (@digicatapult/dtdl-parser, devDependency, oracle only) in the same
 * process; the JSON.parse floor; the minified+gzipped size of src/dtdl.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Bench } from './harness.ts';
import { median } from './harness.ts';
import { parseModels } from '../src/dtdl/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The copy in fixtures/ (with its LICENSE) so the bench runs in a clone alone.
const REC = join(root, 'fixtures/ontologies/realestatecore');

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (f.endsWith('.json')) out.push(p);
  }
  return out;
}

/** CPU time of this process's main thread in ms (Linux /proc), or undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

export default async function dtdlBench(bench: Bench): Promise<void> {
  // bundle size of src/dtdl (what the app's worker ships)
  const out = await build({ entryPoints: [join(root, 'src/dtdl/index.ts')], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const js = out.outputFiles[0].contents;
  bench.record('dtdl.bundle.min', 'KB', [js.length / 1024]);
  bench.record('dtdl.bundle.min+gzip', 'KB', [gzipSync(js, { level: 9 }).length / 1024], '< 80');

  if (!existsSync(REC)) {
    console.warn(`dtdl bench: ${REC} not found, skipping the RealEstateCore figures`);
    return;
  }
  const texts = jsonFiles(REC).map((f) => readFileSync(f, 'utf8'));
  const check = await parseModels(texts);
  if (!check.ok) throw new Error(`RealEstateCore rejected: ${check.errors[0].cause}`);

  const ours = await bench.time('dtdl.parse.realestatecore', () => parseModels(texts), { runs: 30, warmup: 20, target: '< 100' });
  const floor = await bench.time('dtdl.json-parse.realestatecore', () => texts.map((t) => JSON.parse(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)), { runs: 15, warmup: 3 });
  bench.record('dtdl.ratio.vs-json-parse', 'x', [median(ours) / median(floor)]);

  // the official parser (WebAssembly), same process, same model as one JSON array document. Blocks alternate (the
  // oracle twice, then ours eight times, the first three of which absorb the oracle's garbage collection) so both
  // see the same machine load; the speed-up is the median of the per-block ratios of medians.
  const { getInterop } = await import('@digicatapult/dtdl-parser');
  const log = console.log;
  console.log = () => {};
  try {
    const oracle = await getInterop();
    const doc = JSON.stringify(texts.map((t) => JSON.parse(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)));
    for (let i = 0; i < 2; i++) oracle.parse(doc);
    const theirs: number[] = [];
    const mine: number[] = [];
    const ratios: number[] = [];
    // diagnostic: main-thread CPU time of the same runs (Linux), which leaves out the time the thread waited for a
    // core (the machine is shared; V8's background GC threads compete too)
    const cpuTheirs: number[] = [];
    const cpuMine: number[] = [];
    for (let b = 0; b < 5; b++) {
      const o: number[] = [];
      for (let i = 0; i < 2; i++) {
        const c0 = threadCpuMs();
        const t0 = performance.now();
        oracle.parse(doc);
        o.push(performance.now() - t0);
        if (c0 !== undefined) cpuTheirs.push(threadCpuMs()! - c0);
      }
      const m: number[] = [];
      for (let i = 0; i < 8; i++) {
        const c0 = threadCpuMs();
        const t0 = performance.now();
        await parseModels(texts);
        if (i >= 3) {
          m.push(performance.now() - t0);
          if (c0 !== undefined) cpuMine.push(threadCpuMs()! - c0);
        }
      }
      theirs.push(...o);
      mine.push(...m);
      ratios.push(median(o) / median(m));
    }
    bench.record('dtdl.oracle-wasm.parse.realestatecore', 'ms', theirs);
    // diagnostic: ours within the interleaved blocks (the runs the speed-up is computed from)
    bench.record('dtdl.parse.realestatecore.interleaved', 'ms', mine);
    if (cpuMine.length && cpuTheirs.length) {
      bench.record('dtdl.cpu.parse.realestatecore.interleaved', 'ms', cpuMine);
      bench.record('dtdl.cpu.oracle-wasm.parse.realestatecore', 'ms', cpuTheirs);
    }
    bench.record('dtdl.speedup.vs-oracle-wasm', 'x', ratios, '>= 20');
  } finally {
    console.log = log;
  }
}
