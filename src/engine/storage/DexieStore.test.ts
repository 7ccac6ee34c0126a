import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DexieStore } from './DexieStore.ts';
import { MemoryStore } from './MemoryStore.ts';
import { SCHEMA_V1, SCHEMA_VERSION } from './schema.ts';
import type { Store } from './Store.ts';
import type { Twin } from '../types.ts';

const twin = (id: string, etag = 'W/"1"'): Twin => ({ $dtId: id, $etag: etag, $metadata: { $model: 'dtmi:x:T;1' } });

describe('schema migrations', () => {
  it('v1 -> v6 adds history/scenes/assets/snapshot/history chunks/segments and gives v1 models ADT defaults', async () => {
    const name = `migrate-${process.pid}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('models').put({ id: 'dtmi:x:Old;1', model: { '@id': 'dtmi:x:Old;1', '@type': 'Interface' } });
    await v1.table('twins').put(twin('t1'));
    v1.close();

    const store = await new DexieStore(name).open();
    expect(store.db.verno).toBe(SCHEMA_VERSION);
    expect(store.db.tables.map((t) => t.name).sort()).toEqual(['assets', 'history', 'historyChunks', 'models', 'relationships', 'scenes', 'segments', 'settings', 'snapshot', 'tombstones', 'twins']);
    const [m] = await store.getModels();
    expect(m).toMatchObject({ id: 'dtmi:x:Old;1', decommissioned: false, uploadTime: '1970-01-01T00:00:00.000Z' });
    expect((await store.load()).twins.map((t) => t.$dtId)).toEqual(['t1']);
    await store.close();
  });
});

let n = 0;
describe.each<[string, () => Promise<Store>, (s: Store) => Promise<Store>]>([
  ['memory', async () => new MemoryStore(), async (s) => s],
  // Another connection to the same database (another tab): it has not seen the first one's commits.
  ['dexie', async () => new DexieStore(`store-${process.pid}-${n++}`).open(), async (s) => new DexieStore((s as DexieStore).name).open()],
])('%s store', (_name, make, otherTab) => {
  it('commits all or nothing and reports etag conflicts without writing', async () => {
    const first = await make();
    expect(await first.commit({ twins: { put: [twin('a'), twin('b')] }, relationships: { put: [{ $relationshipId: 'r', $etag: 'W/"r"', $sourceId: 'a', $targetId: 'b', $relationshipName: 'n' }] } })).toEqual({ ok: true });
    const s = await otherTab(first);
    const conflict = await s.commit({
      twins: { put: [twin('a', 'W/"2"'), twin('c')] },
      expect: { twins: [['a', 'W/"stale"'], ['c', null]], relationships: [['a', 'r', 'W/"r"']] },
    });
    expect(conflict).toEqual({ ok: false, conflicts: { twins: ['a'], relationships: [] } });
    const snap = await s.load();
    expect(snap.twins.map((t) => [t.$dtId, t.$etag]).sort()).toEqual([['a', 'W/"1"'], ['b', 'W/"1"']]);
    expect(await s.commit({ twins: { put: [twin('a', 'W/"2"')] }, expect: { twins: [['a', 'W/"1"']] } })).toEqual({ ok: true });
    expect(await s.commit({ relationships: { delete: [['a', 'r']] }, twins: { delete: ['b'] } })).toEqual({ ok: true });
    const after = await s.load();
    expect([after.twins.length, after.relationships.length]).toEqual([1, 0]);
    expect((await s.getTwins(['a', 'zz'])).map((t) => t?.$etag)).toEqual(['W/"2"', undefined]);
    await s.putSetting('k', { v: 1 });
    expect(await s.getSetting('k')).toEqual({ v: 1 });
    expect(await s.commit({ clearGraph: true })).toEqual({ ok: true });
    expect((await s.load()).twins).toEqual([]);
  });
});

describe('DexieStore commit counter', () => {
  it('skips the per-record check while no other connection committed, and checks again after one did', async () => {
    const name = `seq-${process.pid}`;
    const a = await new DexieStore(name).open();
    await a.load();
    expect(await a.commit({ twins: { put: [twin('t')] } })).toEqual({ ok: true });
    const b = await new DexieStore(name).open();
    await b.load();
    expect(await b.commit({ twins: { put: [twin('t', 'W/"b"')] }, expect: { twins: [['t', 'W/"1"']] } })).toEqual({ ok: true });
    // a still believes t has etag W/"1": its counter is stale, so the check runs and finds the conflict.
    expect(await a.commit({ twins: { put: [twin('t', 'W/"a"')] }, expect: { twins: [['t', 'W/"1"']] } })).toEqual({ ok: false, conflicts: { twins: ['t'], relationships: [] } });
  });
});

describe('DexieStore transaction', () => {
  it('aborts the whole commit when one write fails', async () => {
    const s = await new DexieStore(`abort-${process.pid}`).open();
    await s.commit({ twins: { put: [twin('keep')] } });
    // A record without its key path cannot be stored: the twins written before it in the same commit are rolled back.
    await expect(s.commit({ twins: { put: [twin('x1'), { $etag: 'W/"1"' } as unknown as Twin] } })).rejects.toThrow();
    expect((await s.load()).twins.map((t) => t.$dtId)).toEqual(['keep']);
  });
});

describe('graph snapshot', () => {
  it('a cold start reads the snapshot while nothing changed since, and the records after a change', async () => {
    const { createLocalEngine } = await import('../index.ts');
    const { buildingModels, M } = await import('../node/testFixtures.ts');
    const name = `snap-${process.pid}`;
    const e = await createLocalEngine({ store: await new DexieStore(name).open(), snapshotThreshold: 1, snapshotDelayMs: 0 });
    await e.uploadModels(buildingModels());
    for (let i = 0; i < 30; i++) await e.upsertTwin(`s${i}`, { $metadata: { $model: M.space }, name: `n${i}` });
    await e.upsertRelationship('s0', 'r', { $targetId: 's1', $relationshipName: 'contains' });
    await e.flushSnapshot();
    const exported = await e.exportGraph('ndjson');
    await e.close();

    const s2 = await new DexieStore(name).open();
    const e2 = await createLocalEngine({ store: s2, snapshotThreshold: 0 });
    expect(s2.lastLoad).toBe('snapshot');
    const again = await e2.exportGraph('ndjson');
    expect(again.ok && exported.ok && again.value === exported.value).toBe(true);
    await e2.patchTwin('s3', [{ op: 'replace', path: '/name', value: 'changed' }]);
    await e2.close();

    const s3 = await new DexieStore(name).open();
    const e3 = await createLocalEngine({ store: s3 });
    expect(s3.lastLoad).toBe('records');
    const t = await e3.getTwin('s3');
    expect(t.ok && t.value.name).toBe('changed');
    await e3.close();
  });

  it('is not written when another connection committed in between', async () => {
    const name = `snap2-${process.pid}`;
    const a = await new DexieStore(name).open();
    await a.load();
    const b = await new DexieStore(name).open();
    await b.load();
    await b.commit({ twins: { put: [twin('x')] } });
    expect(await a.saveSnapshot([], [])).toBe(false);
    expect(await b.saveSnapshot([twin('x')], [])).toBe(true);
  });
});
