/**
 * Lazily built indexes over a QuerySource, dropped whenever `source.version` changes:
 * - property equality indexes (path → primitive value → twins), built on demand by the planner;
 * - sorted property indexes (ranges, STARTSWITH), built when a path is asked for repeatedly;
 * - twin counts per model (for choosing the cheapest start of a JOIN / MATCH).
 * One cache per source object (WeakMap), so engines and tests never share state.
 */
import type { QuerySource } from './QuerySource.ts';
import type { Plan } from './planQuery.ts';
import { PropertyIndex } from './PropertyIndex.ts';
import { SortedIndex } from './SortedIndex.ts';
import { getPath } from './values.ts';

/** Number of planner requests for a property path after which its index is built even when a model index exists. */
export const PROPERTY_INDEX_DEMAND_THRESHOLD = 2;
const MAX_PLANS = 256;

export class IndexCache {
  private version: number;
  private readonly props = new Map<string, PropertyIndex>();
  private readonly sorted = new Map<string, SortedIndex>();
  private readonly demand = new Map<string, number>();
  private readonly modelCounts = new Map<string, number>();
  private readonly plans = new Map<string, Plan>();
  /** Incremented each time the planner declines to build a property index (plans made then are not cached). */
  deferred = 0;

  constructor(private readonly source: QuerySource) {
    this.version = source.version;
  }

  private sync(): void {
    if (this.source.version !== this.version) {
      this.version = this.source.version;
      this.props.clear();
      this.sorted.clear();
      this.demand.clear();
      this.modelCounts.clear();
      this.plans.clear();
    }
  }

  /** The index of `path` if it is already built. */
  builtPropertyIndex(path: readonly string[]): PropertyIndex | undefined {
    this.sync();
    return this.props.get(path.join('\u0000'));
  }

  /** Records one request for `path`; returns how many there have been since the last change. */
  requestPropertyIndex(path: readonly string[]): number {
    this.sync();
    const key = path.join('\u0000');
    const n = (this.demand.get(key) ?? 0) + 1;
    this.demand.set(key, n);
    return n;
  }

  /** Builds (one pass over all twins) or returns the equality index of `path`. */
  propertyIndex(path: readonly string[], tick?: () => void): PropertyIndex {
    this.sync();
    const key = path.join('\u0000');
    let index = this.props.get(key);
    if (index) return index;
    index = new PropertyIndex();
    const single = path.length === 1 ? path[0] : undefined;
    for (const t of this.source.twins()) {
      tick?.();
      index.add(single !== undefined ? t[single] : getPath(t, path), t);
    }
    this.props.set(key, index);
    return index;
  }

  /** The sorted index of `path` if it is already built. */
  builtSortedIndex(path: readonly string[]): SortedIndex | undefined {
    this.sync();
    return this.sorted.get(path.join('\u0000'));
  }

  /** Records one request for a sorted index of `path`; returns how many there have been since the last change. */
  requestSortedIndex(path: readonly string[]): number {
    return this.requestPropertyIndex(['\u0001sorted', ...path]);
  }

  /** Builds (one pass and a sort) or returns the sorted index of `path`. */
  sortedIndex(path: readonly string[], tick?: () => void): SortedIndex {
    this.sync();
    const key = path.join('\u0000');
    let index = this.sorted.get(key);
    if (index) return index;
    const single = path.length === 1 ? path[0] : undefined;
    const source = this.source;
    index = new SortedIndex((function* () {
      for (const t of source.twins()) {
        tick?.();
        yield [single !== undefined ? t[single] : getPath(t, path), t] as [unknown, typeof t];
      }
    })());
    this.sorted.set(key, index);
    return index;
  }

  plan(text: string): Plan | undefined {
    this.sync();
    return this.plans.get(text);
  }

  setPlan(text: string, plan: Plan): void {
    this.sync();
    this.plans.set(text, plan);
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value as string);
  }

  modelCount(model: string, exact: boolean): number {
    this.sync();
    const key = (exact ? '1' : '0') + model;
    let n = this.modelCounts.get(key);
    if (n === undefined) {
      n = 0;
      for (const _t of this.source.twinsOfModel(model, exact)) n++;
      this.modelCounts.set(key, n);
    }
    return n;
  }
}

const caches = new WeakMap<QuerySource, IndexCache>();

export function indexCacheOf(source: QuerySource): IndexCache {
  let c = caches.get(source);
  if (!c) {
    c = new IndexCache(source);
    caches.set(source, c);
  }
  return c;
}
