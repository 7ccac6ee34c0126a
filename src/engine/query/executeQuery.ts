/**
 * The query API: one page of results per call, with ADT's result shapes and continuation tokens.
 * Never throws: user errors are `SqlQueryError` / `BadRequest` / `TimeoutError` values.
 * @see ../../../../shared/reference/adt-api.md §1.2, §1.3
 */
import type { BoundQuery } from './bindQuery.ts';
import type { Row } from './compileCondition.ts';
import { createClock, CursorStore, decodeToken, encodeToken, QueryTimeout, type Cursor } from './continuation.ts';
import { executePlan } from './executePlan.ts';
import { indexCacheOf, type IndexCache } from './IndexCache.ts';
import { DEFAULT_LIMITS, type QueryLimits } from './limits.ts';
import { cachedPlan, type Plan } from './planQuery.ts';
import { prepareQuery } from './prepareQuery.ts';
import type { QuerySource } from './QuerySource.ts';
import { err, ok, type QueryPage, type Result } from '../types.ts';
import { getPath } from './values.ts';

export interface QueryOptions {
  /** Items per page (ADT's `max-items-per-page`); at most `limits.maxPageSize`. */
  pageSize?: number;
  continuationToken?: string | null;
  limits?: Partial<QueryLimits>;
}

const cursorStores = new WeakMap<QuerySource, CursorStore>();
function cursorsOf(source: QuerySource): CursorStore {
  let s = cursorStores.get(source);
  if (!s) {
    s = new CursorStore();
    cursorStores.set(source, s);
  }
  return s;
}

const projectors = new WeakMap<BoundQuery, (row: Row) => unknown>();

/** Projects a row into ADT's result shape (one projector per bound query). */
export function projector(query: BoundQuery): (row: Row) => unknown {
  let p = projectors.get(query);
  if (p) return p;
  const sel = query.select;
  if (sel.kind !== 'list') p = (row) => row[0];
  else {
    const items = sel.items.map((it) => ({ key: it.key, slot: it.path.slot, segments: it.path.segments, n: it.path.segments.length }));
    p = (row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        const doc = row[it.slot];
        const v = it.n === 0 ? doc : it.n === 1 ? (doc as Record<string, unknown> | undefined)?.[it.segments[0]] : getPath(doc, it.segments);
        if (v !== undefined) out[it.key] = v;
      }
      return out;
    };
  }
  projectors.set(query, p);
  return p;
}

/** Projected rows, stopping at TOP(n). */
class OutputIterator implements Iterator<unknown> {
  private n = 0;
  private readonly top: number;
  private readonly project: (row: Row) => unknown;
  private readonly rows: Iterator<Row>;
  constructor(plan: Plan, source: QuerySource, cache: IndexCache, tick: () => void) {
    const sel = plan.query.select;
    this.top = sel.kind === 'count' ? Infinity : sel.top ?? Infinity;
    this.project = projector(plan.query);
    this.rows = executePlan(plan, source, cache, tick);
  }
  next(): IteratorResult<unknown> {
    if (this.n >= this.top) return { done: true, value: undefined };
    const r = this.rows.next();
    if (r.done) return r;
    this.n++;
    return { done: false, value: this.project(r.value) };
  }
  return(): IteratorResult<unknown> {
    this.rows.return?.();
    return { done: true, value: undefined };
  }
}

/** COUNT() with shortcuts when the access path alone answers it. */
function count(plan: Plan, source: QuerySource, cache: IndexCache, tick: () => void): number {
  const residual = plan.filters.every((f) => f.length === 0) && plan.steps.length === 0;
  if (residual) {
    const a = plan.access;
    if (a.kind === 'twinScan') return source.twinCount();
    if (a.kind === 'relScan') return source.relationshipCount();
    if (a.kind === 'twinsOfModel') return cache.modelCount(a.model, a.exact);
    if (a.kind === 'propertyIndex') {
      const index = cache.propertyIndex(a.path, tick);
      return a.values.reduce<number>((s, v) => s + (index.get(v)?.length ?? 0), 0);
    }
    if (a.kind === 'propertyRange') return cache.sortedIndex(a.path, tick).rangeCount(a.type, a.lower, a.upper);
    if (a.kind === 'propertyPrefix') return cache.sortedIndex(a.path, tick).prefixCount(a.prefix);
  }
  let n = 0;
  for (const _row of executePlan(plan, source, cache, tick)) n++;
  return n;
}

function timeoutError(limits: QueryLimits): Result<never> {
  const s = Math.round(limits.timeoutMs / 100) / 10;
  return err('TimeoutError', `The query execution timed out after ${s} seconds. Narrow the query with a $dtId or IS_OF_MODEL filter, or use TOP.`);
}

/**
 * Runs `text` against `source` and returns one page. Pass the page's `continuationToken` back to get the
 * next one; the last page has `continuationToken: null`.
 */
export function executeQuery(text: string, source: QuerySource, opts: QueryOptions = {}): Result<QueryPage> {
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const pageSize = opts.pageSize ?? limits.defaultPageSize;
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
    return err('BadRequest', `Invalid page size ${String(pageSize)}: max-items-per-page must be an integer from 1 to ${limits.maxPageSize}.`);
  }
  const size = Math.min(pageSize, limits.maxPageSize);
  const store = cursorsOf(source);
  let offset = 0;
  let cursor: Cursor | undefined;
  let queryText = text;
  if (opts.continuationToken != null) {
    const state = decodeToken(opts.continuationToken);
    if (!state) return err('BadRequest', 'Invalid continuation token: pass back the continuationToken of the previous page unchanged.');
    queryText = state.q; // as ADT: with a token, the query field is ignored
    offset = state.o;
    cursor = store.take(state.c, state.o);
  }
  try {
    const prepared = prepareQuery(queryText, opts.limits);
    if (!prepared.ok) return prepared;
    const query = prepared.value;
    const cache = indexCacheOf(source);
    if (query.select.kind === 'count') {
      const clock = createClock(limits.timeoutMs);
      const plan = cachedPlan(query, source, cache);
      return ok({ value: [{ COUNT: count(plan, source, cache, clock.tick) }], continuationToken: null });
    }
    if (cursor) {
      cursor.clock.deadline = Date.now() + limits.timeoutMs;
    } else {
      const clock = createClock(limits.timeoutMs);
      const plan = cachedPlan(query, source, cache);
      const iterator = new OutputIterator(plan, source, cache, clock.tick);
      for (let skipped = 0; skipped < offset; skipped++) if (iterator.next().done) break;
      cursor = { id: '', iterator, offset, lookahead: iterator.next(), clock };
    }
    const value: unknown[] = [];
    while (!cursor.lookahead.done && value.length < size) {
      value.push(cursor.lookahead.value);
      cursor.lookahead = cursor.iterator.next();
    }
    cursor.offset += value.length;
    if (cursor.lookahead.done) return ok({ value, continuationToken: null });
    if (!cursor.id) cursor.id = store.newId();
    store.put(cursor);
    return ok({ value, continuationToken: encodeToken({ q: queryText, o: cursor.offset, s: source.version, c: cursor.id }) });
  } catch (e) {
    if (e instanceof QueryTimeout) return timeoutError(limits);
    return err('InternalError', `The query failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
}
