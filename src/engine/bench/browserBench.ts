/**
 * Engine benchmarks that run inside a browser page (bundled and driven by bench/engine.bench.ts through Playwright):
 * bulk import into IndexedDB, the raw Dexie bulkPut floor for the same records, cold start, patch throughput.
 */
import { createLocalEngine } from '../index.ts';
import { DexieStore, deleteDexieDatabase } from '../storage/DexieStore.ts';
import { generateBuildingGraph, toNdjson } from './generateBuildingGraph.ts';
import type { Relationship, Twin } from '../types.ts';

export interface ImportFigures {
  twins: number;
  relationships: number;
  importMs: number;
  rawBulkPutMs: number;
  coldStartMs: number;
  /** Floor of the cold start: reading every stored record (rows and segments) with Dexie, nothing else. */
  rawReadMs: number;
  /** Background snapshot write after the import (skipped when the import's segments hold the graph). */
  snapshotMs: number;
  errors: number;
}

export async function benchImport(twinCount: number, dbName: string): Promise<ImportFigures> {
  await deleteDexieDatabase(dbName);
  await deleteDexieDatabase(`${dbName}-raw`);
  const text = toNdjson(generateBuildingGraph(twinCount));
  const engine = await createLocalEngine({ store: await new DexieStore(dbName).open() });
  const t0 = performance.now();
  const r = await engine.importGraph(text, 'ndjson');
  const importMs = performance.now() - t0;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  // The snapshot for fast cold starts is written after the import, in the background; measured on its own.
  const ts = performance.now();
  await engine.flushSnapshot();
  const snapshotMs = performance.now() - ts;
  const twins: Twin[] = [...engine.graph.twins()];
  const rels: Relationship[] = [...engine.graph.relationships()];
  await engine.close();

  // Raw floor: the same final records, bulkPut in one Dexie transaction, nothing else.
  const raw = await new DexieStore(`${dbName}-raw`).open();
  const t1 = performance.now();
  await raw.db.transaction('rw', [raw.db.table('twins'), raw.db.table('relationships')], async () => {
    await raw.db.table('twins').bulkPut(twins);
    await raw.db.table('relationships').bulkPut(rels);
  });
  const rawBulkPutMs = performance.now() - t1;
  await raw.close();
  await deleteDexieDatabase(`${dbName}-raw`);

  const rawStore = await new DexieStore(dbName).open();
  const t3 = performance.now();
  // Every stored form of the records: per-record rows and the import's segments.
  await Promise.all([rawStore.db.table('twins').toArray(), rawStore.db.table('relationships').toArray(), rawStore.db.table('segments').toArray()]);
  const rawReadMs = performance.now() - t3;
  await rawStore.close();

  // Cold start: a new engine over the stored workspace until a query can run.
  const t2 = performance.now();
  const coldStore = await new DexieStore(dbName).open();
  const again = await createLocalEngine({ store: coldStore });
  const q = await again.query('SELECT COUNT() FROM DIGITALTWINS');
  const coldStartMs = performance.now() - t2;
  if (!q.ok) throw new Error(q.error.message);
  // A big graph must come from the snapshot or from segments, never from one row per record.
  const rows = (await coldStore.db.table('twins').count()) + (await coldStore.db.table('relationships').count());
  if (twins.length + rels.length >= 20_000 && coldStore.lastLoad !== 'snapshot' && rows >= 20_000) throw new Error(`the cold start read ${rows} single-record rows`);
  await again.close();
  return { twins: twins.length, relationships: rels.length, importMs, rawBulkPutMs, coldStartMs, rawReadMs, snapshotMs, errors: r.value.errors.length };
}

/** Single-property patches through validation, storage, events and history; `inFlight` patches are issued at once. */
export async function benchPatches(count: number, dbName: string, inFlight = 1000, history = true): Promise<{ perSecond: number; events: number }> {
  await deleteDexieDatabase(dbName);
  const engine = await createLocalEngine({ store: await new DexieStore(dbName).open(), history });
  const g = generateBuildingGraph(2000, 1);
  const imp = await engine.importGraph(toNdjson(g), 'ndjson');
  if (!imp.ok || imp.value.errors.length) throw new Error('bench graph import failed');
  const rooms = g.twins.filter((t) => (t.$metadata as { $model: string }).$model.endsWith('Room;1')).map((t) => t.$dtId as string);
  let events = 0;
  await engine.subscribe((b) => (events += b.length));
  const t0 = performance.now();
  for (let i = 0; i < count; i += inFlight) {
    const batch: Array<Promise<unknown>> = [];
    for (let j = i; j < Math.min(count, i + inFlight); j++) {
      batch.push(engine.patchTwin(rooms[j % rooms.length], [{ op: 'replace', path: '/temperature', value: 15 + (j % 100) / 10 }]));
    }
    const results = (await Promise.all(batch)) as Array<{ ok: boolean }>;
    if (results.some((r) => !r.ok)) throw new Error('a patch failed');
  }
  const ms = performance.now() - t0;
  await engine.close();
  await deleteDexieDatabase(dbName);
  return { perSecond: (count / ms) * 1000, events };
}
