import { describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore, type CloudEvent, type LocalEngine, type Result } from '../index.ts';
import { buildingModels, M, room } from '../node/testFixtures.ts';

async function engine(opts: { limits?: Record<string, number> } = {}): Promise<LocalEngine> {
  const e = await createLocalEngine({ store: new MemoryStore(), ...opts });
  const up = await e.uploadModels(buildingModels());
  if (!up.ok) throw new Error(up.error.message);
  return e;
}

function code(r: Result<unknown>): string | undefined {
  return r.ok ? undefined : r.error.code;
}

describe('create-or-replace twin', () => {
  it('validates properties against the resolved model, inherited ones included', async () => {
    const e = await engine();
    expect((await e.upsertTwin('r1', room({ name: 'inherited from Space', temperature: 20.5 }))).ok).toBe(true);
    const unknown = await e.upsertTwin('r2', room({ colour: 'red' }));
    expect(code(unknown)).toBe('ValidationFailed');
    expect(!unknown.ok && unknown.error.message).toContain("Property 'colour' of twin r2 is not defined in model dtmi:twinscape:test:Room;1");
    const wrongType = await e.upsertTwin('r3', room({ temperature: 'hot' }));
    expect(code(wrongType)).toBe('ValidationFailed');
    expect(!wrongType.ok && wrongType.error.message).toContain("Property 'temperature'");
    expect(!wrongType.ok && (wrongType.error.details as Array<{ pointer: string }>)[0].pointer).toBe('/temperature');
  });

  it('checks Object, Map, Enum, Array, date and duration schemas', async () => {
    const e = await engine();
    const good = await e.upsertTwin('r1', room({
      tags: { a: 'x' }, lastCleaned: '2024-02-29', cleaningInterval: 'P1DT2H', sensors: ['s1', 's2'],
      thermostat: { $metadata: {}, mode: 'heat', setPoint: 21 },
    }));
    expect(good.ok, JSON.stringify(!good.ok && good.error)).toBe(true);
    await e.upsertTwin('b1', { $metadata: { $model: M.building }, address: { street: 'Main', city: 'Oslo' } });
    const bad: Array<[string, Record<string, unknown>]> = [
      ['map value', room({ tags: { a: 1 } })],
      ['date', room({ lastCleaned: '2023-02-29' })],
      ['duration', room({ cleaningInterval: '2 hours' })],
      ['array', room({ sensors: ['ok', 3] })],
      ['enum', room({ thermostat: { $metadata: {}, mode: 'off' } })],
    ];
    for (const [what, body] of bad) expect(code(await e.upsertTwin('x', body)), what).toBe('ValidationFailed');
    expect(code(await e.upsertTwin('b2', { $metadata: { $model: M.building }, address: { street: 'Main', zip: 1 } }))).toBe('ValidationFailed');
  });

  it('refuses telemetry names, unknown and decommissioned models, missing components', async () => {
    const e = await engine();
    const tel = await e.upsertTwin('t', { $metadata: { $model: M.thermostat }, temperature: 3 });
    expect(!tel.ok && tel.error.message).toContain("'temperature' is a Telemetry");
    const nomodel = await e.upsertTwin('x', { $metadata: { $model: 'dtmi:nope:X;1' } });
    expect(code(nomodel)).toBe('ValidationFailed');
    expect(!nomodel.ok && nomodel.error.message).toContain('dtmi:nope:X;1 or one of its dependencies does not exist.');
    expect(code(await e.upsertTwin('x', { name: 'no model' }))).toBe('ValidationFailed');
    const missing = await e.upsertTwin('x', { $metadata: { $model: M.room } });
    expect(!missing.ok && missing.error.message).toContain("missing component 'thermostat'");
    expect((await e.upsertTwin('old', { $metadata: { $model: M.floor } })).ok).toBe(true);
    expect((await e.decommissionModel(M.floor)).ok).toBe(true);
    expect(code(await e.upsertTwin('f2', { $metadata: { $model: M.floor } }))).toBe('ModelDecommissioned');
    // Existing twins keep working.
    expect((await e.patchTwin('old', [{ op: 'add', path: '/level', value: 2 }])).ok).toBe(true);
  });

  it('If-None-Match: * refuses an existing twin; other values are invalid', async () => {
    const e = await engine();
    expect((await e.upsertTwin('r1', room(), { ifNoneMatch: '*' })).ok).toBe(true);
    const again = await e.upsertTwin('r1', room(), { ifNoneMatch: '*' });
    expect(code(again)).toBe('PreconditionFailed');
    expect(!again.ok && again.error.message).toBe('If-None-Match: * header was specified but a twin with the id r1 was found. Please specify a different twin id.');
    expect(code(await e.upsertTwin('r1', room(), { ifNoneMatch: 'W/"x"' as '*' }))).toBe('InvalidArgument');
  });

  it('replace emits Update with the difference and renews the etag; $dtId in the body is ignored', async () => {
    const e = await engine();
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    const a = await e.upsertTwin('r1', room({ name: 'A', temperature: 1 }));
    const b = await e.upsertTwin('r1', room({ $dtId: 'other', name: 'B', sensors: [] }));
    expect(b.ok && b.value.$dtId).toBe('r1');
    expect(a.ok && b.ok && a.value.$etag !== b.value.$etag).toBe(true);
    expect(events[1].type).toBe('Microsoft.DigitalTwins.Twin.Update');
    expect((events[1].data as { patch: unknown }).patch).toEqual([
      { op: 'replace', path: '/name', value: 'B' },
      { op: 'add', path: '/sensors', value: [] },
      { op: 'remove', path: '/temperature' },
    ]);
  });

  it('enforces the configurable twin count and size limits', async () => {
    const e = await engine({ limits: { maxTwins: 1, maxTwinBytes: 400 } });
    expect((await e.upsertTwin('r1', room())).ok).toBe(true);
    expect(code(await e.upsertTwin('r2', room()))).toBe('TwinLimitReached');
    const big = await e.upsertTwin('r1', room({ name: 'x'.repeat(500) }));
    expect(code(big)).toBe('ValidationFailed');
    expect(!big.ok && big.error.message).toContain('the limit is 400 bytes');
  });
});

