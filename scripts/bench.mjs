#!/usr/bin/env node
// `npm run bench` runs every bench/<group>.bench.ts; `npm run bench -- <group>...` runs those groups.
// Figures are printed as a table and merged into bench/results.json.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const all = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((g) => !all.includes(g));
if (unknown.length) {
  console.error(`Unknown bench group(s): ${unknown.join(', ')}. Groups: ${all.join(', ')}`);
  process.exit(2);
}
const groups = wanted.length ? wanted : all;
const { createBench } = await import(pathToFileURL(join(benchDir, 'harness.ts')).href);
const resultsPath = join(benchDir, 'results.json');
const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
let failed = false;
for (const group of groups) {
  console.log(`\n## ${group}`);
  const bench = createBench();
  try {
    const mod = await import(pathToFileURL(join(benchDir, `${group}.bench.ts`)).href);
    await mod.default(bench);
  } catch (err) {
    failed = true;
    console.error(`bench group ${group} failed:`, err);
  }
  const rows = Object.entries(bench.figures).map(([id, f]) => ({ figure: id, median: f.median, unit: f.unit, runs: f.runs, target: f.target ?? '' }));
  if (rows.length) console.table(rows);
  for (const [id, f] of Object.entries(bench.figures)) results[id] = f;
}
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${resultsPath}`);
process.exit(failed ? 1 : 0);
