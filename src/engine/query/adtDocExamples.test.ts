/**
 * The query samples of the ADT documentation (Azure-Samples/digital-twins-docs-code, queries/queries.sql, used by
 * how-to-query-graph and how-to-use-tags), pasted unchanged (placeholders filled in), over a small graph built for
 * them; expected rows written by hand.
 */
import { describe, expect, it } from 'vitest';
import { MemoryQuerySource } from './MemoryQuerySource.ts';
import type { Relationship, Twin } from '../types.ts';
import { ids, rows } from './testGraph.test-util.ts';

const twin = (id: string, model: string, props: Record<string, unknown> = {}): Twin => ({ $dtId: id, $etag: `W/"${id}"`, $metadata: { $model: model }, ...props });
const rel = (s: string, id: string, name: string, t: string, props: Record<string, unknown> = {}): Relationship => ({
  $relationshipId: id, $etag: `W/"${id}"`, $sourceId: s, $targetId: t, $relationshipName: name, ...props,
});

const source = new MemoryQuerySource({
  models: [
    { '@id': 'dtmi:example:thing;1' },
    { '@id': 'dtmi:example:special;1', extends: 'dtmi:example:thing;1' },
    { '@id': 'dtmi:sample:Room;1' },
    { '@id': 'dtmi:contoso:com:lightpanel;1' },
    { '@id': 'dtmi:contoso:com:lightbulb;1' },
    { '@id': 'dtmi:com:contoso:Room;1' },
  ],
  twins: [
    twin('123', 'dtmi:example:thing;1', { firmwareVersion: '1.1', Temperature: 70, Location: 'hall', tags: { red: true, size: 'small' } }),
    twin('456', 'dtmi:example:special;1', { firmwareVersion: '1.1', Temperature: 70, tags: { round: true, size: 'large' } }),
    twin('789', 'dtmi:example:thing;1', { firmwareVersion: '1.1', Temperature: 70, tags: { round: true, size: 'small' } }),
    twin('room1', 'dtmi:sample:Room;1', { Capacity: 30, Temperature: 76 }),
    twin('room2', 'dtmi:sample:Room;1', { Capacity: 12, Temperature: '74' }),
    twin('lp1', 'dtmi:contoso:com:lightpanel;1'),
    twin('lp2', 'dtmi:contoso:com:lightpanel;1'),
    twin('lb1', 'dtmi:contoso:com:lightbulb;1'),
    twin('lb2', 'dtmi:contoso:com:lightbulb;1'),
    twin('lb3', 'dtmi:contoso:com:lightbulb;1'),
    twin('ABC', 'dtmi:example:thing;1', { area: 500 }),
    twin('XYZ', 'dtmi:example:thing;1'),
    twin('c1', 'dtmi:example:thing;1', { name: 'Contoso' }),
    twin('c2', 'dtmi:example:thing;1', { name: { first: 'Fabrikam' } }),
    twin('s1', 'dtmi:example:thing;1'),
    twin('s2', 'dtmi:example:thing;1'),
    twin('floor1', 'dtmi:example:thing;1'),
    twin('floor2', 'dtmi:example:thing;1'),
    twin('r11', 'dtmi:com:contoso:Room;1', { Temperature: 73 }),
    twin('r12', 'dtmi:com:contoso:Room;1', { Temperature: 70 }),
    twin('r21', 'dtmi:com:contoso:Room;1', { Temperature: 80 }),
    twin('x21', 'dtmi:example:thing;1', { Temperature: 90 }),
  ],
  relationships: [
    rel('room1', 'a', 'contains', 'lp1'),
    rel('room2', 'b', 'contains', 'lp2'),
    rel('room1', 'c', 'contains', 'lb3'),
    rel('lp1', 'd', 'contains', 'lb1'),
    rel('lp1', 'e', 'contains', 'lb2'),
    rel('lp2', 'f', 'contains', 'lb3'),
    rel('ABC', 'g', 'contains', 'XYZ'),
    rel('ABC', 'h', 'servicedBy', 's1', { reportedCondition: 'clean' }),
    rel('ABC', 'i', 'servicedBy', 's2', { reportedCondition: 'dirty' }),
    rel('ABC', 'j', 'customer', 'c1', { prop1: 'p1', prop2: 2 }),
    rel('ABC', 'k', 'customer', 'c2', { prop1: 'q1' }),
    rel('floor1', 'l', 'contains', 'r11'),
    rel('floor1', 'm', 'contains', 'r12'),
    rel('floor2', 'n', 'contains', 'r21'),
    rel('floor2', 'o', 'contains', 'x21'),
  ],
});

