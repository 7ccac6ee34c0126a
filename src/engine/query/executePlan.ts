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
      if (a.values.length === 1) return index.get(a.values[0]) ?? [];
      return a.values.flatMap((v) => index.get(v) ?? []);
    }
    case 'propertyRange':
      return cache.sortedIndex(a.path, tick).range(a.type, a.lower, a.upper);
    case 'propertyPrefix':
      return cache.sortedIndex(a.path, tick).prefix(a.prefix);
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
  /** Multi-hop steps: the end twins. */
  others: Twin[];
  /** Single-hop steps: the candidate relationships; rels[0 .. outCount) leave the bound twin, the rest enter it. */
  rels: readonly Relationship[];
  outCount: number;
  /** Single-hop steps: the relationship bound at this level for the current row. */
  bound: Relationship | undefined;
  i: number;
}

const NO_RELS: readonly Relationship[] = [];

function asArray(it: Iterable<Relationship>): readonly Relationship[] {
  return Array.isArray(it) ? it : [...it];
}

/** The relationships of `id` in direction `dir` named one of `names` (any name when empty), as an array. */
function relsOf(source: QuerySource, id: string, names: string[], dir: 'out' | 'in'): readonly Relationship[] {
  if (names.length === 1) return asArray(dir === 'out' ? source.outgoing(id, names[0]) : source.incoming(id, names[0]));
  if (names.length === 0) return asArray(dir === 'out' ? source.outgoing(id) : source.incoming(id));
  const all: Relationship[] = [];
  for (const n of names) for (const rel of dir === 'out' ? source.outgoing(id, n) : source.incoming(id, n)) all.push(rel);
  return all;
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
    this.frames = plan.steps.map(() => ({ others: [], rels: NO_RELS, outCount: 0, bound: undefined, i: 0 }));
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
    f.bound = undefined;
    if (!this.single[k]) {
      f.rels = NO_RELS;
      f.outCount = 0;
      f.others = reachable(this.source, from, st, new Set(), this.tick);
      return;
    }
    const source = this.source;
    const names = st.names;
    const id = from.$dtId;
    if (st.direction === 'out') {
      f.rels = relsOf(source, id, names, 'out');
      f.outCount = f.rels.length;
    } else if (st.direction === 'in') {
      f.rels = relsOf(source, id, names, 'in');
      f.outCount = 0;
    } else {
      const out = relsOf(source, id, names, 'out');
      f.rels = out.concat(relsOf(source, id, names, 'in'));
      f.outCount = out.length;
    }
  }

  /** True when `rel` is already bound by an earlier single-hop step of this row. */
  private used(rel: Relationship, k: number): boolean {
    for (let j = 0; j < k; j++) if (this.frames[j].bound === rel) return true;
    return false;
  }

  next(): IteratorResult<Row> {
    const { steps, filters, anchor } = this.plan;
    const row = this.row;
    const source = this.source;
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
      const st = steps[k];
      if (this.single[k]) {
        if (f.i >= f.rels.length) {
          f.bound = undefined;
          this.depth--;
          continue;
        }
        const idx = f.i++;
        const rel = f.rels[idx];
        this.tick();
        const other = source.twin(idx < f.outCount ? rel.$targetId : rel.$sourceId);
        if (!other) continue;
        if (k > 0 && this.used(rel, k)) continue;
        f.bound = rel;
        if (st.relSlot !== undefined) row[st.relSlot] = rel;
        row[st.to] = other;
      } else {
        if (f.i >= f.others.length) {
          this.depth--;
          continue;
        }
        row[st.to] = f.others[f.i++];
      }
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
