/**
 * `explain`: the plan the engine would run, as plain JSON (for the UI's query panel and for tests).
 */
import type { BoundCondition, BoundOperand, BoundQuery } from './bindQuery.ts';
import { indexCacheOf } from './IndexCache.ts';
import type { QueryLimits } from './limits.ts';
import { planQuery, type Access } from './planQuery.ts';
import { prepareQuery } from './prepareQuery.ts';
import type { QuerySource } from './QuerySource.ts';
import { err, ok, type Result } from '../types.ts';

export interface QueryExplanation {
  collection: 'DIGITALTWINS' | 'RELATIONSHIPS';
  select: string;
  top?: number;
  /** Where execution starts. */
  start: { alias: string; access: Access; estimatedRows: number; answers: string[] };
  /** The pattern walk, in execution order. */
  steps: Array<{ from: string; to: string; direction: 'out' | 'in' | 'any'; relationships: string[]; hops: [number, number]; relationshipAlias?: string; filters: string[] }>;
  /** Conditions checked on the start collection. */
  filters: string[];
}

const json = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v));

export function conditionText(c: BoundCondition, q: BoundQuery): string {
  const name = (slot: number) => q.slots[slot].name;
  const operand = (o: BoundOperand): string => {
    if (o.kind === 'literal') return json(o.value);
    const base = q.slots[o.path.slot].hidden && q.edges.length === 0 ? [] : [name(o.path.slot)];
    return [...base, ...o.path.segments.map((s) => (/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(s) ? s : `[[${s}]]`))].join('.');
  };
  switch (c.kind) {
    case 'and':
    case 'or':
      return `(${conditionText(c.left, q)} ${c.kind.toUpperCase()} ${conditionText(c.right, q)})`;
    case 'not':
      return `NOT ${conditionText(c.operand, q)}`;
    case 'compare':
      return `${operand(c.left)} ${c.op} ${operand(c.right)}`;
    case 'in':
      return `${operand(c.operand)} ${c.negated ? 'NIN' : 'IN'} [${c.values.map(json).join(', ')}]`;
    case 'isOfModel':
      return `IS_OF_MODEL(${name(c.slot)}, ${json(c.model)}${c.exact ? ', exact' : ''})`;
    case 'call':
      return `${c.name}(${c.args.map(operand).join(', ')})`;
  }
}

export function explainQuery(text: string, source: QuerySource, opts: { limits?: Partial<QueryLimits> } = {}): Result<QueryExplanation> {
  let q: BoundQuery;
  let plan: ReturnType<typeof planQuery>;
  try {
    const prepared = prepareQuery(text, opts.limits);
    if (!prepared.ok) return prepared;
    q = prepared.value;
    plan = planQuery(q, source, indexCacheOf(source));
  } catch (e) {
    return err('InternalError', `The query could not be planned: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sel = q.select;
  const out: QueryExplanation = {
    collection: q.collection,
    select: sel.kind === 'count' ? 'COUNT()' : sel.kind === 'star' ? '*' : sel.items.map((i) => i.key).join(', '),
    start: {
      alias: q.slots[plan.anchor].name,
      access: plan.access,
      estimatedRows: plan.estimate,
      answers: plan.consumed.map((c) => conditionText(c, q)),
    },
    steps: plan.steps.map((s, i) => {
      const step: QueryExplanation['steps'][number] = {
        from: q.slots[s.from].name,
        to: q.slots[s.to].name,
        direction: s.direction,
        relationships: s.names,
        hops: [s.minHops, s.maxHops],
        filters: plan.filters[i + 1].map((f) => conditionText(f.cond, q)),
      };
      if (s.relSlot !== undefined) step.relationshipAlias = q.slots[s.relSlot].name;
      return step;
    }),
    filters: plan.filters[0].map((f) => conditionText(f.cond, q)),
  };
  if (sel.kind !== 'count' && sel.top !== undefined) out.top = sel.top;
  return ok(out);
}
