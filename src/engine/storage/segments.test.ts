import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createLocalEngine, DexieStore } from '../index.ts';
import { deleteDexieDatabase } from './DexieStore.ts';
import { buildSegments, candidates, findInSegment, mergeStored, refOf, tombstoneKey } from './segments.ts';
import { generateBuildingGraph, toNdjson } from '../bench/generateBuildingGraph.ts';
import { dbNames, deleteTwinAndRelationships, exportOf, graph, openEngine as open, roomIds, rowCount, text } from './storage.testlib.ts';

/** Bulk imports stored as segments; single-record rows and tombstones override them (DexieStore, schema v6). */

const room = roomIds[0];
const dbName = dbNames('segments');

describe('segment helpers', () => {
  it('sort and cut records, find them by binary search, and merge segments < tombstones < rows', () => {
    const recs = ['d', 'a', 'c', 'b', 'e'].map((k) => ({ k, v: 1 }));
    const segs = buildSegments('twins', 7, recs, (r) => r.k);
    expect(segs).toHaveLength(1);
    expect(segs[0].keys).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(findInSegment(segs[0], 'c')).toEqual({ k: 'c', v: 1 });
    expect(findInSegment(segs[0], 'cc')).toBeUndefined();
    const newer = buildSegments('twins', 9, [{ k: 'b', v: 2 }], (r) => r.k);
    const index = [...segs, ...newer].map(refOf);
    expect(candidates(index, 'twins', 'b').map((s) => s.gen)).toEqual([9, 7]);
    expect(candidates(index, 'relationships', 'b')).toEqual([]);
    const merged = mergeStored('twins', [...newer, ...segs], new Set([tombstoneKey('twins', 'a')]), [{ k: 'e', v: 3 }], (r) => r.k);
    expect(merged.records.sort((x, y) => (x.k < y.k ? -1 : 1))).toEqual([{ k: 'b', v: 2 }, { k: 'c', v: 1 }, { k: 'd', v: 1 }, { k: 'e', v: 3 }]);
    expect(merged.superseded).toEqual([]);
    // A segment whose every record is overridden (newer segment, row or tombstone) is garbage.
    const newest = buildSegments('twins', 11, [{ k: 'c', v: 4 }, { k: 'd', v: 4 }], (r) => r.k);
    const all = mergeStored('twins', [...segs, ...newer, ...newest], new Set([tombstoneKey('twins', 'a')]), [{ k: 'e', v: 3 }], (r) => r.k);
    expect(all.superseded).toEqual([segs[0].id]);
  });
});

