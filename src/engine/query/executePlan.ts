/**
 * Lazy execution of a plan: a generator of rows (one document per slot), so TOP and paging stop early.
 * The same row array is reused between yields; consumers must project it before asking for the next one.
 *
 * Pattern semantics: a single-hop edge yields one row per relationship (JOIN / MATCH with a relationship
 * variable). A multi-hop edge (`*n`, `*m..n`) yields each distinct twin reachable within the hop bounds,
 * along paths that use every relationship at most once (per edge: a multi-hop path does not look at the
 * relationships of other edges, which keeps results independent of the walk order the planner picks).
 * Single-hop edges never bind the same relationship twice in one row.
 */
import type { Relationship, Twin } from '../types.ts';
import type { Row } from './compileCondition.ts';
import type { IndexCache } from './IndexCache.ts';
import type { PlannedFilter, Plan, Step } from './planQuery.ts';
import type { QuerySource } from './QuerySource.ts';
import { indexKey } from './values.ts';

export type Tick = () => void;

function passes(filters: PlannedFilter[], row: Row): boolean {
  for (let i = 0; i < filters.length; i++) if (filters[i].predicate(row) !== true) return false;
  return true;
}

function* anchorDocs(plan: Plan, source: QuerySource, cache: IndexCache, tick: Tick): Iterable<unknown> {
  const a = plan.access;
  switch (a.kind) {
    case 'twinById':
      for (const id of a.ids) {
        const t = source.twin(id);
        if (t) yield t;
      }
      return;
    case 'twinsOfModel':
      yield* source.twinsOfModel(a.model, a.exact);
      return;
    case 'propertyIndex': {
      const index = cache.propertyIndex(a.path, tick);
      for (const v of a.values) {
        const bucket = index.get(indexKey(v) as string);
        if (bucket) yield* bucket;
      }
      return;
    }
    case 'twinScan':
      yield* source.twins();
      return;
    case 'relOutgoing':
      for (const id of a.twinIds) yield* source.outgoing(id, a.name);
      return;
    case 'relIncoming':
      for (const id of a.twinIds) yield* source.incoming(id, a.name);
      return;
    case 'relScan':
      yield* source.relationships();
      return;
  }
}

function* adjacent(source: QuerySource, id: string, names: string[], dir: 'out' | 'in'): Iterable<Relationship> {
  if (names.length === 0) {
    yield* dir === 'out' ? source.outgoing(id) : source.incoming(id);
    return;
  }
  for (const n of names) yield* dir === 'out' ? source.outgoing(id, n) : source.incoming(id, n);
}

/** Distinct twins reachable from `start` in [min, max] hops, each relationship used at most once per path. */
export function reachable(source: QuerySource, start: Twin, step: Step, used: Set<Relationship>, tick: Tick): Twin[] {
  const found = new Set<Twin>();
  if (step.minHops === 0) found.add(start);
  const dirs: Array<'out' | 'in'> = step.direction === 'any' ? ['out', 'in'] : [step.direction];
  const visit = (twin: Twin, depth: number): void => {
    for (const dir of dirs) {
      for (const rel of adjacent(source, twin.$dtId, step.names, dir)) {
        tick();
        if (used.has(rel)) continue;
        const next = source.twin(dir === 'out' ? rel.$targetId : rel.$sourceId);
        if (!next) continue;
        if (depth + 1 >= step.minHops) found.add(next);
        if (depth + 1 < step.maxHops) {
          used.add(rel);
          visit(next, depth + 1);
          used.delete(rel);
        }
      }
    }
  };
  visit(start, 0);
  return [...found];
}

export function* executePlan(plan: Plan, source: QuerySource, cache: IndexCache, tick: Tick): Generator<Row> {
  const { steps, filters, anchor } = plan;
  const row: Row = new Array(plan.query.slots.length);
  const relStack: Relationship[] = [];

  function* expand(k: number): Generator<Row> {
    if (k === steps.length) {
      yield row;
      return;
    }
    const st = steps[k];
    const from = row[st.from] as Twin;
    const stageFilters = filters[k + 1];
    if (st.minHops === 1 && st.maxHops === 1) {
      const dirs: Array<'out' | 'in'> = st.direction === 'any' ? ['out', 'in'] : [st.direction];
      for (const dir of dirs) {
        for (const rel of adjacent(source, from.$dtId, st.names, dir)) {
          tick();
          if (relStack.includes(rel)) continue;
          const other = source.twin(dir === 'out' ? rel.$targetId : rel.$sourceId);
          if (!other) continue;
          row[st.to] = other;
          if (st.relSlot !== undefined) row[st.relSlot] = rel;
          if (!passes(stageFilters, row)) continue;
          relStack.push(rel);
          yield* expand(k + 1);
          relStack.pop();
        }
      }
      row[st.to] = undefined;
      if (st.relSlot !== undefined) row[st.relSlot] = undefined;
      return;
    }
    for (const other of reachable(source, from, st, new Set(), tick)) {
      row[st.to] = other;
      if (!passes(stageFilters, row)) continue;
      yield* expand(k + 1);
    }
    row[st.to] = undefined;
  }

  for (const doc of anchorDocs(plan, source, cache, tick)) {
    tick();
    row[anchor] = doc;
    if (!passes(filters[0], row)) continue;
    if (steps.length === 0) yield row;
    else yield* expand(0);
  }
}
