/**
 * Every construct of the language against the fixtures/query/building.json graph, with expected rows written
 * by hand from the ADT documentation (reference-query-*, how-to-query-graph).
 */
import { describe, expect, it } from 'vitest';
import { executeQuery } from './executeQuery.ts';
import { buildingSource, ids, rows } from './testGraph.test-util.ts';

const src = buildingSource();
const q = (text: string) => rows(src, text);
const twinIds = (text: string) => ids(q(text));

describe('SELECT / FROM shapes', () => {
  it('SELECT * FROM DIGITALTWINS returns the twin documents unwrapped', () => {
    const all = q('SELECT * FROM DIGITALTWINS');
    expect(ids(all)).toEqual(['B1', 'F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'S1', 'S2']);
    expect(all.find((t) => (t as { $dtId: string }).$dtId === 'R1')).toEqual({
      $dtId: 'R1', $etag: 'W/"etag-R1"', $metadata: { $model: 'dtmi:example:Room;1' }, name: 'Room 1', temperature: 21, Group: 'BravoTeam',
    });
  });

  it('keywords are case-insensitive; SELECT * with an alias still unwraps', () => {
    expect(twinIds("select * from digitaltwins T where T.$dtId = 'F1'")).toEqual(['F1']);
    expect(q("SeLeCt * FrOm DiGiTaLtWiNs WhErE $dtId = 'F1'")).toHaveLength(1);
  });

  it('names and values are case-sensitive', () => {
    expect(q("SELECT * FROM DIGITALTWINS WHERE $dtId = 'f1'")).toEqual([]);
    expect(q("SELECT * FROM DIGITALTWINS WHERE Name = 'Floor 1'")).toEqual([]);
  });

  it('FROM RELATIONSHIPS returns relationship documents', () => {
    const r = q("SELECT * FROM RELATIONSHIPS WHERE $sourceId = 'B1'");
    expect(r.map((x) => (x as { $relationshipId: string }).$relationshipId).sort()).toEqual(['B1-F1', 'B1-F2']);
    expect(q("SELECT * FROM RELATIONSHIPS R WHERE R.$targetId = 'R1'")).toHaveLength(2);
    expect(q("SELECT * FROM RELATIONSHIPS WHERE $relationshipName = 'hasSensor' AND reportedCondition = 'dirty'")).toEqual([
      { $relationshipId: 'R2-S2', $etag: 'W/"etag-R2-S2"', $sourceId: 'R2', $targetId: 'S2', $relationshipName: 'hasSensor', reportedCondition: 'dirty' },
    ]);
    expect(q('SELECT * FROM RELATIONSHIPS')).toHaveLength(9);
  });

  it('projects collections as {alias: doc} and properties by their last name', () => {
    expect(q("SELECT T FROM DIGITALTWINS T WHERE T.$dtId = 'F2'")).toEqual([
      { T: { $dtId: 'F2', $etag: 'W/"etag-F2"', $metadata: { $model: 'dtmi:example:Floor;1' }, name: 'Floor 2', level: 2 } },
    ]);
    expect(q("SELECT T.name, T.level FROM DIGITALTWINS T WHERE T.$dtId = 'F2'")).toEqual([{ name: 'Floor 2', level: 2 }]);
    expect(q("SELECT name FROM DIGITALTWINS WHERE $dtId = 'F2'")).toEqual([{ name: 'Floor 2' }]);
    expect(q("SELECT T.$dtId, T.$metadata.$model FROM DIGITALTWINS T WHERE T.$dtId = 'F2'")).toEqual([{ $dtId: 'F2', $model: 'dtmi:example:Floor;1' }]);
  });

  it('AS renames; a missing projected property is omitted from the row, the row stays', () => {
    expect(q("SELECT T.$dtId AS id, T.capacity AS cap FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:example:Room;1')").sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1))).toEqual([
      { id: 'R1' }, { id: 'R2' }, { id: 'R3', cap: 12 }, { id: 'R4' },
    ]);
  });

  it('projects maps, components and escaped names by path', () => {
    expect(q("SELECT T.tags.size, T.tags.[[1st]] AS first FROM DIGITALTWINS T WHERE T.$dtId = 'B1'")).toEqual([{ size: 'small', first: 'first' }]);
    expect(q("SELECT T.thermostat.setPoint FROM DIGITALTWINS T WHERE T.$dtId = 'R3'")).toEqual([{ setPoint: 22 }]);
    expect(q("SELECT T.thermostat FROM DIGITALTWINS T WHERE T.$dtId = 'R3'")).toEqual([{ thermostat: { setPoint: 22, $metadata: {} } }]);
  });

  it('COUNT() returns one row {"COUNT": n}', () => {
    expect(q('SELECT COUNT() FROM DIGITALTWINS')).toEqual([{ COUNT: 9 }]);
    expect(q("SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Space;1')")).toEqual([{ COUNT: 7 }]);
    expect(q('SELECT COUNT() FROM DIGITALTWINS WHERE temperature > 20')).toEqual([{ COUNT: 3 }]);
    expect(q('SELECT COUNT() FROM RELATIONSHIPS')).toEqual([{ COUNT: 9 }]);
    expect(q("SELECT COUNT() FROM DIGITALTWINS B JOIN F RELATED B.contains WHERE B.$dtId = 'B1'")).toEqual([{ COUNT: 2 }]);
    expect(q("SELECT COUNT() FROM DIGITALTWINS WHERE $dtId = 'nope'")).toEqual([{ COUNT: 0 }]);
  });

  it('TOP(n) limits the rows; without projections it returns whole documents', () => {
    const top = q('SELECT TOP(3) FROM DIGITALTWINS');
    expect(top).toHaveLength(3);
    expect(top[0]).toHaveProperty('$dtId');
    expect(q('SELECT TOP(2) T.$dtId FROM DIGITALTWINS T')).toHaveLength(2);
    expect(q('SELECT TOP(50) * FROM DIGITALTWINS')).toHaveLength(9);
    expect(rows(src, 'SELECT TOP(5) FROM DIGITALTWINS', { pageSize: 2 })).toHaveLength(5);
  });
});