describe('DexieStore segments', () => {
  it('an import is stored as a few segment rows, not one row per record, and reloads the same graph', async () => {
    const name = dbName();
    const e = await open(name);
    const r = await e.importGraph(text, 'ndjson');
    expect(r.ok && r.value.errors).toEqual([]);
    expect(await rowCount(e, 'twins')).toBe(0);
    expect(await rowCount(e, 'relationships')).toBe(0);
    expect(await rowCount(e, 'segments')).toBe(2); // 600 twins, 1,800 relationships
    const before = await exportOf(e);
    // No snapshot on top of the segments: they load about as fast.
    expect(await (e.store as DexieStore).saveSnapshot([...e.graph.twins()], [...e.graph.relationships()])).toBe(false);
    expect(await rowCount(e, 'snapshot')).toBe(0);
    await e.close();
    const again = await open(name);
    expect((again.store as DexieStore).lastLoad).toBe('records');
    expect(await again.stats()).toEqual({ models: 5, twins: 600, relationships: 1800 });
    expect(await exportOf(again)).toBe(before);
    await again.close();
    await deleteDexieDatabase(name);
  });

  it('later patches, deletes and re-creates override the segments, across reloads; a re-import overrides them again', async () => {
    const name = dbName();
    const e = await open(name);
    await e.importGraph(text, 'ndjson');
    const patched = await e.patchTwin(room, [{ op: 'replace', path: '/temperature', value: 30.5 }]);
    expect(patched.ok).toBe(true);
    // A twin with relationships: delete them, then the twin; then create it again with other content.
    const victim = graph.twins[graph.twins.length - 1].$dtId as string;
    expect(await deleteTwinAndRelationships(e, victim)).toBe(true);
    expect(await rowCount(e, 'tombstones')).toBeGreaterThan(0);
    const stats = await e.stats();
    const snapshot = await exportOf(e);
    await e.close();

    const reopened = await open(name);
    expect(await reopened.stats()).toEqual(stats);
    expect(await exportOf(reopened)).toBe(snapshot);
    const t = await reopened.getTwin(room);
    expect(t.ok && t.value.temperature).toBe(30.5);
    expect((await reopened.getTwin(victim)).ok).toBe(false);
    // Re-created: the row wins over its tombstone.
    const model = (graph.twins[graph.twins.length - 1].$metadata as { $model: string }).$model;
    expect((await reopened.upsertTwin(victim, { $metadata: { $model: model }, name: 'back' })).ok).toBe(true);
    await reopened.close();
    const third = await open(name);
    const back = await third.getTwin(victim);
    expect(back.ok && back.value.name).toBe('back');

    // Importing the file again replaces every record in it: the patched room is as in the file again.
    const re = await third.importGraph(text, 'ndjson');
    expect(re.ok && re.value.errors).toEqual([]);
    expect(await rowCount(third, 'twins')).toBe(0);
    expect(await rowCount(third, 'tombstones')).toBe(0);
    await third.close();
    const fourth = await open(name);
    // Opening found the first import's segments fully superseded by the second's and deleted them.
    expect(await rowCount(fourth, 'segments')).toBe(2);
    const fresh = await fourth.getTwin(room);
    const original = graph.twins.find((x) => x.$dtId === room)!;
    expect(fresh.ok && fresh.value.temperature).toBe(original.temperature);
    expect(await fourth.stats()).toEqual({ models: 5, twins: 600, relationships: 1800 });
    // clear() drops the segments too.
    expect((await fourth.clear()).ok).toBe(true);
    expect(await rowCount(fourth, 'segments')).toBe(0);
    await fourth.close();
    const fifth = await open(name);
    expect(await fifth.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
    await fifth.close();
    await deleteDexieDatabase(name);
  });

  it('another tab checks If-Match against records that live only in segments (no false conflicts), and sees deletes', async () => {
    const name = dbName();
    const a = await open(name);
    await a.importGraph(text, 'ndjson');
    const b = await open(name);
    const seen = await b.getTwin(room);
    if (!seen.ok) throw new Error('b does not see the room');
    // A commits something else, so B's next commit must check its expectations against storage (segments).
    expect((await a.patchTwin(graph.twins[0].$dtId as string, [{ op: 'replace', path: '/name', value: 'x' }])).ok).toBe(true);
    const ok = await b.patchTwin(room, [{ op: 'replace', path: '/temperature', value: 11 }], { ifMatch: seen.value.$etag });
    expect(ok.ok).toBe(true);
    // Now A's copy of the room is stale: A's write against the old etag is refused.
    const stale = await a.patchTwin(room, [{ op: 'replace', path: '/temperature', value: 12 }], { ifMatch: seen.value.$etag });
    expect(!stale.ok && stale.error.code).toBe('PreconditionFailed');
    // And the store's record lookup (multi-tab reload) finds segment-held, row-held and deleted records correctly.
    const store = a.store as DexieStore;
    const rel = graph.relationships[5];
    const [fromSeg, fromRow, absent] = await store.getTwins([graph.twins[1].$dtId as string, room, 'nope']);
    expect(fromSeg?.$dtId).toBe(graph.twins[1].$dtId);
    expect(fromRow?.temperature).toBe(11);
    expect(absent).toBeUndefined();
    const [r] = await store.getRelationships([[rel.$sourceId as string, rel.$relationshipId as string]]);
    expect(r?.$relationshipId).toBe(rel.$relationshipId);
    await a.close();
    await b.close();
    await deleteDexieDatabase(name);
  });

  it('looks many records up in segments reading each segment once, in any order asked', async () => {
    const name = dbName();
    const e = await open(name);
    await e.importGraph(toNdjson(generateBuildingGraph(12_000, 0)), 'ndjson'); // 3 twin segments
    await e.close();
    const store = await new DexieStore(name).open();
    const ids = Array.from({ length: 12_000 }, (_, i) => i).sort((x, y) => ((x * 7919) % 12_000) - ((y * 7919) % 12_000));
    const all = await createLocalEngine({ store: await new DexieStore(name).open(), snapshotThreshold: 0 });
    const wanted = [...all.graph.twins()].map((t) => t.$dtId);
    await all.close();
    const asked = ids.map((i) => wanted[i]);
    const reads = vi.spyOn(store.db.table('segments'), 'bulkGet');
    const got = await store.getTwins([...asked, 'missing']);
    expect(got.slice(0, -1).map((t) => t?.$dtId)).toEqual(asked);
    expect(got[got.length - 1]).toBeUndefined();
    expect(reads.mock.calls.length).toBe(1);
    expect(reads.mock.calls[0][0]).toHaveLength(3);
    await store.close();
    // A cache smaller than what one lookup reads lets go of segments while the lookup still needs them.
    const small = await new DexieStore(name, { segmentCacheRecords: 4_000 }).open();
    const again = await small.getTwins(asked);
    expect(again.map((t) => t?.$dtId)).toEqual(asked);
    await small.close();
    await deleteDexieDatabase(name);
  });
});
