import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLocalEngine, DexieStore, MemoryStore, type LocalEngine, type Store } from '../index.ts';
import { buildingModels, M, room } from '../node/testFixtures.ts';

/** Parses RFC 4180 CSV (quoted cells with "" escapes, CRLF rows) — enough to read back what exportHistory writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

const at = (s: number) => `2024-03-01T10:00:${String(s).padStart(2, '0')}.0000000Z`;

/** A history with the three tables filled, one tick per command (second 00, 01, ...). */
async function recorded(store: Store): Promise<LocalEngine> {
  let tick = 0;
  const e = await createLocalEngine({ store, serviceId: 'svc.local', now: () => at(tick++) });
  await e.uploadModels(buildingModels()); // 00
  await e.upsertTwin('r1', room({ temperature: 20, name: 'Room "A", east\nwing', tags: { a: 'x' }, thermostat: { $metadata: {}, setPoint: 21 } })); // 01
  await e.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 21.5 }, { op: 'add', path: '/$metadata/temperature/sourceTime', value: '2024-03-01T09:59:59Z' }]); // 02
  await e.patchTwin('r1', [{ op: 'remove', path: '/temperature' }]); // 03
  await e.upsertTwin('s1', { $metadata: { $model: M.space }, name: '42' }); // 04
  await e.upsertRelationship('s1', 'c1', { $targetId: 'r1', $relationshipName: 'contains', since: '2020-01-01T00:00:00Z' }); // 05
  await e.deleteRelationship('s1', 'c1'); // 06
  await e.deleteTwin('s1'); // 07
  return e;
}

const PROPERTY_HEADER = 'TimeStamp,SourceTimeStamp,ServiceId,Id,ModelId,Key,Value,RelationshipId,RelationshipTarget,Action';

