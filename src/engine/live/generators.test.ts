import { describe, expect, it } from 'vitest';
import { nextValue } from './generators.ts';

describe('simulator generators', () => {
  it('sine follows offset, amplitude and period, with a phase per twin', () => {
    const s = { last: null };
    const p = { offset: 20, amplitude: 2, periodS: 60 };
    expect(nextValue('sine', p, s, 0, 0, Math.random)).toBe(20);
    expect(nextValue('sine', p, s, 15, 0, Math.random)).toBe(22);
    expect(nextValue('sine', p, s, 45, 0, Math.random)).toBe(18);
    expect(nextValue('sine', p, s, 0, 1, Math.random)).not.toBe(20);
  });

  it('step cycles through its values, holding each', () => {
    const p = { values: [1, 5, 9], holdS: 2 };
    const at = (t: number, i = 0) => nextValue('step', p, { last: null }, t, i, Math.random);
    expect([at(0), at(1.9), at(2), at(4), at(6), at(0, 1)]).toEqual([1, 1, 5, 9, 1, 5]);
  });

  it('random walk starts at its value, moves at most one step and stays within bounds', () => {
    const p = { value: 10, min: 9, max: 11, step: 0.5 };
    const s = { last: null as number | null };
    const ups = () => 1; // always the largest step up
    const first = nextValue('randomWalk', p, s, 0, 0, ups);
    expect(first).toBe(10.5);
    s.last = first;
    s.last = nextValue('randomWalk', p, s, 0, 0, ups);
    expect(s.last).toBe(11);
    expect(nextValue('randomWalk', p, s, 0, 0, ups)).toBe(11);
    expect(nextValue('randomWalk', p, { last: 9 }, 0, 0, () => 0)).toBe(9);
    expect(nextValue('constant', { value: 3 }, s, 99, 4, Math.random)).toBe(3);
    expect(nextValue('randomWalk', { value: 2, step: 0.4, integer: true }, { last: null }, 0, 0, ups)).toBe(2);
    expect(nextValue('sine', { offset: 0, amplitude: 2.6, periodS: 4, integer: true }, { last: null }, 1, 0, ups)).toBe(3);
  });
});