describe('WHERE', () => {
  it('comparison operators on numbers and strings', () => {
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature = 21')).toEqual(['R1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature != 21')).toEqual(['R2', 'R3', 'S1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature > 20.5')).toEqual(['R1', 'R2']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature >= 20.5')).toEqual(['R1', 'R2', 'S1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature < 20')).toEqual(['R3']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature <= 19')).toEqual(['R3']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE name < 'D'")).toEqual(['B1', 'R3']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE level > -1 AND level < 1.5')).toEqual(['F1']);
  });

  it('cross-type comparisons and missing properties exclude the row, also under NOT', () => {
    // R4 has temperature "warm" (a string) and no level; both sides of NOT exclude it.
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE temperature > 0')).toEqual(['R1', 'R2', 'R3', 'S1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE NOT temperature > 0')).toEqual([]);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE temperature = '21'")).toEqual([]);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE NOT (level = 1)')).toEqual(['F2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE temperature = 'warm'")).toEqual(['R4']);
  });

  it('null compares only with null; IS_NULL', () => {
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE name = null')).toEqual(['R4']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_NULL(name)')).toEqual(['R4']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE name != 'Room 1' AND IS_OF_MODEL('dtmi:example:Room;1')")).toEqual(['R2', 'R3']);
  });

  it('booleans compare with = and != only', () => {
    const s = buildingSource();
    s.upsertTwin({ $dtId: 'X', $etag: 'W/"x"', $metadata: { $model: 'dtmi:example:Sensor;1' }, on: true });
    expect(ids(rows(s, 'SELECT * FROM DIGITALTWINS WHERE on = true'))).toEqual(['X']);
    expect(ids(rows(s, 'SELECT * FROM DIGITALTWINS WHERE on != false'))).toEqual(['X']);
    expect(ids(rows(s, 'SELECT * FROM DIGITALTWINS WHERE on > false'))).toEqual([]);
  });

  it('AND / OR / NOT with parentheses and precedence (AND binds tighter)', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE $dtId = 'F1' OR $dtId = 'F2' AND level = 1")).toEqual(['F1']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE ($dtId = 'F1' OR $dtId = 'F2') AND level = 2")).toEqual(['F2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE NOT IS_OF_MODEL('dtmi:example:Space;1')")).toEqual(['S1', 'S2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE NOT NOT $dtId = 'S2'")).toEqual(['S2']);
  });

  it('IN / NIN / NOT IN lists', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE $dtId IN ['R1', 'R3', 'nope']")).toEqual(['R1', 'R3']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE level IN [2, 3]')).toEqual(['F2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE status NIN ['off']")).toEqual(['S1']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE status NOT IN ['operating']")).toEqual(['S2']);
    // NIN on a missing property is undefined: excluded.
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE level NIN [1]")).toEqual(['F2']);
  });

  it('escaped reserved words and single-quote escapes', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE [[Group]] = 'BravoTeam'")).toEqual(['R1']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE name = 'D\\'Souza room'")).toEqual(['R2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS T WHERE T.tags.[[1st]] = 'first'")).toEqual(['B1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE name = "Floor 1"')).toEqual(['F1']);
  });

  it('$-fields: $dtId, $etag, $metadata.$model (exact equality, no inheritance)', () => {
    expect(twinIds(`SELECT * FROM DIGITALTWINS WHERE $etag = 'W/"etag-S2"'`)).toEqual(['S2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS T WHERE T.$metadata.$model = 'dtmi:example:Room;1'")).toEqual(['R1', 'R4']);
  });

  it('maps and components by path', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE tags.size = 'small'")).toEqual(['B1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(tags.red)')).toEqual(['B1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE thermostat.setPoint > 20')).toEqual(['R3']);
  });
});

