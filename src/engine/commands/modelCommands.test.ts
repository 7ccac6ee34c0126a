import { describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore, type Result } from '../index.ts';
import { buildingModels, M } from '../node/testFixtures.ts';

const code = (r: Result<unknown>) => (r.ok ? undefined : r.error.code);
const iface = (id: string, extra: Record<string, unknown> = {}) => ({ '@id': id, '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', ...extra });

describe('models', () => {
  it('uploads atomically, resolving dependencies inside the batch or already stored', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const up = await e.uploadModels(buildingModels());
    expect(up.ok && up.value.map((m) => m.id).sort()).toEqual(Object.values(M).sort());
    expect(up.ok && up.value.find((m) => m.id === M.space)).toMatchObject({ displayName: { en: 'Space' }, description: {}, decommissioned: false, uploadTime: expect.any(String) });
    // A later upload may depend on stored models.
    expect((await e.uploadModels([iface('dtmi:x:Lab;1', { extends: M.room })])).ok).toBe(true);
    // A bad one in a batch: none are stored.
    const bad = await e.uploadModels([iface('dtmi:x:A;1'), iface('dtmi:x:B;1', { extends: 'dtmi:x:Missing;1' })]);
    expect(code(bad)).toBe('DTDLParserError');
    expect(!bad.ok && bad.error.message).toMatch(/^None of the models in this request could be created/);
    expect(code(await e.getModel('dtmi:x:A;1'))).toBe('ModelNotFound');
    expect((await e.stats()).models).toBe(6);
  });

  it('refuses duplicates, empty uploads and too many models per call', async () => {
    const e = await createLocalEngine({ store: new MemoryStore(), limits: { maxModelsPerUpload: 2 } });
    await e.uploadModels([iface('dtmi:x:A;1'), iface('dtmi:x:B;1')]);
    const dup = await e.uploadModels([iface('dtmi:x:A;1'), iface('dtmi:x:C;1')]);
    expect(code(dup)).toBe('ModelIdAlreadyExists');
    expect(!dup.ok && dup.error.message).toMatch(/^Some of the model ids already exist: dtmi:x:A;1\./);
    expect(code(await e.uploadModels([]))).toBe('InvalidArgument');
    expect(code(await e.uploadModels([iface('dtmi:x:D;1'), iface('dtmi:x:E;1'), iface('dtmi:x:F;1')]))).toBe('LimitExceeded');
    expect(code(await e.uploadModels([{ '@type': 'Interface' }]))).toBe('DTDLParserError');
  });

  it('lists with definitions and dependencies; gets; decommissions irreversibly', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    await e.uploadModels(buildingModels());
    const deps = await e.listModels({ dependenciesFor: [M.room] });
    expect(deps.ok && deps.value.map((m) => m.id).sort()).toEqual([M.room, M.space, M.thermostat].sort());
    const withDef = await e.getModel(M.room, { includeModelDefinition: true });
    expect(withDef.ok && (withDef.value.model as Record<string, unknown>)['@id']).toBe(M.room);
    const noDef = await e.getModel(M.room);
    expect(noDef.ok && 'model' in noDef.value).toBe(false);
    expect(code(await e.listModels({ dependenciesFor: ['dtmi:none;1'] }))).toBe('ModelNotFound');
    expect((await e.decommissionModel(M.floor)).ok).toBe(true);
    expect((await e.decommissionModel(M.floor)).ok).toBe(true);
    const f = await e.getModel(M.floor);
    expect(f.ok && f.value.decommissioned).toBe(true);
    expect(code(await e.decommissionModel('dtmi:none;1'))).toBe('ModelNotFound');
  });

  it('refuses to delete a model another model extends or uses as a component', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    await e.uploadModels(buildingModels());
    const ext = await e.deleteModel(M.space);
    expect(code(ext)).toBe('ModelReferencesNotDeleted');
    expect(!ext.ok && ext.error.message).toMatch(/^This model is currently being referenced by /);
    expect(code(await e.deleteModel(M.thermostat))).toBe('ModelReferencesNotDeleted');
    expect((await e.deleteModel(M.room)).ok).toBe(true);
    expect((await e.deleteModel(M.thermostat)).ok).toBe(true);
    expect(code(await e.deleteModel(M.thermostat))).toBe('ModelNotFound');
  });
});
