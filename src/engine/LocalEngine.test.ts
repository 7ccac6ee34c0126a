import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLocalEngine, DexieStore, MemoryStore, type CloudEvent, type LocalEngine, type Store } from './index.ts';
import { buildingModels, M, room } from './node/testFixtures.ts';

let dbSeq = 0;
const stores: Array<[string, () => Store]> = [
  ['memory', () => new MemoryStore()],
  ['dexie', () => new DexieStore(`engine-test-${process.pid}-${dbSeq++}`)],
];

async function engineWithModels(make: () => Store): Promise<LocalEngine> {
  const e = await createLocalEngine({ store: make() });
  const up = await e.uploadModels(buildingModels());
  expect(up.ok, JSON.stringify(!up.ok && up.error)).toBe(true);
  return e;
}

describe.each(stores)('LocalEngine over %s', (_name, make) => {
  it('creates, reads, patches and deletes twins with ADT semantics', async () => {
    const e = await engineWithModels(make);
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    const created = await e.upsertTwin('r1', room({ name: 'Room 1', temperature: 21 }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.$etag).toMatch(/^W\/"[0-9a-f-]{36}"$/);
    expect(created.value.$metadata.$model).toBe(M.room);
    expect(created.value.$metadata.temperature).toMatchObject({ lastUpdateTime: expect.stringMatching(/\.\d{7}Z$/) });
    expect((created.value.thermostat as Record<string, unknown>).$metadata).toMatchObject({ $lastUpdateTime: expect.any(String) });

    const patched = await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 23.5 }], { ifMatch: created.value.$etag });
    expect(patched.ok).toBe(true);
    if (!patched.ok) return;
    expect(patched.value.temperature).toBe(23.5);
    expect(patched.value.$etag).not.toBe(created.value.$etag);

    const stale = await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 1 }], { ifMatch: created.value.$etag });
    expect(!stale.ok && stale.error.code).toBe('PreconditionFailed');
    const malformed = await e.deleteTwin('r1', { ifMatch: 'XXX' as never });
    expect(!malformed.ok && malformed.error.code).toBe('InvalidArgument');

    expect(events.map((x) => x.type)).toEqual(['Microsoft.DigitalTwins.Twin.Create', 'Microsoft.DigitalTwins.Twin.Update']);
    expect(events[1].data).toEqual({ modelId: M.room, patch: [{ op: 'replace', path: '/temperature', value: 23.5 }] });

    const del = await e.deleteTwin('r1', { ifMatch: patched.value.$etag });
    expect(del.ok).toBe(true);
    const gone = await e.getTwin('r1');
    expect(!gone.ok && gone.error.code).toBe('DigitalTwinNotFound');
    await e.close();
  });

  it('persists: a reopened engine sees the committed graph', async () => {
    const store = make();
    const e = await createLocalEngine({ store });
    await e.uploadModels(buildingModels());
    await e.upsertTwin('b1', { $metadata: { $model: M.building }, name: 'HQ' });
    await e.upsertTwin('f1', { $metadata: { $model: M.floor }, level: 1 });
    const rel = await e.upsertRelationship('b1', 'b1-f1', { $targetId: 'f1', $relationshipName: 'hasFloor' });
    expect(rel.ok).toBe(true);
    await e.idle();
    const again = await createLocalEngine({ store });
    expect(await again.stats()).toEqual({ models: 5, twins: 2, relationships: 1 });
    const r = await again.listRelationships('b1');
    expect(r.ok && r.value.map((x) => x.$targetId)).toEqual(['f1']);
  });
});

describe('query through the engine', () => {
  it('sees committed writes, inheritance and relationships', async () => {
    const e = await engineWithModels(() => new MemoryStore());
    await e.upsertTwin('b1', { $metadata: { $model: M.building }, name: 'HQ' });
    await e.upsertTwin('f1', { $metadata: { $model: M.floor }, level: 1 });
    await e.upsertTwin('r1', room({ temperature: 25 }));
    await e.upsertRelationship('b1', 'b1-f1', { $targetId: 'f1', $relationshipName: 'hasFloor' });
    await e.upsertRelationship('f1', 'f1-r1', { $targetId: 'r1', $relationshipName: 'contains' });
    const spaces = await e.query(`SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('${M.space}')`);
    expect(spaces.ok && spaces.value.value).toEqual([{ COUNT: 3 }]);
    const join = await e.query("SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'f1'");
    expect(join.ok && (join.value.value as Array<{ R: { $dtId: string } }>).map((x) => x.R.$dtId)).toEqual(['r1']);
    await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 18 }]);
    const warm = await e.query('SELECT * FROM DIGITALTWINS T WHERE T.temperature > 20');
    expect(warm.ok && warm.value.value).toEqual([]);
    const bad = await e.query('SELECT FROM');
    expect(!bad.ok && bad.error.code).toBe('SqlQueryError');
    expect((await e.explain('SELECT * FROM DIGITALTWINS')).ok).toBe(true);
  });
});