describe('more shapes', () => {
  it('compares two paths (same row)', () => {
    expect(twinIds('SELECT * FROM DIGITALTWINS T WHERE T.thermostat.setPoint > T.temperature')).toEqual(['R3']);
    expect(q("SELECT A.$dtId AS a FROM DIGITALTWINS A JOIN B RELATED A.contains WHERE A.$dtId = 'F1' AND B.temperature > A.level")).toEqual([{ a: 'F1' }, { a: 'F1' }]);
  });

  it('TOP with JOIN and MATCH projections; IS_OF_MODEL(alias, model, exact)', () => {
    expect(q("SELECT TOP(1) R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'F1'")).toHaveLength(1);
    expect(q("SELECT TOP(3) x.$dtId AS x FROM DIGITALTWINS MATCH (b)-[*..3]->(x) WHERE b.$dtId = 'B1'")).toHaveLength(3);
    expect(q("SELECT R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'F2' AND IS_OF_MODEL(R, 'dtmi:example:Room;1', exact)")).toEqual([{ r: 'R4' }]);
  });

  it('a relationship alias can be projected alone; relationship $-fields by path', () => {
    expect(q("SELECT Rel.$relationshipId AS id, Rel.$targetId FROM DIGITALTWINS T JOIN S RELATED T.hasSensor Rel WHERE T.$dtId = 'R2'")).toEqual([{ id: 'R2-S2', $targetId: 'S2' }]);
    expect(q("SELECT R.$relationshipName FROM RELATIONSHIPS R WHERE R.$sourceId = 'S1'")).toEqual([{ $relationshipName: 'isLocatedIn' }]);
  });

  it('$metadata paths, metadata of properties', () => {
    const s = buildingSource();
    s.upsertTwin({ $dtId: 'M1', $etag: 'W/"m"', $metadata: { $model: 'dtmi:example:Sensor;1', status: { lastUpdateTime: '2024-01-01T00:00:00Z' } }, status: 'ok' });
    expect(rows(s, "SELECT T.$metadata.status.lastUpdateTime AS t FROM DIGITALTWINS T WHERE T.$metadata.status.lastUpdateTime >= '2024-01-01'")).toEqual([{ t: '2024-01-01T00:00:00Z' }]);
  });
});

