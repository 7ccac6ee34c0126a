import { describe, expect, it } from 'vitest';
import { addElements, addScene, createSceneDocument, newElement, newRangeBehavior, upsertBehavior, upsertLayer, type ValueRange } from '../model/index.ts';
import { DEFAULT_LAYER_ID, SceneRuntime, applyJsonPatch, evaluateElement, evaluateWidgets, inspectElement, matchValueRange, durationToMs } from './index.ts';

const range = (values: ValueRange['values']): ValueRange => ({ id: 'c', values, visual: {} });

describe('matchValueRange', () => {
  it('numeric ranges are [min, max) with string infinities', () => {
    expect(matchValueRange('double', 70, range([70, 80]))).toBe(true);
    expect(matchValueRange('double', 80, range([70, 80]))).toBe(false);
    expect(matchValueRange('integer', -1e9, range(['-Infinity', 0]))).toBe(true);
    expect(matchValueRange('double', '75', range([70, 80]))).toBe(true);
    expect(matchValueRange('double', undefined, range(['-Infinity', 'Infinity']))).toBe(false);
    expect(matchValueRange('double', true, range(['-Infinity', 'Infinity']))).toBe(false);
  });
  it('boolean and categorical values', () => {
    expect(matchValueRange('boolean', true, range([true]))).toBe(true);
    expect(matchValueRange('boolean', 1, range([true]))).toBe(false);
    expect(matchValueRange('string', 'b', range(['a', 'b']))).toBe(true);
    expect(matchValueRange('enum', 'c', range(['a', 'b']))).toBe(false);
    expect(matchValueRange(undefined, 5, range([0, 10]))).toBe(false);
  });
  it('dates and durations, which Azure never fires', () => {
    expect(matchValueRange('dateTime', '2026-01-02T00:00:00Z', range(['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']))).toBe(true);
    expect(matchValueRange('duration', 'PT90M', range(['PT1H', 'PT2H']))).toBe(true);
    expect(matchValueRange('duration', 'P1D', range(['PT1H', 'PT2H']))).toBe(false);
    expect(durationToMs('P1DT1H')).toBe(25 * 3600 * 1000);
    expect(durationToMs('nope')).toBeNaN();
  });
});

function demo() {
  const { doc, sceneId } = addScene(createSceneDocument(), { displayName: 'Flat', assetUrl: 'x.glb' });
  const rooms = [101, 102, 201].map((n) => newElement({ primaryTwinID: `Room-${n}`, objectIDs: [`mesh${n}`], twinAliases: { Floor: `Floor-${String(n)[0]}` } }));
  let r = addElements(doc, sceneId, rooms);
  if (!r.ok) throw new Error('add');
  const temp = newRangeBehavior({
    displayName: 'Temperature', valueExpression: 'PrimaryTwin.temperature',
    ranges: [{ min: '-Infinity', max: 26, color: '#26C485' }, { min: 26, max: 'Infinity', color: '#C32F27', label: 'Hot' }],
    floatingLabel: '${PrimaryTwin.temperature.toFixed(1)} °C',
  });
  temp.visuals.push({
    type: 'ExpressionRangeVisual', id: 'alarm', valueExpression: 'PrimaryTwin.co2 > Floor.co2Limit', expressionType: 'CategoricalValues',
    valueRangeType: 'boolean', objectIDs: { expression: 'objectIDs' },
    valueRanges: [{ id: 'c-alarm', values: [true], visual: { iconName: 'Warning', color: '#F79824', labelExpression: 'CO2 ${PrimaryTwin.co2} ppm' } }],
  });
  const popover = temp.visuals.find((v) => v.type === 'Popover');
  if (popover?.type === 'Popover') {
    popover.widgets.push(
      { type: 'Gauge', id: 'g', valueExpression: 'PrimaryTwin.temperature', widgetConfiguration: { label: 'Temp', units: '°C', valueRanges: [{ id: 'g1', values: [0, 26], visual: { color: '#26C485' } }, { id: 'g2', values: [26, 40], visual: { color: '#C32F27' } }] } },
      { type: 'Link', id: 'l', widgetConfiguration: { label: 'Open', linkExpression: 'https://example.com/${PrimaryTwin.$dtId}' } },
      { type: 'Link', id: 'bad', widgetConfiguration: { label: 'Bad', linkExpression: 'javascript:alert(1)' } },
    );
  }
  r = upsertBehavior(r.value, sceneId, temp, rooms.map((x) => x.id));
  if (!r.ok) throw new Error('behavior');
  const twins: Record<string, Record<string, unknown>> = {
    'Room-101': { $dtId: 'Room-101', temperature: 21.04, co2: 500 },
    'Room-102': { $dtId: 'Room-102', temperature: 27.5, co2: 1300 },
    'Room-201': { $dtId: 'Room-201', temperature: 22, co2: 400 },
    'Floor-1': { $dtId: 'Floor-1', co2Limit: 1000 },
    'Floor-2': { $dtId: 'Floor-2', co2Limit: 1000 },
  };
  return { doc: r.value, sceneId, rooms, temp, twins };
}

