/**
 * The planner: picks where execution starts (the anchor collection and its access path: id lookup,
 * model index, property index, adjacency, or a scan), the order in which the JOIN / MATCH pattern is
 * walked from there, and the earliest point at which each WHERE conjunct can be checked.
 */
import type { LiteralValue } from './ast.ts';
import type { BoundCondition, BoundOperand, BoundQuery, PatternEdge } from './bindQuery.ts';
import { compileCondition, conjuncts, slotsOf, type RowPredicate } from './compileCondition.ts';
import { PROPERTY_INDEX_DEMAND_THRESHOLD, type IndexCache } from './IndexCache.ts';
import type { Bound } from './SortedIndex.ts';
import type { QuerySource } from './QuerySource.ts';

export type Access =
  | { kind: 'twinById'; ids: string[] }
  | { kind: 'twinsOfModel'; model: string; exact: boolean }
  | { kind: 'propertyIndex'; path: string[]; values: LiteralValue[] }
  | { kind: 'propertyRange'; path: string[]; type: 'number' | 'string'; lower?: Bound<number | string>; upper?: Bound<number | string> }
  | { kind: 'propertyPrefix'; path: string[]; prefix: string }
  | { kind: 'twinScan' }
  | { kind: 'relOutgoing'; twinIds: string[]; name?: string }
  | { kind: 'relIncoming'; twinIds: string[]; name?: string }
  | { kind: 'relScan' };

/** One walk over a pattern edge from a bound twin slot to a new one: the edge, oriented so `from` is bound. */
export type Step = PatternEdge;

export interface PlannedFilter {
  cond: BoundCondition;
  predicate: RowPredicate;
}

export interface Plan {
  query: BoundQuery;
  anchor: number;
  access: Access;
  /** Estimated number of anchor documents. */
  estimate: number;
  steps: Step[];
  /** filters[k] are checked once stage k is bound (0 = the anchor, k = after steps[k - 1]). */
  filters: PlannedFilter[][];
  /** Conjuncts fully answered by the access path (not re-checked). */
  consumed: BoundCondition[];
  /** The choice may change on the next call (a property index was deferred): do not cache. */
  volatile: boolean;
}

interface Candidate {
  access: Access;
  cost: number;
  /** The conjunct is exactly what the access path returns. */
  implied: boolean;
}

const pathOn = (o: BoundOperand, slot: number): string[] | undefined =>
  o.kind === 'path' && o.path.slot === slot && o.path.segments.length > 0 ? o.path.segments : undefined;

/** `path = literal` or `literal = path` on `slot`. */
function equality(c: BoundCondition, slot: number): { path: string[]; value: LiteralValue } | undefined {
  if (c.kind !== 'compare' || c.op !== '=') return undefined;
  const l = pathOn(c.left, slot);
  if (l && c.right.kind === 'literal') return { path: l, value: c.right.value };
  const r = pathOn(c.right, slot);
  if (r && c.left.kind === 'literal') return { path: r, value: c.left.value };
  return undefined;
}

const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** `path < literal` (any order, any of < <= > >=) on numbers or strings, or STARTSWITH(path, 'literal'). */
function rangeOf(c: BoundCondition, slot: number): { path: string[]; access: Access } | undefined {
  if (c.kind === 'call' && c.name === 'STARTSWITH') {
    const path = pathOn(c.args[0], slot);
    const lit = c.args[1];
    if (path && lit.kind === 'literal' && typeof lit.value === 'string') return { path, access: { kind: 'propertyPrefix', path, prefix: lit.value } };
    return undefined;
  }
  if (c.kind !== 'compare' || !(c.op in FLIP)) return undefined;
  let path = pathOn(c.left, slot);
  let lit = c.right;
  let op = c.op;
  if (!path) {
    path = pathOn(c.right, slot);
    lit = c.left;
    op = FLIP[c.op] as typeof op;
  }
  if (!path || lit.kind !== 'literal' || (typeof lit.value !== 'number' && typeof lit.value !== 'string')) return undefined;
  const type = typeof lit.value === 'number' ? 'number' : 'string';
  const bound = { value: lit.value, inclusive: op === '<=' || op === '>=' };
  const access: Access = op === '<' || op === '<=' ? { kind: 'propertyRange', path, type, upper: bound } : { kind: 'propertyRange', path, type, lower: bound };
  return { path, access };
}

const isSingle = (path: string[], name: string) => path.length === 1 && path[0] === name;
const strings = (vs: LiteralValue[]) => [...new Set(vs.filter((v): v is string => typeof v === 'string'))];