describe('functions', () => {
  it('IS_OF_MODEL: inheritance, exact, alias, version-aware', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1')")).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;2')")).toEqual(['R2', 'R3']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1', exact)")).toEqual(['R1', 'R4']);
    expect(twinIds("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:example:Sensor;1')")).toEqual(['S1', 'S2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;3')")).toEqual([]);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Space;1') AND temperature >= 21")).toEqual(['R1', 'R2']);
  });

  it('type checks', () => {
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_DEFINED(capacity)')).toEqual(['R3']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE NOT IS_DEFINED(name)')).toEqual(['S1', 'S2']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_NUMBER(temperature)')).toEqual(['R1', 'R2', 'R3', 'S1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_STRING(temperature)')).toEqual(['R4']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_OBJECT(tags)')).toEqual(['B1']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_OBJECT(modes)')).toEqual([]);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_PRIMITIVE(name)')).toEqual(['B1', 'F1', 'F2', 'R1', 'R2', 'R3', 'R4']);
    expect(twinIds('SELECT * FROM DIGITALTWINS WHERE IS_BOOL(name)')).toEqual([]);
  });

  it('STARTSWITH / ENDSWITH / CONTAINS (and STARTS_WITH / ENDS_WITH), case-sensitive', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'R')")).toEqual(['R1', 'R2', 'R3', 'R4']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE STARTS_WITH(name, 'Floor')")).toEqual(['F1', 'F2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE ENDSWITH(name, 'room')")).toEqual(['R2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE ENDS_WITH(name, ' 2')")).toEqual(['F2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE CONTAINS(name, 'oo')")).toEqual(['F1', 'F2', 'R1', 'R2']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE CONTAINS(name, 'OO')")).toEqual([]);
    // not a string (missing or null): undefined, so NOT does not select it either
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE NOT STARTSWITH(name, 'R')")).toEqual(['B1', 'F1', 'F2', 'R2', 'R3']);
  });

  it('ARRAY_CONTAINS', () => {
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE ARRAY_CONTAINS(modes, 'cool')")).toEqual(['S1']);
    expect(twinIds("SELECT * FROM DIGITALTWINS WHERE NOT ARRAY_CONTAINS(modes, 'cool')")).toEqual(['S2']);
  });
});

describe('JOIN', () => {
  it('one JOIN: rows keyed by alias; inner join drops twins without the relationship', () => {
    expect(q("SELECT F.$dtId AS f, R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'F1'")).toEqual([
      { f: 'F1', r: 'R1' }, { f: 'F1', r: 'R2' },
    ]);
    expect(q("SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'S1'")).toEqual([]);
  });

  it('relationship alias: filter and project relationship properties', () => {
    const r = q("SELECT T, SBT, Rel FROM DIGITALTWINS T JOIN SBT RELATED T.hasSensor Rel WHERE T.$dtId IN ['R1', 'R2'] AND Rel.reportedCondition = 'clean'");
    expect(r).toHaveLength(1);
    const row = r[0] as Record<string, { $dtId?: string; $relationshipId?: string }>;
    expect(Object.keys(row)).toEqual(['T', 'SBT', 'Rel']);
    expect([row.T.$dtId, row.SBT.$dtId, row.Rel.$relationshipId]).toEqual(['R1', 'S1', 'R1-S1']);
  });

  it('chained JOINs; $dtId filter on the target side starts from there', () => {
    expect(q("SELECT B.$dtId AS b, F.$dtId AS f, R.$dtId AS r FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE R.$dtId = 'R3'")).toEqual([
      { b: 'B1', f: 'F2', r: 'R3' },
    ]);
    const four = q(
      "SELECT B.$dtId AS b, S.$dtId AS s, X.$dtId AS x FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains JOIN S RELATED R.hasSensor JOIN X RELATED S.isLocatedIn WHERE B.$dtId = 'B1'",
    );
    expect(four).toEqual([{ b: 'B1', s: 'S1', x: 'R1' }]);
  });

  it('JOIN with IS_OF_MODEL needs the alias and filters each side', () => {
    expect(q("SELECT R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId IN ['F1','F2'] AND IS_OF_MODEL(R, 'dtmi:example:Room;2')").map((x) => (x as { r: string }).r).sort()).toEqual(['R2', 'R3']);
  });
});

