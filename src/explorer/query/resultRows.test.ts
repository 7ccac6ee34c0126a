import { describe, expect, it } from 'vitest';
import { extractGraph, flattenRow, sortRows, tableColumns, toCsv } from './resultRows.ts';

const room = { $dtId: 'Room-1', $etag: 'W/"a"', $metadata: { $model: 'dtmi:d:Room;1', temperature: { lastUpdateTime: 't' } }, temperature: 21, tags: { a: 1 } };
const floor = { $dtId: 'Floor-1', $etag: 'W/"b"', $metadata: { $model: 'dtmi:d:Floor;1' }, level: 1 };
const rel = { $relationshipId: 'r1', $etag: 'W/"c"', $sourceId: 'Floor-1', $targetId: 'Room-1', $relationshipName: 'contains', since: 2020 };

describe('extractGraph', () => {
  it('finds twins and relationships in plain rows and JOIN projections, once each', () => {
    const g = extractGraph([room, { F: floor, R: room, Rel: rel }, { n: 3 }, rel]);
    expect(g.twins.map((t) => t.$dtId)).toEqual(['Room-1', 'Floor-1']);
    expect(g.relationships.map((r) => r.$relationshipId)).toEqual(['r1']);
    expect(extractGraph([{ COUNT: 5 }, { name: 'x' }])).toEqual({ twins: [], relationships: [] });
  });
});

describe('table shape', () => {
  it('flattens twins, aliases, projections and COUNT', () => {
    expect(flattenRow(room)).toEqual({ $dtId: 'Room-1', $etag: 'W/"a"', '$metadata.$model': 'dtmi:d:Room;1', temperature: 21, 'tags.a': 1 });
    expect(flattenRow({ F: floor, R: room })).toMatchObject({ 'F.$dtId': 'Floor-1', 'F.$metadata.$model': 'dtmi:d:Floor;1', 'R.temperature': 21, 'R.tags': { a: 1 } });
    expect(flattenRow({ COUNT: 21 })).toEqual({ COUNT: 21 });
    expect(flattenRow(42)).toEqual({ value: 42 });
  });
  it('orders columns: ids first, etag last, grouped by alias', () => {
    const flat = [flattenRow({ R: room, F: floor })];
    const cols = tableColumns(flat);
    expect(cols.slice(0, 3)).toEqual(['R.$dtId', 'R.$metadata.$model', 'R.temperature']);
    expect(cols.indexOf('R.$etag')).toBeLessThan(cols.indexOf('F.$dtId'));
    expect(tableColumns([flattenRow(rel)]).slice(0, 4)).toEqual(['$relationshipId', '$sourceId', '$targetId', '$relationshipName']);
  });
  it('sorts numbers numerically, strings naturally, missing values last', () => {
    const rows = [{ a: 10 }, { a: 9 }, {}, { a: 'x2' }, { a: 'x10' }, { a: null }];
    expect(sortRows(rows, 'a', 'asc').map((r) => r.a)).toEqual([9, 10, 'x2', 'x10', null, undefined]);
    expect(sortRows(rows, 'a', 'desc').map((r) => r.a)).toEqual(['x10', 'x2', 10, 9, null, undefined]);
  });
  it('writes RFC 4180 CSV', () => {
    expect(toCsv(['id', 'v'], [{ id: 'a,b', v: 'say "hi"' }, { id: 'x', v: { k: [1] } }, { id: 'line\nbreak' }])).toBe(
      'id,v\r\n"a,b","say ""hi"""\r\nx,"{""k"":[1]}"\r\n"line\nbreak",\r\n',
    );
  });
});
