import { describe, expect, it } from 'vitest';
import { parseModels, validateValue } from './index.ts';

const base = {
  '@context': 'dtmi:dtdl:context;3',
  '@id': 'dtmi:com:example:Base;1',
  '@type': 'Interface',
  displayName: 'Base',
  contents: [
    { '@type': 'Property', name: 'serial', schema: 'string' },
    { '@type': 'Relationship', name: 'feeds', target: 'dtmi:com:example:Room;1', properties: [{ '@type': 'Property', name: 'since', schema: 'dateTime' }] },
  ],
};
const room = {
  '@context': ['dtmi:dtdl:context;3', 'dtmi:dtdl:extension:quantitativeTypes;1'],
  '@id': 'dtmi:com:example:Room;1',
  '@type': 'Interface',
  extends: 'dtmi:com:example:Base;1',
  contents: [
    { '@type': ['Property', 'Temperature'], name: 'temperature', schema: 'double', unit: 'degreeCelsius', writable: true },
    { '@type': 'Telemetry', name: 'occupancy', schema: { '@type': 'Enum', valueSchema: 'integer', enumValues: [{ name: 'empty', enumValue: 0 }, { name: 'full', enumValue: 1 }] } },
    { '@type': 'Property', name: 'tags', schema: { '@type': 'Map', mapKey: { name: 'k', schema: 'string' }, mapValue: { name: 'v', schema: 'integer' } } },
    { '@type': 'Property', name: 'pos', schema: { '@type': 'Object', fields: [{ name: 'x', schema: 'double' }, { name: 'ok', schema: 'boolean' }] } },
    { '@type': 'Component', name: 'thermostat', schema: 'dtmi:com:example:Thermostat;1' },
  ],
};
const thermostat = { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:com:example:Thermostat;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'setPoint', schema: 'double', writable: true }] };