describe('evaluateElement', () => {
  it('colours, badges with aliases, floating labels and widgets', () => {
    const { doc, rooms, twins } = demo();
    const behaviors = doc.configuration.behaviors;
    const cool = evaluateElement(rooms[0], behaviors, (id) => twins[id]);
    expect(cool.colorings.map((c) => c.color)).toEqual(['#26C485']);
    expect(cool.badges).toEqual([]);
    expect(cool.labels.map((l) => l.text)).toEqual(['21.0 °C']);
    const hot = evaluateElement(rooms[1], behaviors, (id) => twins[id]);
    expect(hot.colorings.map((c) => [c.color, c.label])).toEqual([['#C32F27', 'Hot']]);
    expect(hot.badges.map((b) => [b.iconName, b.label])).toEqual([['Warning', 'CO2 1300 ppm']]);
    const w = evaluateWidgets(rooms[1], behaviors, (id) => twins[id]);
    expect(w.find((x) => x.id === 'g')).toMatchObject({ value: 27.5, color: '#C32F27', min: 0, max: 40 });
    expect(w.find((x) => x.id === 'l')?.url).toBe('https://example.com/Room-102');
    expect(w.find((x) => x.id === 'bad')?.url).toBeUndefined();
    const insp = inspectElement(rooms[1], behaviors, (id) => twins[id]);
    expect(insp.find((i) => i.ruleId === 'alarm')).toMatchObject({ value: true, matched: ['c-alarm'] });
  });
  it('reports missing twins and failing expressions instead of throwing', () => {
    const { doc, rooms } = demo();
    const s = evaluateElement(rooms[0], doc.configuration.behaviors, () => undefined);
    expect(s.missingTwins).toEqual(['Room-101', 'Floor-1']);
    expect(s.problems.length).toBeGreaterThan(0);
    expect(s.colorings).toEqual([]);
  });
});

describe('SceneRuntime', () => {
  it('re-evaluates only the elements bound to a changed twin, from ADT events', () => {
    const { doc, sceneId, rooms, twins } = demo();
    const rt = new SceneRuntime(doc.configuration, sceneId);
    expect(rt.twinIds().sort()).toEqual(['Floor-1', 'Floor-2', 'Room-101', 'Room-102', 'Room-201']);
    rt.setTwins(Object.values(twins));
    const seen: string[][] = [];
    rt.subscribe((ids) => seen.push(ids));
    const changed = rt.applyEvents([
      { type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'Room-101', data: { modelId: 'm', patch: [{ op: 'replace', path: '/temperature', value: 30 }] } },
      { type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'Unrelated', data: { patch: [{ op: 'replace', path: '/x', value: 1 }] } },
    ]);
    expect(changed).toEqual([rooms[0].id]);
    expect(seen).toEqual([[rooms[0].id]]);
    expect(rt.state(rooms[0].id)?.colorings.map((c) => c.color)).toEqual(['#C32F27']);
    // An alias twin fans out to every element on that floor; only Room-101's badge actually changes
    // (Room-102 was already above the limit).
    expect(rt.elementIdsForTwin('Floor-1').sort()).toEqual([rooms[0].id, rooms[1].id].sort());
    const floor = rt.applyEvents([{ type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'Floor-1', data: { patch: [{ op: 'replace', path: '/co2Limit', value: 450 }] } }]);
    expect(floor).toEqual([rooms[0].id]);
    expect(rt.state(rooms[0].id)?.badges.map((b) => b.label)).toEqual(['CO2 500 ppm']);
    // A change that does not change what is shown notifies nobody.
    expect(rt.applyEvents([{ type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'Room-201', data: { patch: [{ op: 'add', path: '/humidity', value: 40 }] } }])).toEqual([]);
    rt.applyEvents([{ type: 'Microsoft.DigitalTwins.Twin.Delete', subject: 'Room-201', data: {} }]);
    expect(rt.state(rooms[2].id)?.missingTwins).toEqual(['Room-201']);
  });
  it('filters behaviors by visible layers, with a default layer for the rest', () => {
    const { doc, sceneId, rooms, temp, twins } = demo();
    const { doc: layered, layerId } = upsertLayer(doc, { displayName: 'Comfort', behaviorIDs: [temp.id] });
    const hidden = new SceneRuntime(layered.configuration, sceneId, new Set([DEFAULT_LAYER_ID]));
    hidden.setTwins(Object.values(twins));
    expect(hidden.state(rooms[0].id)?.colorings).toEqual([]);
    const shown = new SceneRuntime(layered.configuration, sceneId, new Set([layerId]));
    shown.setTwins(Object.values(twins));
    expect(shown.state(rooms[0].id)?.colorings).toHaveLength(1);
    const noLayers = new SceneRuntime(doc.configuration, sceneId, new Set([DEFAULT_LAYER_ID]));
    noLayers.setTwins(Object.values(twins));
    expect(noLayers.state(rooms[0].id)?.colorings).toHaveLength(1);
  });
});

describe('applyJsonPatch', () => {
  it('adds, replaces and removes nested values without touching the input', () => {
    const t = { a: 1, comp: { x: 1 } };
    const r = applyJsonPatch(t, [{ op: 'replace', path: '/a', value: 2 }, { op: 'add', path: '/comp/y', value: 3 }, { op: 'remove', path: '/comp/x' }, { op: 'add', path: '/a~1b', value: 4 }]);
    expect(r).toEqual({ ok: true, doc: { a: 2, 'a/b': 4, comp: { y: 3 } } });
    expect(t).toEqual({ a: 1, comp: { x: 1 } });
    expect(applyJsonPatch(t, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]).ok).toBe(false);
  });
});
