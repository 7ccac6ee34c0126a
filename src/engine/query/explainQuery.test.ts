/**
 * Plans: the access path and walk order the planner picks, and lazily built property indexes.
 */
import { describe, expect, it } from 'vitest';
import { executeQuery } from './executeQuery.ts';
import { explainQuery, type QueryExplanation } from './explainQuery.ts';
import { MemoryQuerySource } from './MemoryQuerySource.ts';
import type { QuerySource } from './QuerySource.ts';
import { buildingSource, ids, rows } from './testGraph.test-util.ts';

function plan(text: string, source: QuerySource = buildingSource()): QueryExplanation {
  const r = explainQuery(text, source);
  if (!r.ok) return expect.fail(r.error.message);
  return r.value;
}

describe('explainQuery', () => {
  it('id lookups for $dtId = and IN and OR of ids', () => {
    expect(plan("SELECT * FROM DIGITALTWINS WHERE $dtId = 'R1'").start).toMatchObject({ access: { kind: 'twinById', ids: ['R1'] }, estimatedRows: 1, answers: ["$dtId = 'R1'"] });
    expect(plan("SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN ['R1', 'R2'] AND T.temperature > 3")).toMatchObject({
      start: { access: { kind: 'twinById', ids: ['R1', 'R2'] } },
      filters: ['T.temperature > 3'],
    });
    expect(plan("SELECT * FROM DIGITALTWINS WHERE $dtId = 'a' OR $dtId = 'b'").start.access).toEqual({ kind: 'twinById', ids: ['a', 'b'] });
  });

  it('model index for IS_OF_MODEL, scan otherwise', () => {
    expect(plan("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1') AND temperature > 20")).toMatchObject({
      start: { access: { kind: 'twinsOfModel', model: 'dtmi:example:Room;1', exact: false } },
      filters: ['temperature > 20'],
    });
    expect(plan('SELECT * FROM DIGITALTWINS WHERE temperature > 20').start.access).toEqual({ kind: 'twinScan' });
  });

  it('adjacency for FROM RELATIONSHIPS filtered by source or target (with the name)', () => {
    expect(plan("SELECT * FROM RELATIONSHIPS WHERE $sourceId = 'B1' AND $relationshipName = 'contains'").start.access).toEqual({ kind: 'relOutgoing', twinIds: ['B1'], name: 'contains' });
    expect(plan("SELECT * FROM RELATIONSHIPS R WHERE R.$targetId = 'R1'").start.access).toEqual({ kind: 'relIncoming', twinIds: ['R1'] });
  });

  it('JOINs start at the twin with the $dtId filter and walk the pattern from there', () => {
    const p = plan("SELECT B, F, R FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE R.$dtId = 'R3' AND F.level = 2");
    expect(p.start).toMatchObject({ alias: 'R', access: { kind: 'twinById', ids: ['R3'] } });
    expect(p.steps).toEqual([
      { from: 'R', to: 'F', direction: 'in', relationships: ['contains'], hops: [1, 1], filters: ['F.level = 2'] },
      { from: 'F', to: 'B', direction: 'in', relationships: ['contains'], hops: [1, 1], filters: [] },
    ]);
  });

  it('MATCH hop bounds are shown after the lower-bound rule', () => {
    const p = plan("SELECT a, b FROM DIGITALTWINS MATCH (a)-[:contains*1..3]->(b) WHERE a.$dtId = 'B1'");
    expect(p.steps[0]).toMatchObject({ from: 'a', to: 'b', direction: 'out', hops: [2, 3] });
  });

  it('builds a property index on demand (scan alternative) and uses it; the index follows source changes', () => {
    const s = buildingSource();
    expect(plan("SELECT * FROM DIGITALTWINS WHERE name = 'Floor 1'", s).start).toMatchObject({ access: { kind: 'propertyIndex', path: ['name'], values: ['Floor 1'] }, estimatedRows: 1.5 });
    expect(ids(rows(s, "SELECT * FROM DIGITALTWINS WHERE name = 'Floor 1'"))).toEqual(['F1']);
    s.upsertTwin({ $dtId: 'F9', $etag: 'W/"f9"', $metadata: { $model: 'dtmi:example:Floor;1' }, name: 'Floor 1' });
    expect(ids(rows(s, "SELECT * FROM DIGITALTWINS WHERE name = 'Floor 1'"))).toEqual(['F1', 'F9']);
    s.deleteTwin('F1');
    expect(ids(rows(s, "SELECT * FROM DIGITALTWINS WHERE name = 'Floor 1'"))).toEqual(['F9']);
  });

  it('prefers the model index until a property path is asked for repeatedly', () => {
    const s = buildingSource();
    const text = "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Floor;1') AND name = 'Floor 2'";
    expect(plan(text, s).start.access.kind).toBe('twinsOfModel');
    expect(plan(text, s).start.access.kind).toBe('propertyIndex');
    expect(ids(rows(s, text))).toEqual(['F2']);
  });

  it('does not build property indexes for joins that start from an id lookup', () => {
    const s = buildingSource();
    const join = "SELECT F FROM DIGITALTWINS B JOIN F RELATED B.contains WHERE B.$dtId = 'B1' AND F.level = 2";
    for (let i = 0; i < 3; i++) expect(rows(s, join)).toHaveLength(1);
    expect(plan(join, s).start.access).toEqual({ kind: 'twinById', ids: ['B1'] });
    // `level` was never indexed: the model index still answers the first time
    expect(plan("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Floor;1') AND level = 2", s).start.access.kind).toBe('twinsOfModel');
  });

  it('sorted indexes for ranges and STARTSWITH, built when asked for twice', () => {
    const s = buildingSource();
    const range = 'SELECT * FROM DIGITALTWINS WHERE temperature >= 20.5';
    expect(plan(range, s).start.access.kind).toBe('twinScan');
    expect(ids(rows(s, range))).toEqual(['R1', 'R2', 'S1']);
    expect(plan(range, s).start).toMatchObject({ access: { kind: 'propertyRange', path: ['temperature'], type: 'number', lower: { value: 20.5, inclusive: true } }, estimatedRows: 3.75 });
    expect(ids(rows(s, range))).toEqual(['R1', 'R2', 'S1']);
    expect(ids(rows(s, 'SELECT * FROM DIGITALTWINS WHERE 21 > temperature'))).toEqual(['R3', 'S1']);
    expect(rows(s, 'SELECT COUNT() FROM DIGITALTWINS WHERE temperature >= 20.5')).toEqual([{ COUNT: 3 }]);
    const prefix = "SELECT * FROM DIGITALTWINS WHERE STARTSWITH(name, 'Floor')";
    expect(ids(rows(s, prefix))).toEqual(['F1', 'F2']);
    expect(plan(prefix, s).start.access).toEqual({ kind: 'propertyPrefix', path: ['name'], prefix: 'Floor' });
    expect(ids(rows(s, prefix))).toEqual(['F1', 'F2']);
    s.upsertTwin({ $dtId: 'F3', $etag: 'W/"f3"', $metadata: { $model: 'dtmi:example:Floor;1' }, name: 'Floor 3', temperature: 30 });
    expect(ids(rows(s, prefix))).toEqual(['F1', 'F2', 'F3']);
    expect(ids(rows(s, range))).toEqual(['F3', 'R1', 'R2', 'S1']);
  });

  it('does not count a model\'s twins when an id lookup anchors the join', () => {
    const base = buildingSource();
    let calls = 0;
    const counting: QuerySource = Object.assign(Object.create(base) as QuerySource, {
      twinsOfModel(model: string, exact?: boolean) {
        calls++;
        return base.twinsOfModel(model, exact);
      },
    });
    const r = executeQuery("SELECT R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'F1' AND IS_OF_MODEL(R, 'dtmi:example:Room;2')", counting);
    expect(r.ok && r.value.value).toEqual([{ r: 'R2' }]);
    expect(calls).toBe(0);
  });

  it('SQL errors come back from explain too', () => {
    const r = explainQuery('SELECT * FROM', new MemoryQuerySource());
    expect(r.ok ? null : r.error.code).toBe('SqlQueryError');
  });

  it('TOP stops execution early (laziness)', () => {
    let pulled = 0;
    const base = buildingSource();
    const counting: QuerySource = Object.assign(Object.create(base) as QuerySource, {
      *twins() {
        for (const t of base.twins()) {
          pulled++;
          yield t;
        }
      },
    });
    const r = executeQuery('SELECT TOP(2) FROM DIGITALTWINS', counting);
    expect(r.ok && r.value.value.length).toBe(2);
    expect(pulled).toBe(2);
  });
});
