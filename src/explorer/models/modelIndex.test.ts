import { describe, expect, it } from 'vitest';
import { buildModelIndex, deletionOrder, inclusiveCounts, referrersOf, resolveContents, treeRows } from './modelIndex.ts';

const ctx = 'dtmi:dtdl:context;3';
const models = [
  { id: 'dtmi:t:Space;1', model: { '@id': 'dtmi:t:Space;1', '@type': 'Interface', '@context': ctx, displayName: 'Space', contents: [{ '@type': 'Property', name: 'name', schema: 'string' }, { '@type': 'Relationship', name: 'contains', target: 'dtmi:t:Space;1' }] } },
  { id: 'dtmi:t:Room;1', model: { '@id': 'dtmi:t:Room;1', '@type': 'Interface', '@context': ctx, displayName: { en: 'Room' }, extends: 'dtmi:t:Space;1', contents: [{ '@type': ['Property', 'Temperature'], name: 'temperature', schema: 'double', unit: 'degreeCelsius' }, { '@type': 'Property', name: 'name', schema: 'string', writable: true }, { '@type': 'Component', name: 'hvac', schema: 'dtmi:t:Hvac;1' }] } },
  { id: 'dtmi:t:Floor;1', model: { '@id': 'dtmi:t:Floor;1', '@type': 'Interface', '@context': ctx, displayName: 'Floor', extends: ['dtmi:t:Space;1'] } },
  { id: 'dtmi:t:Hvac;1', model: { '@id': 'dtmi:t:Hvac;1', '@type': 'Interface', '@context': ctx, displayName: 'HVAC' } },
];

describe('modelIndex', () => {
  const index = buildModelIndex(models);
  it('builds the inheritance tree sorted by display name', () => {
    expect(index.roots).toEqual(['dtmi:t:Hvac;1', 'dtmi:t:Space;1']);
    expect(index.children.get('dtmi:t:Space;1')).toEqual(['dtmi:t:Floor;1', 'dtmi:t:Room;1']);
    expect(treeRows(index, '').map((r) => `${r.depth}:${r.id}`)).toEqual(['0:dtmi:t:Hvac;1', '0:dtmi:t:Space;1', '1:dtmi:t:Floor;1', '1:dtmi:t:Room;1']);
  });
  it('search keeps matches and their ancestors, by id or display name', () => {
    expect(treeRows(index, 'room').map((r) => r.id)).toEqual(['dtmi:t:Space;1', 'dtmi:t:Room;1']);
    expect(treeRows(index, 'HVAC').map((r) => r.id)).toEqual(['dtmi:t:Hvac;1']);
    expect(treeRows(index, 'nothing')).toEqual([]);
  });
  it('collapsed rows hide their children', () => {
    expect(treeRows(index, '', new Set(['dtmi:t:Space;1'])).map((r) => r.id)).toEqual(['dtmi:t:Hvac;1', 'dtmi:t:Space;1']);
  });
  it('resolves inherited contents; own ones override', () => {
    const c = resolveContents(index, 'dtmi:t:Room;1');
    expect(c.map((x) => `${x.name}@${x.definedIn}`)).toEqual(['temperature@dtmi:t:Room;1', 'name@dtmi:t:Room;1', 'hvac@dtmi:t:Room;1', 'contains@dtmi:t:Space;1']);
    expect(c[0].coTypes).toEqual(['Temperature']);
    expect(c[2]).toMatchObject({ kind: 'Component', schema: 'dtmi:t:Hvac;1' });
    expect(c[3]).toMatchObject({ kind: 'Relationship', target: 'dtmi:t:Space;1' });
  });
  it('lists referrers (extends and component schemas) and a leaves-first deletion order', () => {
    expect(referrersOf(index, 'dtmi:t:Space;1')).toEqual(['dtmi:t:Floor;1', 'dtmi:t:Room;1']);
    expect(referrersOf(index, 'dtmi:t:Hvac;1')).toEqual(['dtmi:t:Room;1']);
    const order = deletionOrder(index);
    expect(order.indexOf('dtmi:t:Room;1')).toBeLessThan(order.indexOf('dtmi:t:Space;1'));
    expect(order.indexOf('dtmi:t:Room;1')).toBeLessThan(order.indexOf('dtmi:t:Hvac;1'));
    expect(order).toHaveLength(4);
  });
  it('counts twins including subtypes', () => {
    const counts = inclusiveCounts(index, new Map([['dtmi:t:Room;1', 3], ['dtmi:t:Floor;1', 1], ['dtmi:t:Space;1', 2]]));
    expect(counts.get('dtmi:t:Space;1')).toBe(6);
    expect(counts.get('dtmi:t:Room;1')).toBe(3);
    expect(counts.get('dtmi:t:Hvac;1')).toBe(0);
  });
});
