import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLocalEngine, DexieStore, MemoryStore, type Store } from '../index.ts';
import { buildingModels, M, room } from '../node/testFixtures.ts';

let n = 0;
describe.each<[string, () => Promise<Store>]>([
  ['memory', async () => new MemoryStore()],
  ['dexie', async () => new DexieStore(`history-${process.pid}-${n++}`).open()],
])('data history over %s', (_name, make) => {
  it('appends property updates, twin and relationship lifecycle with ADT columns; queryable by twin, property, time', async () => {
    let tick = 0;
    const store = await make();
    const e = await createLocalEngine({ store, serviceId: 'svc', now: () => `2024-01-01T00:00:${String(tick++).padStart(2, '0')}.0000000Z` });
    await e.uploadModels(buildingModels()); // 00
    await e.upsertTwin('r1', room({ temperature: 20, thermostat: { $metadata: {}, setPoint: 21 } })); // 01
    await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 21 }, { op: 'add', path: '/$metadata/temperature/sourceTime', value: '2023-12-31T00:00:00Z' }]); // 02
    await e.patchTwin('r1', [{ op: 'remove', path: '/temperature' }]); // 03
    await e.upsertTwin('s1', { $metadata: { $model: M.space } }); // 04
    await e.upsertRelationship('s1', 'c', { $targetId: 'r1', $relationshipName: 'contains', since: '2020-01-01T00:00:00Z' }); // 05
    await e.deleteRelationship('s1', 'c'); // 06

    const temp = await e.propertyHistory({ twinId: 'r1', property: 'temperature' });
    expect(temp.ok && temp.value).toEqual([
      { TimeStamp: '2024-01-01T00:00:01.0000000Z', ServiceId: 'svc', Id: 'r1', ModelId: M.room, Key: 'temperature', Value: 20, RelationshipId: '', RelationshipTarget: '', Action: 'Update' },
      { TimeStamp: '2024-01-01T00:00:02.0000000Z', SourceTimeStamp: '2023-12-31T00:00:00Z', ServiceId: 'svc', Id: 'r1', ModelId: M.room, Key: 'temperature', Value: 21, RelationshipId: '', RelationshipTarget: '', Action: 'Update' },
      { TimeStamp: '2024-01-01T00:00:03.0000000Z', ServiceId: 'svc', Id: 'r1', ModelId: M.room, Key: 'temperature', Value: null, RelationshipId: '', RelationshipTarget: '', Action: 'Delete' },
    ]);
    const comp = await e.propertyHistory({ twinId: 'r1', property: 'thermostat.setPoint' });
    expect(comp.ok && comp.value.map((r) => r.Value)).toEqual([21]);
    const range = await e.propertyHistory({ twinId: 'r1', from: '2024-01-01T00:00:02Z', to: '2024-01-01T00:00:03Z' });
    expect(range.ok ? range.value.map((r) => r.Value) : range.error).toEqual([21]);
    const rel = await e.propertyHistory({ twinId: 's1' });
    expect(rel.ok && rel.value).toEqual([
      expect.objectContaining({ Key: 'since', Value: '2020-01-01T00:00:00Z', RelationshipId: 'c', RelationshipTarget: 'r1', ModelId: M.space }),
    ]);
    const twinLife = await store.queryHistory({ table: 'AdtTwinLifeCycleEvents', id: 'r1' });
    expect(twinLife).toEqual([{ table: 'AdtTwinLifeCycleEvents', TwinId: 'r1', Action: 'Create', TimeStamp: '2024-01-01T00:00:01.0000000Z', ServiceId: 'svc', ModelId: M.room }]);
    const relLife = await store.queryHistory({ table: 'AdtRelationshipLifeCycleEvents', id: 's1' });
    expect(relLife.map((r) => (r as { Action: string }).Action)).toEqual(['Create', 'Delete']);
    expect(relLife[0]).toMatchObject({ RelationshipId: 'c', Name: 'contains', Source: 's1', Target: 'r1', ServiceId: 'svc' });
    const limited = await e.propertyHistory({ limit: 2 });
    expect(limited.ok && limited.value.length).toBe(2);
  });

  it('prunes rows older than the retention at open', async () => {
    const store = await make();
    const e = await createLocalEngine({ store, now: () => '2000-01-01T00:00:00.0000000Z' });
    await e.uploadModels(buildingModels());
    await e.upsertTwin('s', { $metadata: { $model: M.space }, name: 'old' });
    expect((await store.queryHistory({ table: 'AdtPropertyEvents' })).length).toBe(1);
    await createLocalEngine({ store, historyRetentionDays: 30 });
    expect((await store.queryHistory({ table: 'AdtPropertyEvents' })).length).toBe(0);
  });

  it('can be switched off', async () => {
    const store = await make();
    const e = await createLocalEngine({ store, history: false });
    await e.uploadModels(buildingModels());
    await e.upsertTwin('s', { $metadata: { $model: M.space }, name: 'x' });
    const rows = await e.propertyHistory({});
    expect(rows.ok && rows.value).toEqual([]);
  });
});