function candidate(
  c: BoundCondition, slot: number, kind: 'twin' | 'rel', source: QuerySource, cache: IndexCache, estimateModels: boolean, mode: BuildMode,
): Candidate | undefined {
  const n = kind === 'twin' ? source.twinCount() : source.relationshipCount();
  let values: LiteralValue[] | undefined;
  let path: string[] | undefined;
  const eq = equality(c, slot);
  if (eq) {
    path = eq.path;
    values = [eq.value];
  } else if (c.kind === 'in' && !c.negated) {
    path = pathOn(c.operand, slot);
    values = [...new Set(c.values)];
  }
  if (path && values) {
    if (kind === 'twin') {
      if (isSingle(path, '$dtId')) {
        const ids = strings(values);
        return { access: { kind: 'twinById', ids }, cost: ids.length, implied: true };
      }
      const keyed = values;
      let index = cache.builtPropertyIndex(path);
      if (!index) {
        // A property index costs one pass over all twins: build it when the alternative is a full scan
        // ('force') or when the path keeps being asked for ('demand'); otherwise let other indexes answer.
        if (mode === 'cheap') return undefined;
        if (mode === 'demand' && cache.requestPropertyIndex(path) < PROPERTY_INDEX_DEMAND_THRESHOLD) {
          cache.deferred++;
          return undefined;
        }
        index = cache.propertyIndex(path);
      }
      let cost = 0;
      for (const v of keyed) cost += index.get(v)?.length ?? 0;
      return { access: { kind: 'propertyIndex', path, values: keyed }, cost: cost + 0.5, implied: true };
    }
    if (isSingle(path, '$sourceId')) {
      const ids = strings(values);
      return { access: { kind: 'relOutgoing', twinIds: ids }, cost: ids.length * 4, implied: true };
    }
    if (isSingle(path, '$targetId')) {
      const ids = strings(values);
      return { access: { kind: 'relIncoming', twinIds: ids }, cost: ids.length * 4, implied: true };
    }
    return undefined;
  }
  if (kind === 'twin') {
    const r = rangeOf(c, slot);
    if (r) {
      // Sorting costs more than one scan: only on repeated demand, never forced.
      let index = cache.builtSortedIndex(r.path);
      if (!index) {
        if (mode !== 'demand') return undefined;
        if (cache.requestSortedIndex(r.path) < PROPERTY_INDEX_DEMAND_THRESHOLD) {
          cache.deferred++;
          return undefined;
        }
        index = cache.sortedIndex(r.path);
      }
      if (r.access.kind === 'propertyPrefix') return { access: r.access, cost: index.prefixCount(r.access.prefix) + 0.75, implied: true };
      if (r.access.kind === 'propertyRange') return { access: r.access, cost: index.rangeCount(r.access.type, r.access.lower, r.access.upper) + 0.75, implied: true };
    }
  }
  if (c.kind === 'isOfModel' && c.slot === slot) {
    const cost = estimateModels ? cache.modelCount(c.model, c.exact) : n / 2;
    return { access: { kind: 'twinsOfModel', model: c.model, exact: c.exact }, cost, implied: true };
  }
  if (c.kind === 'or') {
    // `A.$dtId = 'x' OR A.$dtId = 'y'` is an id lookup too.
    const l = candidate(c.left, slot, kind, source, cache, estimateModels, mode);
    const r = candidate(c.right, slot, kind, source, cache, estimateModels, mode);
    if (l && r && l.implied && r.implied && l.access.kind === r.access.kind) {
      if (l.access.kind === 'twinById' && r.access.kind === 'twinById') {
        const ids = [...new Set([...l.access.ids, ...r.access.ids])];
        return { access: { kind: 'twinById', ids }, cost: ids.length, implied: true };
      }
      if ((l.access.kind === 'relOutgoing' && r.access.kind === 'relOutgoing') || (l.access.kind === 'relIncoming' && r.access.kind === 'relIncoming')) {
        const ids = [...new Set([...l.access.twinIds, ...r.access.twinIds])];
        return { access: { ...l.access, twinIds: ids }, cost: ids.length * 4, implied: true };
      }
    }
  }
  return undefined;
}

/** When the planner may build a property index: only use built ones, on repeated demand, or always. */
type BuildMode = 'cheap' | 'demand' | 'force';

/** Best access path for `slot` among the single-slot conjuncts. */
function bestAccess(
  slot: number, kind: 'twin' | 'rel', list: BoundCondition[], source: QuerySource, cache: IndexCache, estimateModels: boolean, mode: BuildMode,
): { cand: Candidate; cond?: BoundCondition } {
  const scan: Candidate = {
    access: kind === 'twin' ? { kind: 'twinScan' } : { kind: 'relScan' },
    cost: kind === 'twin' ? source.twinCount() : source.relationshipCount(),
    implied: false,
  };
  let best: { cand: Candidate; cond?: BoundCondition } = { cand: scan };
  for (const c of list) {
    const cand = candidate(c, slot, kind, source, cache, estimateModels, mode);
    if (!cand) continue;
    if (best.cand === scan || cand.cost < best.cand.cost) best = { cand, cond: c };
  }
  return best;
}