describe('JSON Patch on twins', () => {
  it('is atomic: one failing op leaves the twin unchanged', async () => {
    const e = await engine();
    const t = await e.upsertTwin('r1', room({ temperature: 1 }));
    const r = await e.patchTwin('r1', [
      { op: 'replace', path: '/temperature', value: 2 },
      { op: 'add', path: '/name', value: 5 },
    ]);
    expect(code(r)).toBe('ValidationFailed');
    const now = await e.getTwin('r1');
    expect(now.ok && t.ok && now.value).toEqual(t.ok && t.value);
  });

  it("reports ADT's JsonPatchInvalid texts", async () => {
    const e = await engine();
    await e.upsertTwin('r1', room());
    const move = await e.patchTwin('r1', [{ op: 'move', path: '/a' } as never]);
    expect(!move.ok && move.error.message).toMatch(/^Unsupported operation type move\. Please provide a valid patch document/);
    const empty = await e.patchTwin('r1', [{} as never]);
    expect(!empty.ok && empty.error.message).toMatch(/^Parameter op must not be empty\./);
    const rm = await e.patchTwin('r1', [{ op: 'remove', path: '/isAccessDoorRestricted' }]);
    expect(code(rm)).toBe('JsonPatchInvalid');
    expect(!rm.ok && rm.error.message).toMatch(/^The target location specified by path segment 'isAccessDoorRestricted' was not found\./);
    expect(code(await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 3 }]))).toBe('JsonPatchInvalid');
    expect(code(await e.patchTwin('r1', [{ op: 'replace', path: '/$dtId', value: 'x' }]))).toBe('JsonPatchInvalid');
    expect(code(await e.patchTwin('nope', [{ op: 'add', path: '/temperature', value: 3 }]))).toBe('DigitalTwinNotFound');
  });

  it('maintains $metadata: lastUpdateTime per property, sourceTime kept until changed, removed with the property', async () => {
    let tick = 0;
    const e = await createLocalEngine({ store: new MemoryStore(), now: () => `2024-01-01T00:00:0${tick++}.0000000Z` });
    await e.uploadModels(buildingModels());
    await e.upsertTwin('r1', room({ temperature: 1, name: 'n' })); // t0 models, t1 twin
    const p1 = await e.patchTwin('r1', [
      { op: 'replace', path: '/temperature', value: 2 },
      { op: 'add', path: '/$metadata/temperature/sourceTime', value: '2023-12-31T23:59:59Z' },
    ]);
    expect(p1.ok && p1.value.$metadata.temperature).toEqual({ lastUpdateTime: '2024-01-01T00:00:02.0000000Z', sourceTime: '2023-12-31T23:59:59Z' });
    expect(p1.ok && p1.value.$metadata.name).toEqual({ lastUpdateTime: '2024-01-01T00:00:01.0000000Z' });
    expect(p1.ok && p1.value.$metadata.$lastUpdateTime).toBe('2024-01-01T00:00:02.0000000Z');
    const p2 = await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 3 }]);
    expect(p2.ok && p2.value.$metadata.temperature).toEqual({ lastUpdateTime: '2024-01-01T00:00:03.0000000Z', sourceTime: '2023-12-31T23:59:59Z' });
    const p3 = await e.patchTwin('r1', [{ op: 'remove', path: '/temperature' }]);
    expect(p3.ok && 'temperature' in p3.value.$metadata).toBe(false);
    const badSt = await e.patchTwin('r1', [{ op: 'add', path: '/$metadata/name/sourceTime', value: 'yesterday' }]);
    expect(code(badSt)).toBe('ValidationFailed');
    expect(code(await e.patchTwin('r1', [{ op: 'replace', path: '/$metadata/$lastUpdateTime', value: 'x' }]))).toBe('JsonPatchInvalid');
  });

  it('patches nested objects only when the parent exists (add the whole object first)', async () => {
    const e = await engine();
    await e.upsertTwin('b1', { $metadata: { $model: M.building } });
    expect(code(await e.patchTwin('b1', [{ op: 'add', path: '/address/city', value: 'Oslo' }]))).toBe('JsonPatchInvalid');
    expect((await e.patchTwin('b1', [{ op: 'add', path: '/address', value: { street: 'Main' } }])).ok).toBe(true);
    const r = await e.patchTwin('b1', [{ op: 'add', path: '/address/city', value: 'Oslo' }]);
    expect(r.ok && r.value.address).toEqual({ street: 'Main', city: 'Oslo' });
  });

  it('migrates the model with /$metadata/$model when the result validates against the new model', async () => {
    const e = await engine();
    await e.upsertTwin('s1', { $metadata: { $model: M.space }, name: 'x' });
    const bad = await e.patchTwin('s1', [{ op: 'replace', path: '/$metadata/$model', value: M.room }]);
    expect(!bad.ok && bad.error.message).toContain("missing component 'thermostat'");
    const good = await e.patchTwin('s1', [
      { op: 'replace', path: '/$metadata/$model', value: M.room },
      { op: 'add', path: '/thermostat', value: { $metadata: {} } },
      { op: 'add', path: '/temperature', value: 20 },
    ]);
    expect(good.ok && good.value.$metadata.$model).toBe(M.room);
    expect(good.ok && (good.value.thermostat as Record<string, unknown>).$metadata).toMatchObject({ $lastUpdateTime: expect.any(String) });
  });
});

