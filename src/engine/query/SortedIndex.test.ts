import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Twin } from '../types.ts';
import { SortedIndex } from './SortedIndex.ts';

const twin = (i: number): Twin => ({ $dtId: `t${i}`, $etag: 'e', $metadata: { $model: 'm' } });

describe('SortedIndex', () => {
  it('range and prefix agree with a linear filter', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -2.5), fc.constantFrom('', 'a', 'ab', 'abc', 'b', 'B', 'ba', 'é'), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom('a', 'ab', 'b', '')), fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom('a', 'abc', 'c')), fc.boolean(), fc.boolean(), (vals, x, y, li, ui) => {
        const twins = vals.map((_, i) => twin(i));
        const index = new SortedIndex(vals.map((v, i) => [v, twins[i]] as [unknown, Twin]));
        const ids = (ts: Twin[]) => ts.map((t) => t.$dtId).sort();
        if (typeof x === typeof y) {
          const type = typeof x === 'number' ? 'number' : 'string';
          const expected = twins.filter((_, i) => {
            const v = vals[i];
            if (typeof v !== type) return false;
            const lowOk = li ? v! >= x : v! > x;
            const highOk = ui ? v! <= y : v! < y;
            return lowOk && highOk;
          });
          const got = index.range(type, { value: x, inclusive: li }, { value: y, inclusive: ui });
          expect(ids(got)).toEqual(ids(expected));
          expect(index.rangeCount(type, { value: x, inclusive: li }, { value: y, inclusive: ui })).toBe(expected.length);
          expect(ids(index.range(type, { value: x, inclusive: li }))).toEqual(ids(twins.filter((_, i) => typeof vals[i] === type && (li ? vals[i]! >= x : vals[i]! > x))));
        }
        if (typeof x === 'string') {
          const expected = twins.filter((_, i) => typeof vals[i] === 'string' && (vals[i] as string).startsWith(x));
          expect(ids(index.prefix(x))).toEqual(ids(expected));
          expect(index.prefixCount(x)).toBe(expected.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
