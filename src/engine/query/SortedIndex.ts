/**
 * Ordered index of one property path, for range comparisons (`<`, `<=`, `>`, `>=`) and STARTSWITH: numbers and
 * strings in two sorted runs (strings in UTF-16 code-unit order, the order of `<` in the query language).
 * Built on repeated demand only: sorting costs more than the one scan it would replace.
 */
import type { Twin } from '../types.ts';

export interface Bound<T> {
  value: T;
  inclusive: boolean;
}

interface Run<T> {
  values: T[];
  twins: Twin[];
}

function run<T extends number | string>(pairs: Array<[T, Twin]>): Run<T> {
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { values: pairs.map((p) => p[0]), twins: pairs.map((p) => p[1]) };
}

/** First index i in [0, n) where `test(i)` is false (test must be true then false). */
function partition(n: number, test: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SortedIndex {
  private readonly numbers: Run<number>;
  private readonly strings: Run<string>;

  constructor(entries: Iterable<[unknown, Twin]>) {
    const nums: Array<[number, Twin]> = [];
    const strs: Array<[string, Twin]> = [];
    for (const [v, t] of entries) {
      if (typeof v === 'number') nums.push([v, t]);
      else if (typeof v === 'string') strs.push([v, t]);
    }
    this.numbers = run(nums);
    this.strings = run(strs);
  }

  private bounds<T extends number | string>(r: Run<T>, lower?: Bound<T>, upper?: Bound<T>): [number, number] {
    const v = r.values;
    const lo = lower === undefined ? 0 : partition(v.length, (i) => (lower.inclusive ? v[i] < lower.value : v[i] <= lower.value));
    const hi = upper === undefined ? v.length : partition(v.length, (i) => (upper.inclusive ? v[i] <= upper.value : v[i] < upper.value));
    return [lo, Math.max(lo, hi)];
  }

  /** Twins whose value (of the bounds' type) lies within the bounds. */
  range(type: 'number' | 'string', lower?: Bound<number | string>, upper?: Bound<number | string>): Twin[] {
    const r = (type === 'number' ? this.numbers : this.strings) as Run<number | string>;
    const [lo, hi] = this.bounds(r, lower, upper);
    return r.twins.slice(lo, hi);
  }

  rangeCount(type: 'number' | 'string', lower?: Bound<number | string>, upper?: Bound<number | string>): number {
    const r = (type === 'number' ? this.numbers : this.strings) as Run<number | string>;
    const [lo, hi] = this.bounds(r, lower, upper);
    return hi - lo;
  }

  private prefixBounds(prefix: string): [number, number] {
    const v = this.strings.values;
    const lo = partition(v.length, (i) => v[i] < prefix);
    const hi = partition(v.length, (i) => v[i] < prefix || v[i].startsWith(prefix));
    return [lo, hi];
  }

  /** Twins whose string value starts with `prefix`. */
  prefix(prefix: string): Twin[] {
    const [lo, hi] = this.prefixBounds(prefix);
    return this.strings.twins.slice(lo, hi);
  }

  prefixCount(prefix: string): number {
    const [lo, hi] = this.prefixBounds(prefix);
    return hi - lo;
  }
}
