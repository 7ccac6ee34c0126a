import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildModelIndex } from './modelIndex.ts';
import { ANY_TWIN, modelGraphElements, neighbourhood } from './modelGraphElements.ts';
import { modelFileName, modelsZip } from './downloadModels.ts';

const index = buildModelIndex([
  { id: 'dtmi:t:Space;1', model: { '@id': 'dtmi:t:Space;1', contents: [{ '@type': 'Relationship', name: 'contains', target: 'dtmi:t:Space;1' }, { '@type': 'Relationship', name: 'near' }] } },
  { id: 'dtmi:t:Room;1', model: { '@id': 'dtmi:t:Room;1', extends: 'dtmi:t:Space;1', contents: [{ '@type': 'Component', name: 'hvac', schema: 'dtmi:t:Hvac;1' }] }, decommissioned: true },
]);

describe('modelGraphElements', () => {
  it('draws extends, component and relationship edges, with placeholders for missing targets', () => {
    const all = modelGraphElements(index, { extends: true, component: true, relationship: true });
    expect(all.edges.map((e) => `${e.kind}:${e.source}>${e.target}:${e.label}`).sort()).toEqual([
      'component:dtmi:t:Room;1>dtmi:t:Hvac;1:hvac',
      'extends:dtmi:t:Room;1>dtmi:t:Space;1:extends',
      `relationship:dtmi:t:Space;1>${ANY_TWIN}:near`,
      'relationship:dtmi:t:Space;1>dtmi:t:Space;1:contains',
    ]);
    expect(all.nodes.filter((n) => n.external).map((n) => n.id).sort()).toEqual([ANY_TWIN, 'dtmi:t:Hvac;1']);
    expect(all.nodes.find((n) => n.id === 'dtmi:t:Room;1')?.decommissioned).toBe(true);
  });
  it('hides edge kinds that are toggled off', () => {
    const only = modelGraphElements(index, { extends: true, component: false, relationship: false });
    expect(only.edges.map((e) => e.kind)).toEqual(['extends']);
    expect(only.nodes.map((n) => n.id).sort()).toEqual(['dtmi:t:Room;1', 'dtmi:t:Space;1']);
    const inherited = modelGraphElements(index, { extends: false, component: false, relationship: true }, true);
    expect(inherited.edges.filter((e) => e.source === 'dtmi:t:Room;1').map((e) => e.label).sort()).toEqual(['contains', 'near']);
  });
});

describe('models zip', () => {
  it('writes one pretty JSON file per model named after its id', () => {
    expect(modelFileName('dtmi:com:example:Room;1')).toBe('com_example_Room-1.json');
    const files = unzipSync(modelsZip([{ id: 'dtmi:a:B;2', model: { '@id': 'dtmi:a:B;2' } }, { id: 'dtmi:a:C;1' }]));
    expect(Object.keys(files)).toEqual(['a_B-2.json']);
    expect(JSON.parse(strFromU8(files['a_B-2.json']))).toEqual({ '@id': 'dtmi:a:B;2' });
  });
});

describe('neighbourhood', () => {
  it('keeps what is within n hops of the centre, both directions', () => {
    const g = modelGraphElements(index, { extends: true, component: true, relationship: false });
    const one = neighbourhood(g, 'dtmi:t:Space;1', 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['dtmi:t:Room;1', 'dtmi:t:Space;1']);
    const two = neighbourhood(g, 'dtmi:t:Space;1', 2);
    expect(two.nodes.map((n) => n.id).sort()).toEqual(['dtmi:t:Hvac;1', 'dtmi:t:Room;1', 'dtmi:t:Space;1']);
    expect(two.edges).toHaveLength(2);
    expect(neighbourhood(g, 'dtmi:t:Space;1', 0).nodes.map((n) => n.id)).toEqual(['dtmi:t:Space;1']);
  });
});