let n = 0;
describe.each<[string, () => Promise<Store>]>([
  ['memory', async () => new MemoryStore()],
  ['dexie', async () => new DexieStore(`history-export-${process.pid}-${n++}`).open()],
])('history export over %s', (_name, make) => {
  it('writes AdtPropertyEvents as CSV with ADT\'s columns, quoting and JSON for objects', async () => {
    const e = await recorded(await make());
    const r = await e.exportHistory({ twinId: 'r1', format: 'csv' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.split('\r\n')[0]).toBe(PROPERTY_HEADER);
    const rows = parseCsv(r.value);
    expect(rows[0].join(',')).toBe(PROPERTY_HEADER);
    const body = rows.slice(1);
    // r1: name, temperature, tags, thermostat.setPoint at 01; temperature at 02 and its delete at 03.
    // Oldest first (rows of one commit share a time stamp: compared as a set within it).
    expect(body.map((x) => x[0])).toEqual([...body.map((x) => x[0])].sort());
    const byTimeKey = (a: string[], b: string[]) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1);
    expect(body.map((x) => [x[0], x[5], x[6], x[9]]).sort(byTimeKey)).toEqual([
      [at(1), 'name', 'Room "A", east\nwing', 'Update'],
      [at(1), 'tags', '{"a":"x"}', 'Update'],
      [at(1), 'temperature', '20', 'Update'],
      [at(1), 'thermostat.setPoint', '21', 'Update'],
      [at(2), 'temperature', '21.5', 'Update'],
      [at(3), 'temperature', '', 'Delete'],
    ].sort(byTimeKey));
    const sourced = body.find((x) => x[0] === at(2))!;
    expect(sourced).toEqual([at(2), '2024-03-01T09:59:59Z', 'svc.local', 'r1', M.room, 'temperature', '21.5', '', '', 'Update']);
    expect(r.value.endsWith('\r\n')).toBe(true);
  });

  it('filters by twin, property and time range [from, to); NDJSON keeps value types and matches propertyHistory', async () => {
    const e = await recorded(await make());
    const temp = await e.exportHistory({ twinId: 'r1', property: 'temperature', from: '2024-03-01T10:00:02Z', to: '2024-03-01T10:00:04Z', format: 'ndjson' });
    if (!temp.ok) throw new Error(temp.error.message);
    const lines = temp.value.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.TimeStamp, l.Value, l.Action])).toEqual([[at(2), 21.5, 'Update'], [at(3), null, 'Delete']]);
    expect(Object.keys(lines[0])).toEqual(['TimeStamp', 'SourceTimeStamp', 'ServiceId', 'Id', 'ModelId', 'Key', 'Value', 'RelationshipId', 'RelationshipTarget', 'Action']);
    const api = await e.propertyHistory({ twinId: 'r1', property: 'temperature', from: '2024-03-01T10:00:02Z', to: '2024-03-01T10:00:04Z' });
    expect(api.ok && api.value).toEqual(lines);
    // A string that looks like a number stays a string in NDJSON; relationship properties carry the relationship.
    const s1 = await e.exportHistory({ twinId: 's1', format: 'ndjson' });
    const s1Rows = s1.ok ? s1.value.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
    expect(s1Rows.map((x) => [x.Key, x.Value, x.RelationshipId, x.RelationshipTarget])).toEqual([['name', '42', '', ''], ['since', '2020-01-01T00:00:00Z', 'c1', 'r1']]);
    // Limit and an empty selection.
    const one = await e.exportHistory({ format: 'ndjson', limit: 1 });
    expect(one.ok && one.value.split('\n').filter(Boolean)).toHaveLength(1);
    const none = await e.exportHistory({ twinId: 'nobody', format: 'csv' });
    expect(none.ok && none.value).toBe(`${PROPERTY_HEADER}\r\n`);
    const noneNd = await e.exportHistory({ twinId: 'nobody', format: 'ndjson' });
    expect(noneNd.ok && noneNd.value).toBe('');
  });

  it('exports the twin and relationship lifecycle tables', async () => {
    const e = await recorded(await make());
    const twins = await e.exportHistory({ table: 'AdtTwinLifeCycleEvents', format: 'csv' });
    expect(twins.ok && parseCsv(twins.value)).toEqual([
      ['TwinId', 'Action', 'TimeStamp', 'ServiceId', 'ModelId'],
      ['r1', 'Create', at(1), 'svc.local', M.room],
      ['s1', 'Create', at(4), 'svc.local', M.space],
      ['s1', 'Delete', at(7), 'svc.local', M.space],
    ]);
    const onlyS1 = await e.exportHistory({ table: 'AdtTwinLifeCycleEvents', twinId: 's1', from: '2024-03-01T10:00:05Z', format: 'ndjson' });
    expect(onlyS1.ok && onlyS1.value).toBe(`${JSON.stringify({ TwinId: 's1', Action: 'Delete', TimeStamp: at(7), ServiceId: 'svc.local', ModelId: M.space })}\n`);
    const rels = await e.exportHistory({ table: 'AdtRelationshipLifeCycleEvents', twinId: 's1', property: 'contains', format: 'csv' });
    expect(rels.ok && parseCsv(rels.value)).toEqual([
      ['RelationshipId', 'Name', 'Action', 'TimeStamp', 'ServiceId', 'Source', 'Target'],
      ['c1', 'contains', 'Create', at(5), 'svc.local', 's1', 'r1'],
      ['c1', 'contains', 'Delete', at(6), 'svc.local', 's1', 'r1'],
    ]);
  });

  it('refuses unknown tables, formats, bad time ranges and limits with InvalidArgument', async () => {
    const e = await recorded(await make());
    const bad = [
      await e.exportHistory({ format: 'xml' as 'csv' }),
      await e.exportHistory({ format: 'csv', table: 'AdtEvents' as 'AdtPropertyEvents' }),
      await e.exportHistory({ format: 'csv', from: 'yesterday' }),
      await e.exportHistory({ format: 'csv', limit: -1 }),
      await e.exportHistory({ format: 'csv', table: 'AdtTwinLifeCycleEvents', property: 'name' }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(5).fill('InvalidArgument'));
    expect(!bad[0].ok && bad[0].error.message).toContain('xml');
    expect(!bad[2].ok && bad[2].error.message).toContain('yesterday');
  });
});
