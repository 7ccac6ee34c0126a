import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DexieStore } from './DexieStore.ts';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from './schema.ts';
import type { HistoryRow } from './Store.ts';

/** v5 history storage: one chunk row per commit, indexed by [table, twin, key]; v4 rows stay readable. */

const prop = (id: string, key: string, t: number, value: unknown): HistoryRow => ({
  table: 'AdtPropertyEvents', TimeStamp: `2024-05-01T00:00:${String(t).padStart(2, '0')}.0000000Z`, ServiceId: 's', Id: id, ModelId: 'dtmi:x:R;1',
  Key: key, Value: value, RelationshipId: '', RelationshipTarget: '', Action: 'Update',
});
const ts = (t: number) => `2024-05-01T00:00:${String(t).padStart(2, '0')}.0000000Z`;

let n = 0;
const fresh = () => new DexieStore(`history-chunks-${process.pid}-${n++}`).open();

describe('history chunks (schema v5)', () => {
  it('stores a commit\'s history as one row and finds rows by twin, by twin+key (no prefix mix-up), by time', async () => {
    const s = await fresh();
    await s.commit({ history: [prop('r1', 'temperature', 1, 20), prop('r10', 'temperature', 1, 30), prop('r1', 'humidity', 1, 40)] });
    await s.commit({ history: [prop('r1', 'temperature', 2, 21)] });
    expect(await s.db.table('historyChunks').count()).toBe(2);
    expect(await s.db.table('history').count()).toBe(0);
    const r1 = await s.queryHistory({ table: 'AdtPropertyEvents', id: 'r1' });
    expect(r1.map((r) => [r.TimeStamp, (r as { Key: string }).Key])).toEqual([[ts(1), 'temperature'], [ts(1), 'humidity'], [ts(2), 'temperature']]);
    const temp = await s.queryHistory({ table: 'AdtPropertyEvents', id: 'r1', key: 'temperature' });
    expect(temp.map((r) => (r as { Value: unknown }).Value)).toEqual([20, 21]);
    const r10 = await s.queryHistory({ table: 'AdtPropertyEvents', id: 'r10' });
    expect(r10.map((r) => (r as { Value: unknown }).Value)).toEqual([30]);
    const range = await s.queryHistory({ table: 'AdtPropertyEvents', from: ts(2), to: ts(3) });
    expect(range.map((r) => (r as { Value: unknown }).Value)).toEqual([21]);
    const byKey = await s.queryHistory({ table: 'AdtPropertyEvents', key: 'temperature', limit: 2 });
    expect(byKey.map((r) => (r as { Value: unknown }).Value)).toEqual([20, 30]);
    expect(await s.queryHistory({ table: 'AdtTwinLifeCycleEvents', id: 'r1' })).toEqual([]);
    await s.close();
  });

  it('prunes whole old chunks and the old rows of a chunk that straddles the limit', async () => {
    const s = await fresh();
    await s.commit({ history: [prop('a', 'x', 1, 1), prop('a', 'x', 2, 2)] });
    await s.commit({ history: [prop('a', 'x', 3, 3), prop('a', 'x', 5, 5)] });
    await s.commit({ history: [prop('a', 'x', 6, 6)] });
    expect(await s.pruneHistory(ts(4))).toBe(3);
    expect((await s.queryHistory({ table: 'AdtPropertyEvents', id: 'a', key: 'x' })).map((r) => (r as { Value: unknown }).Value)).toEqual([5, 6]);
    expect(await s.db.table('historyChunks').count()).toBe(2);
    expect(await s.pruneHistory(ts(4))).toBe(0);
    await s.close();
  });

  it('keeps v4 history rows readable and prunable next to v5 chunks', async () => {
    const name = `history-upgrade-${process.pid}`;
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    await v4.table('history').bulkAdd([{ ...prop('a', 'x', 1, 'old1'), _id: 'a', _key: 'x' }, { ...prop('a', 'x', 3, 'old3'), _id: 'a', _key: 'x' }]);
    v4.close();
    const s = await new DexieStore(name).open();
    await s.commit({ history: [prop('a', 'x', 2, 'new2'), prop('a', 'x', 4, 'new4')] });
    const all = await s.queryHistory({ table: 'AdtPropertyEvents', id: 'a', key: 'x' });
    expect(all.map((r) => (r as { Value: unknown }).Value)).toEqual(['old1', 'new2', 'old3', 'new4']);
    expect(all[0]).not.toHaveProperty('_id');
    expect(await s.pruneHistory(ts(3))).toBe(2);
    const kept = await s.queryHistory({ table: 'AdtPropertyEvents', id: 'a' });
    expect(kept.map((r) => (r as { Value: unknown }).Value)).toEqual(['old3', 'new4']);
    await s.close();
  });
});
