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

describe('optimistic concurrency between engines on one database', () => {
  it('a stale engine reloads the changed twin and re-runs its command instead of overwriting', async () => {
    const name = `stale-${process.pid}`;
    const a = await createLocalEngine({ store: await new DexieStore(name).open() });
    await a.uploadModels(buildingModels());
    const t0 = await a.upsertTwin('r1', room({ name: 'x', temperature: 1 }));
    const b = await createLocalEngine({ store: await new DexieStore(name).open() });
    await a.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 2 }]);
    // b has not heard of a's patch (no channel): its commit conflicts, it reloads r1 and patches the fresh twin.
    const rb = await b.patchTwin('r1', [{ op: 'replace', path: '/name', value: 'y' }]);
    expect(rb.ok && [rb.value.temperature, rb.value.name]).toEqual([2, 'y']);
    // An If-Match against the etag b had seen first now fails.
    const stale = await b.patchTwin('r1', [{ op: 'replace', path: '/name', value: 'z' }], { ifMatch: t0.ok ? t0.value.$etag : '*' });
    expect(!stale.ok && stale.error.code).toBe('PreconditionFailed');
    // A create with If-None-Match in a stale engine fails once the other one created the twin.
    await a.upsertTwin('new', { $metadata: { $model: M.space } });
    const dup = await b.upsertTwin('new', { $metadata: { $model: M.space } }, { ifNoneMatch: '*' });
    expect(!dup.ok && dup.error.code).toBe('PreconditionFailed');
  });
});

describe('group commit', () => {
  it('batches concurrent commands into few transactions, keeps events in order, and fails only the bad ones', async () => {
    const store = new MemoryStore();
    let commits = 0;
    const commit = store.commit.bind(store);
    store.commit = (c, p) => {
      commits++;
      return commit(c, p);
    };
    const e = await createLocalEngine({ store });
    await e.uploadModels(buildingModels());
    await e.upsertTwin('r1', room({ temperature: 0 }));
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    commits = 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: i === 100 ? 'bad' : i }])),
    );
    expect(results.filter((r) => !r.ok).length).toBe(1);
    // Issued together on an idle engine: one transaction (the drain starts once they are all queued).
    expect(commits).toBe(1);
    const values = events.map((x) => ((x.data as { patch: Array<{ value: unknown }> }).patch[0].value));
    expect(values).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((i) => i !== 100));
    const t = await e.getTwin('r1');
    expect(t.ok && t.value.temperature).toBe(199);
  });

  it('rolls memory back when the transaction fails', async () => {
    const store = new MemoryStore();
    const e = await createLocalEngine({ store });
    await e.uploadModels(buildingModels());
    store.failNextCommit = new Error('disk full');
    const r = await e.upsertTwin('r1', room());
    expect(!r.ok && r.error.code).toBe('StorageError');
    expect(!r.ok && r.error.message).toContain('disk full');
    expect((await e.getTwin('r1')).ok).toBe(false);
    expect((await e.stats()).twins).toBe(0);
  });
});

describe('telemetry', () => {
  it('is emitted as microsoft.iot.telemetry and never stored', async () => {
    const e = await engineWithModels(() => new MemoryStore());
    await e.upsertTwin('r1', room());
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    expect((await e.publishTelemetry('r1', { temperature: 22 }, { messageId: 'm-1' })).ok).toBe(true);
    expect((await e.publishTelemetry('r1', { temperature: 22 }, { component: 'thermostat' })).ok).toBe(true);
    expect(events[0]).toMatchObject({ type: 'microsoft.iot.telemetry', id: 'm-1', subject: '', dataschema: M.room, data: { temperature: 22 }, source: 'twinscape.local/digitaltwins/r1' });
    expect(events[1]).toMatchObject({ subject: 'thermostat', dataschema: M.thermostat });
    const t = await e.getTwin('r1');
    expect(t.ok && 'temperature' in t.value).toBe(false);
    expect((await e.publishTelemetry('r1', {}, { component: 'nope' })).ok).toBe(false);
    expect((await e.publishTelemetry('nope', {})).ok).toBe(false);
  });
});

describe('clear', () => {
  it('deletes all models, twins and relationships', async () => {
    const e = await engineWithModels(() => new MemoryStore());
    await e.upsertTwin('a', { $metadata: { $model: M.space } });
    expect((await e.clear()).ok).toBe(true);
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
  });
});