const q = (text: string) => rows(source, text);
const docOf = (id: string) => source.twin(id);

describe('ADT documentation samples', () => {
  it('GetAllTwins', () => {
    expect(q('SELECT * FROM DIGITALTWINS')).toHaveLength(22);
  });

  it('QueryByProperty1..3 and the Map example', () => {
    expect(ids(q("SELECT  *\nFROM DigitalTwins T  \nWHERE T.firmwareVersion = '1.1'\nAND T.$dtId in ['123', '456']\nAND T.Temperature = 70"))).toEqual(['123', '456']);
    expect(ids(q('SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(Location)'))).toEqual(['123']);
    expect(ids(q('SELECT * FROM digitaltwins WHERE is_defined(tags.red)'))).toEqual(['123']);
    expect(ids(q('SELECT * FROM DIGITALTWINS T WHERE IS_NUMBER(T.Temperature)'))).toEqual(['123', '456', '789', 'r11', 'r12', 'r21', 'room1', 'x21']);
    expect(ids(q("SELECT * FROM DIGITALTWINS T WHERE T.tags.size = 'small'"))).toEqual(['123', '789']);
  });

  it('QueryByModel1..4', () => {
    expect(ids(q("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:thing;1')"))).toHaveLength(12);
    expect(ids(q("SELECT * FROM DIGITALTWINS DT WHERE IS_OF_MODEL(DT, 'dtmi:example:thing;1')"))).toContain('456');
    expect(ids(q("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:thing;1', exact)"))).not.toContain('456');
    // the doc's QueryByModel4 projects `ROOM`, which is no alias: it reads as the (absent) property ROOM -> empty rows
    expect(q("SELECT ROOM FROM DIGITALTWINS DT WHERE IS_OF_MODEL(DT, 'dtmi:example:thing;1', exact)")).toEqual(Array(11).fill({}));
  });

  it('QueryByRelationship1..3', () => {
    expect(q("SELECT T, CT\nFROM DIGITALTWINS T\nJOIN CT RELATED T.contains\nWHERE T.$dtId = 'ABC'")).toEqual([{ T: docOf('ABC'), CT: docOf('XYZ') }]);
    expect(q("SELECT T, SBT, R\nFROM DIGITALTWINS T\nJOIN SBT RELATED T.servicedBy R\nWHERE T.$dtId = 'ABC'\nAND R.reportedCondition = 'clean'")).toEqual([
      { T: docOf('ABC'), SBT: docOf('s1'), R: rel('ABC', 'h', 'servicedBy', 's1', { reportedCondition: 'clean' }) },
    ]);
    const bulbs = q(
      "SELECT LightBulb\nFROM DIGITALTWINS Room\nJOIN LightPanel RELATED Room.contains\nJOIN LightBulb RELATED LightPanel.contains\nWHERE IS_OF_MODEL(LightPanel, 'dtmi:contoso:com:lightpanel;1')\nAND IS_OF_MODEL(LightBulb, 'dtmi:contoso:com:lightbulb;1')\nAND Room.$dtId IN ['room1', 'room2']",
    );
    expect(bulbs.map((r) => (r as { LightBulb: Twin }).LightBulb.$dtId).sort()).toEqual(['lb1', 'lb2', 'lb3']);
  });

  it('SelectCount1..3 and SelectTop', () => {
    expect(q('SELECT COUNT()\nFROM DIGITALTWINS')).toEqual([{ COUNT: 22 }]);
    expect(q("SELECT COUNT()\nFROM DIGITALTWINS\nWHERE IS_OF_MODEL('dtmi:sample:Room;1')")).toEqual([{ COUNT: 2 }]);
    expect(q("SELECT COUNT()\nFROM DIGITALTWINS c\nWHERE IS_OF_MODEL('dtmi:sample:Room;1') AND c.Capacity > 20")).toEqual([{ COUNT: 1 }]);
    expect(q("SELECT COUNT()  \nFROM DIGITALTWINS Room  \nJOIN LightPanel RELATED Room.contains  \nJOIN LightBulb RELATED LightPanel.contains  \nWHERE IS_OF_MODEL(LightPanel, 'dtmi:contoso:com:lightpanel;1')  \nAND IS_OF_MODEL(LightBulb, 'dtmi:contoso:com:lightbulb;1')  \nAND Room.$dtId IN ['room1', 'room2']")).toEqual([{ COUNT: 3 }]);
    expect(q("SELECT TOP (5)\nFROM DIGITALTWINS\nWHERE IS_OF_MODEL('dtmi:example:thing;1')")).toHaveLength(5);
  });

  it('Projections1..5', () => {
    const base = "\nFROM DIGITALTWINS Factory\nJOIN Consumer RELATED Factory.customer Edge\nWHERE Factory.$dtId = 'ABC'";
    expect(q(`SELECT Consumer, Factory, Edge${base}`)).toEqual([
      { Consumer: docOf('c1'), Factory: docOf('ABC'), Edge: rel('ABC', 'j', 'customer', 'c1', { prop1: 'p1', prop2: 2 }) },
      { Consumer: docOf('c2'), Factory: docOf('ABC'), Edge: rel('ABC', 'k', 'customer', 'c2', { prop1: 'q1' }) },
    ]);
    expect(q(`SELECT Consumer.name${base}\nAND IS_PRIMITIVE(Consumer.name)`)).toEqual([{ name: 'Contoso' }]);
    expect(q(`SELECT Consumer.name, Edge.prop1, Edge.prop2, Factory.area${base}\nAND IS_PRIMITIVE(Factory.area) AND IS_PRIMITIVE(Consumer.name) AND IS_PRIMITIVE(Edge.prop1) AND IS_PRIMITIVE(Edge.prop2)`)).toEqual([
      { name: 'Contoso', prop1: 'p1', prop2: 2, area: 500 },
    ]);
    expect(q(`SELECT Consumer.name AS consumerName, Edge.prop1 AS first, Edge.prop2 AS second, Factory.area AS factoryArea${base}\nAND IS_PRIMITIVE(Factory.area) AND IS_PRIMITIVE(Consumer.name) AND IS_PRIMITIVE(Edge.prop1) AND IS_PRIMITIVE(Edge.prop2)`)).toEqual([
      { consumerName: 'Contoso', first: 'p1', second: 2, factoryArea: 500 },
    ]);
    expect(q(`SELECT Consumer.name AS consumerName, Factory${base}\nAND IS_PRIMITIVE(Factory.area) AND IS_PRIMITIVE(Consumer.name)`)).toEqual([{ consumerName: 'Contoso', Factory: docOf('ABC') }]);
  });

  it('INOperatorWith (with a space after the dot, as in the docs)', () => {
    const r = q("SELECT Room\nFROM DIGITALTWINS Floor\nJOIN Room RELATED Floor.contains\nWHERE Floor.$dtId IN ['floor1','floor2']\nAND Room. Temperature > 72\nAND IS_OF_MODEL(Room, 'dtmi:com:contoso:Room;1')");
    expect(r.map((x) => (x as { Room: Twin }).Room.$dtId).sort()).toEqual(['r11', 'r21']);
  });

  it('marker and value tags (how-to-use-tags)', () => {
    expect(ids(q('SELECT * FROM digitaltwins WHERE NOT is_defined(tags.red) AND is_defined(tags.round)'))).toEqual(['456', '789']);
    expect(ids(q("SELECT * FROM digitaltwins WHERE NOT is_defined(tags.red) AND tags.size = 'small'"))).toEqual(['789']);
  });

  it('TemperatureQuery: a string "74" is not > 75 nor excluded by type errors elsewhere', () => {
    expect(ids(q('SELECT * FROM DigitalTwins T WHERE T.Temperature > 75'))).toEqual(['r21', 'room1', 'x21']);
  });
});