describe('parseModels', () => {
  it('resolves inheritance, components, schemas and semantic units', async () => {
    const r = await parseModels([base, room, thermostat]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
    const info = r.model.interfaces.get('dtmi:com:example:Room;1')!;
    expect(info.ancestors).toEqual(['dtmi:com:example:Base;1']);
    // each Interface keeps the JSON it was written as (from a text document: the parsed value)
    expect(info.source).toEqual(room);
    expect(r.model.interfaces.get('dtmi:com:example:Base;1')!.source).toEqual(base);
    expect([...info.contents.keys()].sort()).toEqual(['feeds', 'occupancy', 'pos', 'serial', 'tags', 'temperature', 'thermostat']);
    expect(info.contents.get('serial')!.definedIn).toBe('dtmi:com:example:Base;1');
    expect(info.contents.get('temperature')).toMatchObject({ kind: 'Property', writable: true, unit: 'degreeCelsius', semanticTypes: ['Temperature'], schema: { kind: 'primitive', name: 'double' } });
    expect(info.contents.get('thermostat')!.componentSchema).toBe('dtmi:com:example:Thermostat;1');
    const feeds = info.contents.get('feeds')!;
    expect(feeds.target).toBe('dtmi:com:example:Room;1');
    expect(feeds.properties![0].name).toBe('since');
    expect(info.contents.get('occupancy')!.schema).toMatchObject({ kind: 'enum', valueSchema: 'integer' });
    expect(r.model.elements.get('dtmi:com:example:Room:_contents:__temperature;1')!.type).toBe('Property');
    // the Interface's element record: its contents by name, inherited ones included, computed on first read
    const roomElement = r.model.elements.get('dtmi:com:example:Room;1')!;
    expect(roomElement).toMatchObject({ id: 'dtmi:com:example:Room;1', type: 'Interface', languageMajorVersion: 3 });
    const contents = roomElement.contents as Record<string, string>;
    expect(Object.keys(contents).sort()).toEqual(['feeds', 'occupancy', 'pos', 'serial', 'tags', 'temperature', 'thermostat']);
    expect(contents.serial).toBe(r.model.interfaces.get('dtmi:com:example:Room;1')!.contents.get('serial')!.id);
    expect(roomElement.contents).toBe(contents);
  });

  it('lists every element with an id, then the standard elements the model refers to', async () => {
    const r = await parseModels([{ '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:com:example:R;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 't', schema: 'double' }] }]);
    if (!r.ok) throw new Error('invalid');
    const { elements } = r.model;
    const listed = [...elements].map(([id, e]) => `${id} ${e.type}`);
    expect(listed).toEqual(['dtmi:com:example:R;1 Interface', 'dtmi:com:example:R:_contents:__t;1 Property', 'dtmi:dtdl:instance:Schema:double;2 Double']);
    expect(elements.size).toBe(3);
    expect([...elements.keys()]).toEqual([...elements.values()].map((e) => e.id));
    // a standard reference is published by its canonical id, which the model lists
    const property = elements.get('dtmi:com:example:R:_contents:__t;1')!;
    expect(property.schema).toEqual(['dtmi:dtdl:instance:Schema:double;2']);
    expect(elements.has('dtmi:dtdl:instance:Schema:double;2')).toBe(true);
    expect(elements.get('dtmi:com:example:Nowhere;1')).toBeUndefined();
    const seen: string[] = [];
    elements.forEach((e, id) => seen.push(`${id} ${e.type}`));
    expect(seen).toEqual(listed);
  });

  it('validates values against properties and schemas', async () => {
    const r = await parseModels([base, room, thermostat]);
    if (!r.ok) throw new Error('invalid');
    const p = (n: string) => r.model.interfaces.get('dtmi:com:example:Room;1')!.contents.get(n)!.id;
    expect(validateValue(r.model, p('temperature'), 21.5).ok).toBe(true);
    expect(validateValue(r.model, p('temperature'), '21.5')).toMatchObject({ ok: false });
    expect(validateValue(r.model, p('occupancy'), 1).ok).toBe(true);
    expect(validateValue(r.model, p('occupancy'), 2).ok).toBe(false);
    expect(validateValue(r.model, p('tags'), { a: 1, b: 2 }).ok).toBe(true);
    expect(validateValue(r.model, p('tags'), { a: 1.5 })).toMatchObject({ ok: false, path: '/a' });
    expect(validateValue(r.model, p('pos'), { x: 1, ok: true }).ok).toBe(true);
    expect(validateValue(r.model, p('pos'), { y: 1 })).toMatchObject({ ok: false, path: '/y' });
    expect(validateValue(r.model, 'dtmi:dtdl:instance:Schema:dateTime;2', '2024-02-30T00:00:00Z').ok).toBe(false);
    expect(validateValue(r.model, 'dtmi:dtdl:instance:Schema:dateTime;2', '2024-02-29T10:00:00Z').ok).toBe(true);
  });

  it('reports every error with code, element ids and 1-based lines from source text', async () => {
    const bad = JSON.stringify({ ...room, contents: [...room.contents, { '@type': 'Property', name: 'bad name', schema: 'string' }, { '@type': 'Telemetry', name: 'x' }] }, null, 2);
    const r = await parseModels([JSON.stringify(base, null, 2), bad, thermostat], { documentNames: ['base.json', 'room.json', 'thermostat.json'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // element errors first (like the official parser): model-wide rules run once the elements are clean
    const codes = r.errors.map((e) => e.code).sort();
    expect(codes).toEqual(['missingObjectProperty', 'stringInvalid']);
    const missing = r.errors.find((e) => e.code === 'missingObjectProperty')!;
    expect(missing).toMatchObject({ validationId: 'dtmi:dtdl:parsingError:missingObjectProperty', primaryId: 'dtmi:com:example:Room:_contents:__x;1', property: 'schema', documentIndex: 1, documentName: 'room.json' });
    expect(missing.startLine).toBeGreaterThan(1);
    expect(bad.split('\n')[missing.startLine! - 1]).toContain('{');
    expect(missing.cause).toMatch(/requires property 'schema'/);
  });

  it('reports names that collide with inherited contents', async () => {
    const dup = { ...room, contents: [...room.contents, { '@type': 'Property', name: 'serial', schema: 'string' }] };
    const r = await parseModels([base, dup, thermostat]);
    expect(!r.ok && r.errors.map((e) => [e.code, e.primaryId])).toEqual([['nonUniqueImportedPropertyValue', 'dtmi:com:example:Room;1']]);
  });

  it('asks the resolver for missing models in sorted batches and reports what stays unresolved', async () => {
    const calls: string[][] = [];
    const r = await parseModels([room], {
      resolver: async (ids) => {
        calls.push(ids);
        return ids.map((id) => (id === 'dtmi:com:example:Base;1' ? base : null));
      },
    });
    expect(calls[0]).toEqual(['dtmi:com:example:Base;1', 'dtmi:com:example:Thermostat;1']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.unresolved).toEqual(['dtmi:com:example:Thermostat;1']);
  });

  it('turns pathologically deep input into an error value instead of throwing', async () => {
    let schema: unknown = 'double';
    for (let i = 0; i < 20_000; i++) schema = { '@type': 'Array', elementSchema: schema };
    const deep = { '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:a:deep;1', '@type': 'Interface', contents: [{ '@type': 'Telemetry', name: 't', schema }] };
    const r = await parseModels([deep]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toContain('modelTooComplex');
  });

  it('rejects v2 limits and nested components', async () => {
    const long = { '@context': 'dtmi:dtdl:context;2', '@id': 'dtmi:a:b;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'n'.repeat(65), schema: 'double' }] };
    const r1 = await parseModels([long]);
    expect(!r1.ok && r1.errors.map((e) => e.code)).toEqual(['stringTooLong']);
    const outer = { '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:a:outer;1', '@type': 'Interface', contents: [{ '@type': 'Component', name: 'c', schema: 'dtmi:com:example:Room;1' }] };
    const r2 = await parseModels([outer, base, room, thermostat]);
    expect(!r2.ok && r2.errors.map((e) => e.code)).toContain('excludedType');
  });
});
