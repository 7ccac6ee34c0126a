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

function anchorDocs(plan: Plan, source: QuerySource, cache: IndexCache, tick: Tick): Iterable<unknown> {
  const a = plan.access;
  switch (a.kind) {
    case 'twinById': {
      const out: Twin[] = [];
      for (const id of a.ids) {
        const t = source.twin(id);
        if (t) out.push(t);
      }
      return out;
    }
    case 'twinsOfModel':
      return source.twinsOfModel(a.model, a.exact);
    case 'propertyIndex': {
      const index = cache.propertyIndex(a.path, tick);
      if (a.values.length === 1) return index.get(indexKey(a.values[0]) as string) ?? [];
      return a.values.flatMap((v) => index.get(indexKey(v) as string) ?? []);
    }
    case 'twinScan':
      return source.twins();
    case 'relOutgoing':
      return a.twinIds.length === 1 ? source.outgoing(a.twinIds[0], a.name) : a.twinIds.flatMap((id) => [...source.outgoing(id, a.name)]);
    case 'relIncoming':
      return a.twinIds.length === 1 ? source.incoming(a.twinIds[0], a.name) : a.twinIds.flatMap((id) => [...source.incoming(id, a.name)]);
    case 'relScan':
      return source.relationships();
  }
}

/** Calls `visit` for each relationship of `id` in direction `dir` with one of `names` (any name when empty). */
function eachAdjacent(source: QuerySource, id: string, names: string[], dir: 'out' | 'in', visit: (rel: Relationship) => void): void {
  if (names.length === 0) {
    for (const rel of dir === 'out' ? source.outgoing(id) : source.incoming(id)) visit(rel);
    return;
  }
  for (let n = 0; n < names.length; n++) {
    for (const rel of dir === 'out' ? source.outgoing(id, names[n]) : source.incoming(id, names[n])) visit(rel);
  }
}

/** Distinct twins reachable from `start` in [min, max] hops, each relationship used at most once per path. */
export function reachable(source: QuerySource, start: Twin, step: Step, used: Set<Relationship>, tick: Tick): Twin[] {
  const found = new Set<Twin>();
  if (step.minHops === 0) found.add(start);
  const dirs: Array<'out' | 'in'> = step.direction === 'any' ? ['out', 'in'] : [step.direction];
  const visit = (twin: Twin, depth: number): void => {
    for (const dir of dirs) {
      eachAdjacent(source, twin.$dtId, step.names, dir, (rel) => {
        tick();
        if (used.has(rel)) return;
        const next = source.twin(dir === 'out' ? rel.$targetId : rel.$sourceId);
        if (!next) return;
        if (depth + 1 >= step.minHops) found.add(next);
        if (depth + 1 < step.maxHops) {
          used.add(rel);
          visit(next, depth + 1);
          used.delete(rel);
        }
      });
    }
  };
  visit(start, 0);
  return [...found];
}

interface Frame {
  others: Twin[];
  /** Parallel to `others` for single-hop steps; empty for multi-hop steps. */
  rels: Relationship[];
  i: number;
}

/**
 * The plan as a hand-written iterator (an explicit stack of frames, one per pattern step) rather than nested
 * generators: each row then costs one `next()` call instead of one resumption per pattern level.
 */
class PlanIterator implements Iterator<Row> {
  private readonly row: Row;
  private readonly frames: Frame[];
  private depth = -1;
  private readonly anchorIter: Iterator<unknown>;
  private readonly single: boolean[];

  constructor(
    private readonly plan: Plan,
    private readonly source: QuerySource,
    cache: IndexCache,
    private readonly tick: Tick,
  ) {
    this.row = new Array(plan.query.slots.length);
    this.frames = plan.steps.map(() => ({ others: [], rels: [], i: 0 }));
    this.single = plan.steps.map((s) => s.minHops === 1 && s.maxHops === 1);
    this.anchorIter = anchorDocs(plan, source, cache, tick)[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<Row> {
    return this;
  }

  private open(k: number): void {
    const st = this.plan.steps[k];
    const from = this.row[st.from] as Twin;
    const f = this.frames[k];
    f.i = 0;
    if (!this.single[k]) {
      f.rels = [];
      f.others = reachable(this.source, from, st, new Set(), this.tick);
      return;
    }
    const others: Twin[] = [];
    const rels: Relationship[] = [];
    const source = this.source;
    const tick = this.tick;
    const names = st.names;
    const id = from.$dtId;
    if (st.direction !== 'in') {
      if (names.length === 1) {
        for (const rel of source.outgoing(id, names[0])) {
          tick();
          const other = source.twin(rel.$targetId);
          if (!other) continue;
          others.push(other);
          rels.push(rel);
        }
      } else {
        eachAdjacent(source, id, names, 'out', (rel) => {
          tick();
          const other = source.twin(rel.$targetId);
          if (!other) return;
          others.push(other);
          rels.push(rel);
        });
      }
    }
    if (st.direction !== 'out') {
      eachAdjacent(source, id, names, 'in', (rel) => {
        tick();
        const other = source.twin(rel.$sourceId);
        if (!other) return;
        others.push(other);
        rels.push(rel);
      });
    }
    f.others = others;
    f.rels = rels;
  }

  /** True when `rel` is already bound by an earlier single-hop step of this row. */
  private used(rel: Relationship, k: number): boolean {
    for (let j = 0; j < k; j++) {
      if (this.single[j]) {
        const f = this.frames[j];
        if (f.rels[f.i - 1] === rel) return true;
      }
    }
    return false;
  }

  next(): IteratorResult<Row> {
    const { steps, filters, anchor } = this.plan;
    const row = this.row;
    for (;;) {
      if (this.depth < 0) {
        const a = this.anchorIter.next();
        if (a.done) return { done: true, value: undefined };
        this.tick();
        row[anchor] = a.value;
        if (!passes(filters[0], row)) continue;
        if (steps.length === 0) return { done: false, value: row };
        this.open(0);
        this.depth = 0;
        continue;
      }
      const k = this.depth;
      const f = this.frames[k];
      if (f.i >= f.others.length) {
        this.depth--;
        continue;
      }
      const idx = f.i++;
      const st = steps[k];
      if (this.single[k]) {
        const rel = f.rels[idx];
        if (k > 0 && this.used(rel, k)) continue;
        if (st.relSlot !== undefined) row[st.relSlot] = rel;
      }
      row[st.to] = f.others[idx];
      if (!passes(filters[k + 1], row)) continue;
      if (k + 1 === steps.length) return { done: false, value: row };
      this.open(k + 1);
      this.depth = k + 1;
    }
  }

  return(): IteratorResult<Row> {
    this.anchorIter.return?.();
    this.depth = -1;
    return { done: true, value: undefined };
  }
}

/** Rows of the plan, lazily; the same row array is reused between rows. */
export function executePlan(plan: Plan, source: QuerySource, cache: IndexCache, tick: Tick): Iterable<Row> & Iterator<Row> {
  return new PlanIterator(plan, source, cache, tick);
}