const isScan = (a: Access) => a.kind === 'twinScan' || a.kind === 'relScan';
const isPoint = (a: Access) => a.kind === 'twinById' || a.kind === 'relOutgoing' || a.kind === 'relIncoming';

/** A plan for `query`, from the cache when the source has not changed since it was made. */
export function cachedPlan(query: BoundQuery, source: QuerySource, cache: IndexCache): Plan {
  const hit = cache.plan(query.text);
  if (hit && hit.query === query) return hit;
  const plan = planQuery(query, source, cache);
  if (!plan.volatile) cache.setPlan(query.text, plan);
  return plan;
}

export function planQuery(query: BoundQuery, source: QuerySource, cache: IndexCache): Plan {
  const deferredBefore = cache.deferred;
  const all = conjuncts(query.where);
  const slotSets = all.map((c) => slotsOf(c));
  const singleSlot = (slot: number) => all.filter((_, i) => slotSets[i].size === 1 && slotSets[i].has(slot));

  // 1. Anchor: the twin (or relationship) slot with the cheapest access path.
  const twinSlots = query.slots.map((s, i) => (i === 0 || s.kind === 'twin' ? i : -1)).filter((i) => i >= 0);
  const multi = query.edges.length > 0;
  // Model counts (one pass over a model's twins, cached per version) only matter to choose among several slots.
  const pick = (mode: BuildMode, countModels: boolean) => {
    let best = { anchor: 0, chosen: bestAccess(0, query.slots[0].kind, singleSlot(0), source, cache, countModels, mode) };
    for (const i of twinSlots) {
      if (i === 0) continue;
      const b = bestAccess(i, 'twin', singleSlot(i), source, cache, countModels, mode);
      if (b.cand.cost < best.chosen.cand.cost || (isScan(best.chosen.cand.access) && !isScan(b.cand.access))) best = { anchor: i, chosen: b };
    }
    return best;
  };
  // Point lookups win outright; otherwise property indexes are considered (built on repeated demand), and when
  // nothing beats a scan, an equality index is built now (one pass, never worse than the scan it replaces).
  let { anchor, chosen } = pick('cheap', false);
  if (!isPoint(chosen.cand.access)) ({ anchor, chosen } = pick('demand', multi));
  if (isScan(chosen.cand.access)) {
    const forced = pick('force', multi);
    if (!isScan(forced.chosen.cand.access)) ({ anchor, chosen } = forced);
  }
  let access = chosen.cand.access;
  const consumed: BoundCondition[] = chosen.cand.implied && chosen.cond ? [chosen.cond] : [];
  if ((access.kind === 'relOutgoing' || access.kind === 'relIncoming') && access.name === undefined) {
    const nameEq = singleSlot(anchor).map((c) => equality(c, anchor)).find((e) => e && isSingle(e.path, '$relationshipName') && typeof e.value === 'string');
    if (nameEq) access = { ...access, name: nameEq.value as string };
  }

  // 2. Walk the pattern tree outwards from the anchor.
  const steps: Step[] = [];
  const stageOf = new Map<number, number>([[anchor, 0]]);
  const pending: PatternEdge[] = [...query.edges];
  while (pending.length) {
    const i = pending.findIndex((e) => stageOf.has(e.from) || stageOf.has(e.to));
    if (i < 0) break; // disconnected: cannot happen for JOIN/MATCH trees
    const e = pending.splice(i, 1)[0];
    const forward = stageOf.has(e.from);
    const step: Step = {
      from: forward ? e.from : e.to,
      to: forward ? e.to : e.from,
      direction: forward || e.direction === 'any' ? e.direction : e.direction === 'out' ? 'in' : 'out',
      names: e.names,
      minHops: e.minHops,
      maxHops: e.maxHops,
    };
    if (e.relSlot !== undefined) {
      step.relSlot = e.relSlot;
      stageOf.set(e.relSlot, steps.length + 1);
    }
    stageOf.set(step.to, steps.length + 1);
    steps.push(step);
  }

  // 3. Each remaining conjunct at the first stage where all its slots are bound.
  const filters: PlannedFilter[][] = Array.from({ length: steps.length + 1 }, () => []);
  all.forEach((c, i) => {
    if (consumed.includes(c)) return;
    let stage = 0;
    for (const s of slotSets[i]) stage = Math.max(stage, stageOf.get(s) ?? 0);
    filters[stage].push({ cond: c, predicate: compileCondition(c, source) });
  });
  return { query, anchor, access, estimate: chosen.cand.cost, steps, filters, consumed, volatile: cache.deferred !== deferredBefore };
}
