import { describe, expect, it } from 'vitest';
import { buildTimeIndex, valuesAt } from './timeTravel.ts';

const row = (s: number, id: string, key: string, value: unknown, action?: 'Delete') => ({ TimeStamp: new Date(s * 1000).toISOString(), Id: id, Key: key, Value: value, ...(action ? { Action: action } : {}) });

describe('time travel', () => {
  const idx = buildTimeIndex([row(30, 'A', 't', 3), row(10, 'A', 't', 1), row(20, 'A', 't', 2), row(15, 'B', 'h', 50), row(25, 'B', 'h', null, 'Delete')]);

  it('spans the recorded range', () => {
    expect(idx.from).toBe(10_000);
    expect(idx.to).toBe(30_000);
  });

  it('gives the last value at or before the moment, unset after a delete, absent before the first row', () => {
    expect(valuesAt(idx, 5_000).size).toBe(0);
    expect(Object.fromEntries(valuesAt(idx, 10_000))).toEqual({ A: { t: 1 } });
    expect(Object.fromEntries(valuesAt(idx, 19_999))).toEqual({ A: { t: 1 }, B: { h: 50 } });
    expect(Object.fromEntries(valuesAt(idx, 26_000))).toEqual({ A: { t: 2 } });
    expect(Object.fromEntries(valuesAt(idx, 99_000))).toEqual({ A: { t: 3 } });
  });
});