describe('ADT documentation MATCH samples (reference-query-clause-match)', () => {
  const g = new MemoryQuerySource({
    twins: [
      twin('Building21', 'dtmi:x:Building;1'),
      twin('floor-1', 'dtmi:x:Floor;1'),
      twin('thermostat-15', 'dtmi:x:Floor;1'),
      twin('room-1', 'dtmi:x:Room;1', { temperature: 55, humidity: 75 }),
      twin('room-2', 'dtmi:x:Room;1', { temperature: 45, humidity: 80 }),
      twin('sensor-1', 'dtmi:x:Sensor;1', { temperature: 60 }),
      twin('ABC', 'dtmi:x:Factory;1'),
    ],
    relationships: [
      rel('Building21', 'b1', 'contains', 'floor-1'),
      rel('Building21', 'b2', 'isAssociatedWith', 'sensor-1'),
      rel('floor-1', 'f1', 'contains', 'room-1'),
      rel('room-1', 'r1', 'contains', 'sensor-1'),
      rel('room-1', 'x1', 'suppliedBy', 'ABC'),
      rel('ABC', 'x2', 'supplies', 'room-2'),
      rel('thermostat-15', 't1', 'contains', 'room-2', { length: 10 }),
      rel('thermostat-15', 't2', 'isAssociatedWith', 'room-1', { length: 12 }),
    ],
  });
  const m = (text: string) => rows(g, text).map((r) => Object.fromEntries(Object.entries(r as Record<string, Twin>).map(([k, v]) => [k, v.$dtId ?? v.$relationshipId])));

  it('MatchExample, and a MATCH with a single node', () => {
    expect(m("SELECT Building, Sensor FROM DIGITALTWINS \nMATCH (Building)-[]->(Sensor) \nWHERE Building.$dtId = 'Building21' AND Sensor.temperature > 50   ")).toEqual([{ Building: 'Building21', Sensor: 'sensor-1' }]);
    expect(m("SELECT T FROM DIGITALTWINS MATCH (T) WHERE T.$dtId = 'ABC'")).toEqual([{ T: 'ABC' }]);
  });

  it('directions: left-to-right, right-to-left, non-directional', () => {
    expect(m("SELECT Room, Factory FROM DIGITALTWINS MATCH (Room)-[]->(Factory) \nWHERE Room.temperature > 50 AND Factory.$dtId = 'ABC'  ")).toEqual([{ Room: 'room-1', Factory: 'ABC' }]);
    expect(m("SELECT Room, Factory FROM DIGITALTWINS MATCH (Room)<-[]-(Factory) \nWHERE Factory.$dtId = 'ABC' AND Room.temperature > 40 ")).toEqual([{ Room: 'room-2', Factory: 'ABC' }]);
    expect(m("SELECT Factory, Room FROM DIGITALTWINS MATCH (Factory)-[]-(Room) \nWHERE Factory.$dtId ='ABC'  AND Room.humidity > 70 ").map((r) => r.Room).sort()).toEqual(['room-1', 'room-2']);
  });

  it('relationship names', () => {
    expect(m("SELECT Building, Sensor FROM DIGITALTWINS   \nMATCH (Building)-[:contains]-(Sensor)  \nWHERE Building.$dtId = 'Building21'")).toEqual([{ Building: 'Building21', Sensor: 'floor-1' }]);
    expect(m("SELECT Building, Sensor FROM DIGITALTWINS   \nMATCH (Building)-[:contains|isAssociatedWith]-(Sensor)  \nWHERE Building.$dtId = 'Building21'").map((r) => r.Sensor).sort()).toEqual(['floor-1', 'sensor-1']);
  });

  it('hops (projecting the nodes: SELECT * with MATCH is refused, see parseQuery tests)', () => {
    expect(m("SELECT Room FROM DIGITALTWINS \nMATCH (Floor)-[*3]-(Room)\nWHERE Floor.$dtId = 'thermostat-15'").map((r) => r.Room).sort()).toEqual(['Building21', 'room-1', 'room-2']);
    // *1..3: 2 or 3 hops (documented exclusive start)
    expect(m("SELECT Room FROM DIGITALTWINS \nMATCH (Floor)-[*1..3]-(Room)\nWHERE Floor.$dtId = 'thermostat-15'").map((r) => r.Room).sort()).toEqual(['ABC', 'Building21', 'floor-1', 'room-1', 'room-2', 'sensor-1']);
    expect(m("SELECT Room FROM DIGITALTWINS \nMATCH (Floor)-[*..2]-(Room)\nWHERE Floor.$dtId = 'thermostat-15'").map((r) => r.Room).sort()).toEqual(['ABC', 'floor-1', 'room-1', 'room-2', 'sensor-1']);
    expect(m("SELECT Room FROM DIGITALTWINS  \nMATCH (Floor)-[]-(Room)\nWHERE Floor.$dtId = 'thermostat-15'").map((r) => r.Room).sort()).toEqual(['room-1', 'room-2']);
  });

  it('relationship variables, also in chains', () => {
    expect(m("SELECT Floor, Room FROM DIGITALTWINS    \nMATCH (Floor)-[r:contains|isAssociatedWith]->(Room) \nWHERE Floor.$dtId = 'thermostat-15' AND r.length = 10")).toEqual([{ Floor: 'thermostat-15', Room: 'room-2' }]);
    expect(m("SELECT Floor, Room, Building FROM DIGITALTWINS    \nMATCH (Building)-[r1:isAssociatedWith]->(Floor)<-[r2:contains]-(Room)\nWHERE Building.$dtId = 'Building21'  AND Room.temperature > 50")).toEqual([{ Floor: 'sensor-1', Room: 'room-1', Building: 'Building21' }]);
  });
});
