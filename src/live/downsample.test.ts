import { describe, expect, it } from 'vitest';
import { downsample, historyCsv } from './downsample.ts';

describe('downsample', () => {
  it('keeps min, max and average per time bucket', () => {
    const t = [0, 1, 2, 3, 10, 11, 12, 19, 20];
    const v = [5, 1, 9, 5, 2, 2, 8, 4, 7];
    const d = downsample(t, v, 2);
    expect(d.t).toEqual([0, 10]);
    expect(d.min).toEqual([1, 2]);
    expect(d.max).toEqual([9, 8]);
    expect(d.avg[0]).toBe(5);
    expect(d.avg[1]).toBeCloseTo((2 + 2 + 8 + 4 + 7) / 5);
  });

  it('returns points unchanged when there are fewer than buckets, and skips empty buckets', () => {
    expect(downsample([1, 2], [3, 4], 10)).toEqual({ t: [1, 2], min: [3, 4], max: [3, 4], avg: [3, 4] });
    const d = downsample([0, 1, 2, 100], [1, 2, 5, 3], 3);
    expect(d.t).toHaveLength(2);
    expect(d.t[1]).toBeCloseTo(200 / 3);
    expect(d.max).toEqual([5, 3]);
    expect(d.min).toEqual([1, 3]);
  });

  it('a million points become at most `buckets` points with the extremes kept', () => {
    const n = 1_000_000;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) { t[i] = i; v[i] = Math.sin(i / 1000); }
    v[123_456] = 99;
    const d = downsample(t, v, 2000);
    expect(d.t.length).toBe(2000);
    expect(Math.max(...d.max)).toBe(99);
  });

  it('CSV escapes and uses ISO times', () => {
    expect(historyCsv([{ time: 0, twinId: 'a,b', property: 'p', value: 1.5 }])).toBe('time,twinId,property,value\n1970-01-01T00:00:00.000Z,"a,b",p,1.5\n');
  });
});
