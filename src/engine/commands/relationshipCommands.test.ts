import { describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore, type CloudEvent, type LocalEngine, type Result } from '../index.ts';
import { buildingModels, M, room } from '../node/testFixtures.ts';

async function graph(): Promise<LocalEngine> {
  const e = await createLocalEngine({ store: new MemoryStore() });
  const up = await e.uploadModels(buildingModels());
  if (!up.ok) throw new Error(up.error.message);
  await e.upsertTwin('b1', { $metadata: { $model: M.building } });
  await e.upsertTwin('f1', { $metadata: { $model: M.floor } });
  await e.upsertTwin('r1', room());
  return e;
}
const code = (r: Result<unknown>) => (r.ok ? undefined : r.error.code);

describe('relationships', () => {
  it('create, get, list outgoing (by name) and incoming', async () => {
    const e = await graph();
    const r = await e.upsertRelationship('b1', 'b1-f1', { $targetId: 'f1', $relationshipName: 'hasFloor' });
    expect(r.ok && r.value).toMatchObject({ $relationshipId: 'b1-f1', $sourceId: 'b1', $targetId: 'f1', $relationshipName: 'hasFloor', $etag: expect.stringMatching(/^W\//) });
    await e.upsertRelationship('b1', 'b1-r1', { $targetId: 'r1', $relationshipName: 'contains', since: '2020-01-01T00:00:00Z' });
    expect((await e.getRelationship('b1', 'b1-r1')).ok).toBe(true);
    const all = await e.listRelationships('b1');
    expect(all.ok && all.value.length).toBe(2);
    const byName = await e.listRelationships('b1', 'contains');
    expect(byName.ok && byName.value.map((x) => x.$relationshipId)).toEqual(['b1-r1']);
    const inc = await e.listIncomingRelationships('f1');
    expect(inc.ok && inc.value).toEqual([{ $relationshipId: 'b1-f1', $sourceId: 'b1', $relationshipName: 'hasFloor', $relationshipLink: '/digitaltwins/b1/relationships/b1-f1' }]);
    expect(code(await e.getRelationship('b1', 'nope'))).toBe('RelationshipNotFound');
    expect(code(await e.getRelationship('nope', 'x'))).toBe('DigitalTwinNotFound');
    expect(code(await e.listRelationships('nope'))).toBe('DigitalTwinNotFound');
  });

  it('enforces name declared on the source model (inherited), target model (subtypes allowed), no self, existing target', async () => {
    const e = await graph();
    // 'contains' is declared on Space with target Space; Building extends Space and Room extends Space.
    expect((await e.upsertRelationship('b1', 'ok', { $targetId: 'r1', $relationshipName: 'contains' })).ok).toBe(true);
    const undeclared = await e.upsertRelationship('f1', 'x', { $targetId: 'r1', $relationshipName: 'hasFloor' });
    expect(code(undeclared)).toBe('InvalidRelationship');
    expect(!undeclared.ok && undeclared.error.message).toContain("relationship 'hasFloor' is not defined on model dtmi:twinscape:test:Floor;1");
    const wrongTarget = await e.upsertRelationship('b1', 'x', { $targetId: 'r1', $relationshipName: 'hasFloor' });
    expect(code(wrongTarget)).toBe('InvalidRelationship');
    expect(!wrongTarget.ok && wrongTarget.error.message).toContain('targets dtmi:twinscape:test:Floor;1');
    expect(code(await e.upsertRelationship('b1', 'x', { $targetId: 'b1', $relationshipName: 'contains' }))).toBe('OperationNotAllowed');
    expect(code(await e.upsertRelationship('b1', 'x', { $targetId: 'ghost', $relationshipName: 'contains' }))).toBe('TargetDigitalTwinNotFound');
    expect(code(await e.upsertRelationship('ghost', 'x', { $targetId: 'b1', $relationshipName: 'contains' }))).toBe('DigitalTwinNotFound');
    expect(code(await e.upsertRelationship('b1', 'x', { $relationshipName: 'contains' }))).toBe('InvalidArgument');
  });

  it('validates relationship properties', async () => {
    const e = await graph();
    const bad = await e.upsertRelationship('b1', 'x', { $targetId: 'r1', $relationshipName: 'contains', since: 'last year' });
    expect(code(bad)).toBe('ValidationFailed');
    expect(!bad.ok && bad.error.message).toContain("Property 'since' of relationship b1/x");
    const unknown = await e.upsertRelationship('b1', 'x', { $targetId: 'r1', $relationshipName: 'contains', colour: 'red' });
    expect(!unknown.ok && unknown.error.message).toContain("Property 'colour' of relationship b1/x is not defined");
  });

  it('ids are unique per source; If-None-Match; patch and delete with If-Match; events', async () => {
    const e = await graph();
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    await e.upsertTwin('b2', { $metadata: { $model: M.building } });
    expect((await e.upsertRelationship('b1', 'same', { $targetId: 'f1', $relationshipName: 'hasFloor' })).ok).toBe(true);
    expect((await e.upsertRelationship('b2', 'same', { $targetId: 'f1', $relationshipName: 'hasFloor' })).ok).toBe(true);
    const dup = await e.upsertRelationship('b1', 'same', { $targetId: 'f1', $relationshipName: 'hasFloor' }, { ifNoneMatch: '*' });
    expect(!dup.ok && dup.error.message).toBe('If-None-Match: * header was specified but a relationship with the id same was found. Please specify a different relationship id.');
    const c = await e.upsertRelationship('b1', 'c', { $targetId: 'r1', $relationshipName: 'contains' });
    if (!c.ok) throw new Error('create failed');
    const p = await e.patchRelationship('b1', 'c', [{ op: 'add', path: '/since', value: '2021-05-01T10:00:00Z' }], { ifMatch: c.value.$etag });
    expect(p.ok && p.value.since).toBe('2021-05-01T10:00:00Z');
    expect(code(await e.patchRelationship('b1', 'c', [{ op: 'add', path: '/since', value: 'x' }]))).toBe('ValidationFailed');
    expect(code(await e.patchRelationship('b1', 'c', [{ op: 'replace', path: '/$targetId', value: 'f1' }]))).toBe('JsonPatchInvalid');
    expect(code(await e.deleteRelationship('b1', 'c', { ifMatch: c.value.$etag }))).toBe('PreconditionFailed');
    expect((await e.deleteRelationship('b1', 'c', { ifMatch: '*' })).ok).toBe(true);
    expect(code(await e.deleteRelationship('b1', 'c'))).toBe('RelationshipNotFound');
    const types = events.map((x) => `${x.type.split('.').slice(-2).join('.')} ${x.subject}`);
    expect(types).toEqual([
      'Twin.Create b2',
      'Relationship.Create b1/relationships/same',
      'Relationship.Create b2/relationships/same',
      'Relationship.Create b1/relationships/c',
      'Relationship.Update b1/relationships/c',
      'Relationship.Delete b1/relationships/c',
    ]);
    expect(events[4].data).toEqual({ modelId: M.building, patch: [{ op: 'add', path: '/since', value: '2021-05-01T10:00:00Z' }] });
  });

  it('enforces the per-twin relationship limits', async () => {
    const e = await createLocalEngine({ store: new MemoryStore(), limits: { maxOutgoingPerTwin: 1 } });
    await e.uploadModels(buildingModels());
    for (const id of ['a', 'b', 'c']) await e.upsertTwin(id, { $metadata: { $model: M.space } });
    expect((await e.upsertRelationship('a', '1', { $targetId: 'b', $relationshipName: 'contains' })).ok).toBe(true);
    expect(code(await e.upsertRelationship('a', '2', { $targetId: 'c', $relationshipName: 'contains' }))).toBe('OperationNotAllowed');
  });
});