describe('MATCH', () => {
  const pairs = (text: string, a: string, b: string) =>
    q(text).map((r) => `${(r as Record<string, { $dtId: string }>)[a].$dtId}>${(r as Record<string, { $dtId: string }>)[b].$dtId}`).sort();

  it('directed, reversed and undirected single hops', () => {
    expect(pairs("SELECT f, r FROM DIGITALTWINS MATCH (f)-[:contains]->(r) WHERE f.$dtId = 'F1'", 'f', 'r')).toEqual(['F1>R1', 'F1>R2']);
    expect(pairs("SELECT f, b FROM DIGITALTWINS MATCH (f)<-[:contains]-(b) WHERE f.$dtId = 'F2'", 'f', 'b')).toEqual(['F2>B1']);
    expect(pairs("SELECT s, x FROM DIGITALTWINS MATCH (s)-[]-(x) WHERE s.$dtId = 'S1'", 's', 'x')).toEqual(['S1>R1', 'S1>R1']);
    expect(pairs("SELECT s, x FROM DIGITALTWINS MATCH (s)-[:isAssociatedWith|hasSensor]-(x) WHERE s.$dtId = 'S1'", 's', 'x')).toEqual(['S1>R1']);
  });

  it('any relationship name by default; name alternatives', () => {
    expect(pairs("SELECT r, x FROM DIGITALTWINS MATCH (r)-[]->(x) WHERE r.$dtId = 'R1'", 'r', 'x')).toEqual(['R1>S1']);
    expect(pairs("SELECT a, x FROM DIGITALTWINS MATCH (a)-[:contains|hasSensor]->(x) WHERE a.$dtId IN ['R2', 'F2']", 'a', 'x')).toEqual(['F2>R3', 'F2>R4', 'R2>S2']);
  });

  it('relationship variable on a single hop', () => {
    const r = q("SELECT room, rel FROM DIGITALTWINS MATCH (room)-[rel:hasSensor]->(sensor) WHERE room.$dtId = 'R2' AND rel.reportedCondition = 'dirty'");
    expect(r).toHaveLength(1);
    expect((r[0] as { rel: { $relationshipId: string } }).rel.$relationshipId).toBe('R2-S2');
  });

  it('hop counts: *n exact, *..n, *m..n with the documented exclusive lower bound', () => {
    expect(pairs("SELECT b, x FROM DIGITALTWINS MATCH (b)-[*2]->(x) WHERE b.$dtId = 'B1'", 'b', 'x')).toEqual(['B1>R1', 'B1>R2', 'B1>R3', 'B1>R4']);
    expect(pairs("SELECT b, x FROM DIGITALTWINS MATCH (b)-[*..2]->(x) WHERE b.$dtId = 'B1'", 'b', 'x')).toEqual(['B1>F1', 'B1>F2', 'B1>R1', 'B1>R2', 'B1>R3', 'B1>R4']);
    // *1..3 = 2 or 3 hops (doc: start exclusive, end inclusive)
    expect(pairs("SELECT b, x FROM DIGITALTWINS MATCH (b)-[:contains|hasSensor*1..3]->(x) WHERE b.$dtId = 'B1'", 'b', 'x')).toEqual(['B1>R1', 'B1>R2', 'B1>R3', 'B1>R4', 'B1>S1', 'B1>S2']);
    expect(pairs("SELECT s, b FROM DIGITALTWINS MATCH (s)<-[*..3]-(b) WHERE s.$dtId = 'S2' AND IS_OF_MODEL(b, 'dtmi:example:Building;1')", 's', 'b')).toEqual(['S2>B1']);
  });

  it('chains of several hops; filters on any node', () => {
    const r = q("SELECT b.$dtId AS b, r.$dtId AS r FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE b.$dtId = 'B1' AND r.temperature > 20");
    expect(r).toEqual([{ b: 'B1', r: 'R1' }, { b: 'B1', r: 'R2' }]);
    expect(q("SELECT f.$dtId AS f FROM DIGITALTWINS MATCH (b)-[:contains]->(f)-[:contains]->(r) WHERE r.$dtId = 'R4'")).toEqual([{ f: 'F2' }]);
  });

  it('anonymous nodes', () => {
    expect(q("SELECT x.$dtId AS x FROM DIGITALTWINS MATCH (b)-[:contains]->()-[:contains]->(x) WHERE b.$dtId = 'B1' AND x.temperature = 19")).toEqual([{ x: 'R3' }]);
  });
});

