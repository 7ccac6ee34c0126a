import { describe, expect, it } from 'vitest';
import { matchNodesToTwins, twinsFromQueryRows } from './bulkBinding.ts';

describe('twinsFromQueryRows', () => {
  it('takes twin rows as they are and the first twin column of projection rows, once per twin', () => {
    const a = { $dtId: 'A', serialNumber: 'S-1' };
    const b = { $dtId: 'B', serialNumber: 'S-2' };
    const rows = [a, { T: b, R: { $relationshipId: 'r1', $sourceId: 'B' } }, { T: a }, { count: 3 }, null, 'x'];
    expect(twinsFromQueryRows(rows).map((t) => t.$dtId)).toEqual(['A', 'B']);
  });

  it('feeds the matcher: only the queried twins are matched, by a property', () => {
    const queried = twinsFromQueryRows([{ $dtId: 'Sensor-1-T', serialNumber: 'TS-1T' }, { $dtId: 'Sensor-2-T', serialNumber: 'TS-2T' }]);
    const nodes = [{ name: 'TS-1T', meshIds: ['m1'] }, { name: 'TS-1H', meshIds: ['m2'] }, { name: 'TS-2T', meshIds: ['m3'] }];
    const r = matchNodesToTwins(nodes, queried, { pattern: '^(.*)$', by: { property: 'serialNumber' } });
    expect(r.ok && r.value.map((m) => [m.node.name, m.twinId])).toEqual([['TS-1T', 'Sensor-1-T'], ['TS-2T', 'Sensor-2-T']]);
  });
});