describe('components', () => {
  it('are read and patched as a whole or by path, with their own $metadata', async () => {
    const e = await engine();
    const events: CloudEvent[] = [];
    await e.subscribe((b) => events.push(...b));
    await e.upsertTwin('r1', room({ thermostat: { $metadata: {}, setPoint: 20 } }));
    const c = await e.getComponent('r1', 'thermostat');
    expect(c.ok && c.value.setPoint).toBe(20);
    expect(code(await e.getComponent('r1', 'nope'))).toBe('ComponentNotFound');
    expect(code(await e.getComponent('nope', 'thermostat'))).toBe('DigitalTwinNotFound');
    const p = await e.patchComponent('r1', 'thermostat', [{ op: 'replace', path: '/setPoint', value: 22 }]);
    expect(p.ok && (p.value.thermostat as Record<string, unknown>).setPoint).toBe(22);
    expect((events.at(-1)!.data as { patch: unknown }).patch).toEqual([{ op: 'replace', path: '/thermostat/setPoint', value: 22 }]);
    const viaTwin = await e.patchTwin('r1', [{ op: 'add', path: '/thermostat/mode', value: 'cool' }]);
    const meta = viaTwin.ok ? ((viaTwin.value.thermostat as Record<string, unknown>).$metadata as Record<string, unknown>) : {};
    expect(meta.mode).toMatchObject({ lastUpdateTime: expect.any(String) });
    expect(code(await e.patchComponent('r1', 'nope', [{ op: 'add', path: '/x', value: 1 }]))).toBe('ComponentNotFound');
    const whole = await e.patchTwin('r1', [{ op: 'replace', path: '/thermostat', value: { setPoint: 5 } }]);
    expect(whole.ok && (whole.value.thermostat as Record<string, unknown>).setPoint).toBe(5);
    expect(code(await e.patchTwin('r1', [{ op: 'remove', path: '/thermostat' }]))).toBe('ValidationFailed');
  });
});

describe('delete twin and deleted models', () => {
  it('refuses to delete a twin with incoming or outgoing relationships', async () => {
    const e = await engine();
    await e.upsertTwin('a', { $metadata: { $model: M.space } });
    await e.upsertTwin('b', { $metadata: { $model: M.space } });
    await e.upsertRelationship('a', 'r', { $targetId: 'b', $relationshipName: 'contains' });
    for (const id of ['a', 'b']) {
      const r = await e.deleteTwin(id);
      expect(code(r)).toBe('RelationshipsNotDeleted');
      expect(!r.ok && r.error.message).toMatch(new RegExp(`^Twin ${id} has active relationships\\.`));
    }
    await e.deleteRelationship('a', 'r');
    expect((await e.deleteTwin('a')).ok).toBe(true);
    expect(code(await e.deleteTwin('a'))).toBe('DigitalTwinNotFound');
  });

  it('keeps twins of a deleted model readable and deletable but not editable', async () => {
    const e = await engine();
    await e.upsertTwin('r1', room({ temperature: 1 }));
    await e.upsertTwin('s1', { $metadata: { $model: M.space } });
    expect((await e.deleteModel(M.room)).ok).toBe(true);
    expect((await e.getTwin('r1')).ok).toBe(true);
    const patch = await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 2 }]);
    expect(!patch.ok && patch.error.message).toContain('was deleted');
    // Incoming relationships can still be added (source model exists), outgoing cannot.
    expect((await e.upsertRelationship('s1', 'in', { $targetId: 'r1', $relationshipName: 'contains' })).ok).toBe(true);
    expect(code(await e.upsertRelationship('r1', 'out', { $targetId: 's1', $relationshipName: 'contains' }))).toBe('ValidationFailed');
    await e.deleteRelationship('s1', 'in');
    expect((await e.deleteTwin('r1')).ok).toBe(true);
  });
});