describe('paging', () => {
  it('pages of the requested size; last page has continuationToken null; tokens are opaque strings', () => {
    const p1 = executeQuery('SELECT * FROM DIGITALTWINS', src, { pageSize: 4 });
    if (!p1.ok) return expect.fail(p1.error.message);
    expect(p1.value.value).toHaveLength(4);
    expect(typeof p1.value.continuationToken).toBe('string');
    const p2 = executeQuery('ignored when a token is given', src, { pageSize: 4, continuationToken: p1.value.continuationToken });
    if (!p2.ok) return expect.fail(p2.error.message);
    expect(p2.value.value).toHaveLength(4);
    const p3 = executeQuery('', src, { pageSize: 4, continuationToken: p2.value.continuationToken });
    if (!p3.ok) return expect.fail(p3.error.message);
    expect(p3.value.value).toHaveLength(1);
    expect(p3.value.continuationToken).toBeNull();
    expect(ids([...p1.value.value, ...p2.value.value, ...p3.value.value])).toEqual(ids(q('SELECT * FROM DIGITALTWINS')));
  });

  it('an exact multiple of the page size ends with null, not with an empty page', () => {
    const p = executeQuery("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1')", src, { pageSize: 2 });
    if (!p.ok) return expect.fail(p.error.message);
    const p2 = executeQuery('', src, { pageSize: 2, continuationToken: p.value.continuationToken });
    expect(p2.ok && p2.value.value.length === 2 && p2.value.continuationToken === null).toBe(true);
  });

  it('a token survives eviction of its cursor (re-run and skip) with identical results', () => {
    const s = buildingSource();
    const first = executeQuery('SELECT T.$dtId FROM DIGITALTWINS T', s, { pageSize: 3 });
    if (!first.ok) return expect.fail(first.error.message);
    const token = first.value.continuationToken as string;
    for (let i = 0; i < 70; i++) executeQuery('SELECT T.$dtId FROM DIGITALTWINS T', s, { pageSize: 1 }); // evicts the cursor
    const rest = rows(s, '', { pageSize: 3, continuationToken: token });
    expect([...first.value.value, ...rest]).toEqual(rows(s, 'SELECT T.$dtId FROM DIGITALTWINS T'));
  });

  it('a live cursor neither repeats nor skips rows when the graph changes between pages', () => {
    const s = buildingSource();
    const first = executeQuery('SELECT T.$dtId FROM DIGITALTWINS T', s, { pageSize: 4 });
    if (!first.ok) return expect.fail(first.error.message);
    s.upsertTwin({ $dtId: 'Z9', $etag: 'W/"z"', $metadata: { $model: 'dtmi:example:Sensor;1' } });
    const rest = rows(s, '', { pageSize: 4, continuationToken: first.value.continuationToken });
    const all = [...first.value.value, ...rest].map((r) => (r as { $dtId: string }).$dtId);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 9).sort()).toEqual(['B1', 'F1', 'F2', 'R1', 'R2', 'R3', 'R4', 'S1', 'S2']);
  });

  it('rejects a damaged token and invalid page sizes with BadRequest', () => {
    const bad = executeQuery('SELECT * FROM DIGITALTWINS', src, { continuationToken: 'not-a-token' });
    expect(bad.ok ? null : bad.error.code).toBe('BadRequest');
    const zero = executeQuery('SELECT * FROM DIGITALTWINS', src, { pageSize: 0 });
    expect(zero.ok ? null : zero.error.code).toBe('BadRequest');
    const big = executeQuery('SELECT * FROM DIGITALTWINS', src, { pageSize: 5000 });
    expect(big.ok && big.value.value.length).toBe(9);
  });

  it('stops at the time limit with TimeoutError', () => {
    const s = buildingSource();
    for (let i = 0; i < 3000; i++) s.upsertTwin({ $dtId: `T${i}`, $etag: 'W/"t"', $metadata: { $model: 'dtmi:example:Sensor;1' } });
    const r = executeQuery('SELECT COUNT() FROM DIGITALTWINS A JOIN B RELATED A.contains WHERE A.level > 0 OR NOT A.level > 0 OR IS_DEFINED(A.x) OR NOT IS_DEFINED(A.x)', s, { limits: { timeoutMs: -1 } });
    expect(r.ok ? null : r.error.code).toBe('TimeoutError');
  });
});
