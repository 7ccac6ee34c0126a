import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DexieStore, LocalEngine } from '../index.ts';
import { deleteDexieDatabase } from './DexieStore.ts';
import { DELTA_FAN_IN, planDeltaMerge, type SegmentRef } from './segments.ts';
import { dbNames, deleteTwinAndRelationships, exportOf, graph, openEngine as open, roomIds as rooms, rowCount, text } from './storage.testlib.ts';

/** Ordinary commits of many records stored as delta segments, merged by level (DexieStore). */

const dbName = dbNames('deltas');
const segmentIndex = async (e: LocalEngine) => ((await (e.store as DexieStore).db.table('settings').get('segments'))?.value ?? []) as SegmentRef[];
/** Patches issued together: the engine commits them as one transaction. */
const patchTogether = async (e: LocalEngine, ids: string[], value: (id: string) => number) => {
  const rs = await Promise.all(ids.map((id) => e.patchTwin(id, [{ op: 'replace', path: '/temperature', value: value(id) }])));
  for (const r of rs) expect(r.ok).toBe(true);
};

describe('planDeltaMerge', () => {
  const ref = (gen: number, level?: number): SegmentRef => ({
    id: `g${gen}`, gen, kind: 'twins', first: 'a', last: 'z', ...(level !== undefined ? { delta: true as const, level } : {}),
  });
  it('merges a full run of one level at the end of the index into the next level, cascading', () => {
    const base = ref(1);
    const l0 = (from: number, k: number) => Array.from({ length: k }, (_, i) => ref(from + i, 0));
    expect(planDeltaMerge([base, ...l0(2, DELTA_FAN_IN - 1)])).toBeNull();
    expect(planDeltaMerge([base, ...l0(2, DELTA_FAN_IN)])).toEqual({ gens: l0(2, DELTA_FAN_IN).map((r) => r.gen), level: 1 });
    // Level 1 is one short of full: merging the level-0 run fills it, so both go into one of level 2.
    const l1 = Array.from({ length: DELTA_FAN_IN - 1 }, (_, i) => ref(10 + i, 1));
    const tail = l0(100, DELTA_FAN_IN);
    expect(planDeltaMerge([base, ...l1, ...tail])).toEqual({ gens: [...l1, ...tail].map((r) => r.gen), level: 2 });
    // Not full: only the level-0 run goes.
    expect(planDeltaMerge([base, ...l1.slice(1), ...tail])).toEqual({ gens: tail.map((r) => r.gen), level: 1 });
    // Deltas older than an import are not part of the run at the end.
    expect(planDeltaMerge([...l0(2, DELTA_FAN_IN), ref(50), ref(51, 0)])).toBeNull();
    // A generation's twins and relationships rows count once.
    const both = l0(2, DELTA_FAN_IN - 1).flatMap((r) => [r, { ...r, id: `${r.id}r`, kind: 'relationships' as const }]);
    expect(planDeltaMerge(both)).toBeNull();
  });
});

describe('DexieStore delta segments', () => {
  it('a commit of many patches is one segment row, not a row per twin; merges keep the index short; reloads agree', async () => {
    const name = dbName();
    const e = await open(name);
    expect((await e.importGraph(text, 'ndjson')).ok).toBe(true);
    await patchTogether(e, rooms.slice(0, 40), () => 25);
    expect(await rowCount(e, 'twins')).toBe(0);
    expect(await rowCount(e, 'segments')).toBe(3); // the import's twins and relationships, one delta

    // Many commits of random rooms: merged by level, so few segments stand between a lookup and its record.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 80; k++) {
      const ids = [...rooms].sort(() => rnd() - 0.5).slice(0, 40);
      await patchTogether(e, ids, () => Math.round(rnd() * 1000) / 10);
    }
    const index = await segmentIndex(e);
    const deltas = index.filter((r) => r.delta);
    expect(deltas.length).toBeLessThan(3 * DELTA_FAN_IN);
    expect(Math.max(...deltas.map((r) => r.level ?? 0))).toBeGreaterThanOrEqual(1);
    expect(await rowCount(e, 'segments')).toBe(index.length);
    expect(await rowCount(e, 'twins')).toBe(0);

    // The store's own lookups (another tab reloading records) find the newest version of each.
    const memory = new Map([...e.graph.twins()].map((t) => [t.$dtId, t]));
    const stored = await (e.store as DexieStore).getTwins(rooms);
    expect(stored.map((t) => t?.temperature)).toEqual(rooms.map((id) => memory.get(id)!.temperature));
    expect(stored.map((t) => t?.$etag)).toEqual(rooms.map((id) => memory.get(id)!.$etag));
    const before = await exportOf(e);
    await e.close();
    const again = await open(name);
    expect(await exportOf(again)).toBe(before);
    await again.close();
    await deleteDexieDatabase(name);
  });

  it('a delta removes the single-record rows and tombstones of its twins, which would otherwise override it', async () => {
    const name = dbName();
    const e = await open(name);
    await e.importGraph(text, 'ndjson');
    const [first, victim] = rooms;
    expect((await e.patchTwin(first, [{ op: 'replace', path: '/temperature', value: 1 }])).ok).toBe(true);
    expect(await rowCount(e, 'twins')).toBe(1);
    const model = (graph.twins.find((t) => t.$dtId === victim)!.$metadata as { $model: string }).$model;
    expect(await deleteTwinAndRelationships(e, victim)).toBe(true);
    const tombstones = await rowCount(e, 'tombstones');
    expect(tombstones).toBeGreaterThan(0);
    // One commit: the first room patched again, the deleted one created again, 40 others patched.
    const others = rooms.slice(2, 42);
    const rs = await Promise.all([
      e.patchTwin(first, [{ op: 'replace', path: '/temperature', value: 2 }]),
      e.upsertTwin(victim, { $metadata: { $model: model }, name: 'back' }),
      ...others.map((id) => e.patchTwin(id, [{ op: 'replace', path: '/temperature', value: 3 }])),
    ]);
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(await rowCount(e, 'twins')).toBe(0);
    expect(await rowCount(e, 'tombstones')).toBe(tombstones - 1);
    await e.close();
    const again = await open(name);
    const t = await again.getTwin(first);
    expect(t.ok && t.value.temperature).toBe(2);
    const back = await again.getTwin(victim);
    expect(back.ok && back.value.name).toBe('back');
    await again.close();
    await deleteDexieDatabase(name);
  });

  it("another tab's single-record row is found and removed when this tab's delta rewrites that twin", async () => {
    const name = dbName();
    const loader = await open(name);
    await loader.importGraph(text, 'ndjson');
    await loader.close();
    // A knows from its load which twins have rows (none); B's row comes after that.
    const a = await open(name);
    const b = await open(name);
    const [shared] = rooms;
    // B writes a row for the room; A, which has not seen it, then patches it among 40 others in one commit.
    expect((await b.patchTwin(shared, [{ op: 'replace', path: '/name', value: 'from b' }])).ok).toBe(true);
    await patchTogether(a, rooms.slice(0, 41), () => 33);
    expect(await rowCount(a, 'twins')).toBe(0);
    await a.close();
    await b.close();
    const c = await open(name);
    const t = await c.getTwin(shared);
    expect(t.ok && [t.value.name, t.value.temperature]).toEqual(['from b', 33]);
    await c.close();
    await deleteDexieDatabase(name);
  });
});
