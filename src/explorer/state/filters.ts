/**
 * Filter / highlight logic of the canvas: by id or display name, by model (optionally with its subtypes) and
 * by property predicates (ADT Explorer #157, #6, #167). Pure functions; the store holds a FilterState.
 */
import type { Twin } from '../../engine/types.ts';

export type PredicateOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'startsWith' | 'exists' | 'missing';

export const predicateOps: readonly PredicateOp[] = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'startsWith', 'exists', 'missing'];

export interface PropertyPredicate {
  /** Property name; dots reach into components and objects (`thermostat.setPoint`). */
  property: string;
  op: PredicateOp;
  /** As typed by the user; compared as a number when both sides are numbers, as a boolean for true/false. */
  value?: string;
}

export interface FilterState {
  /** Substring of the twin id or display name (case-insensitive); '' = no text filter. */
  text: string;
  /** Models to keep; [] = all models. */
  models: string[];
  includeSubtypes: boolean;
  predicates: PropertyPredicate[];
  /** 'highlight' dims what does not match; 'filter' hides it. */
  mode: 'highlight' | 'filter';
}

export const emptyFilter: FilterState = { text: '', models: [], includeSubtypes: true, predicates: [], mode: 'highlight' };

export function isFilterActive(f: FilterState): boolean {
  return f.text.trim() !== '' || f.models.length > 0 || f.predicates.some((p) => p.property.trim() !== '');
}

/** `selected` plus every model that extends one of them, directly or not. `parents`: model -> its extends. */
export function expandSubtypes(selected: Iterable<string>, parents: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set(selected);
  const children = new Map<string, string[]>();
  for (const [child, ps] of parents) {
    for (const p of ps) {
      const list = children.get(p);
      if (list) list.push(child);
      else children.set(p, [child]);
    }
  }
  const queue = [...out];
  while (queue.length > 0) {
    const m = queue.pop()!;
    for (const c of children.get(m) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        queue.push(c);
      }
    }
  }
  return out;
}

export function readPath(twin: Record<string, unknown>, path: string): unknown {
  let node: unknown = twin;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function coerce(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return text;
}

export function testPredicate(twin: Record<string, unknown>, p: PropertyPredicate): boolean {
  const actual = readPath(twin, p.property.trim());
  if (p.op === 'exists') return actual !== undefined;
  if (p.op === 'missing') return actual === undefined;
  if (actual === undefined) return false;
  const expected = coerce(p.value ?? '');
  if (p.op === 'contains' || p.op === 'startsWith') {
    const a = typeof actual === 'string' ? actual : JSON.stringify(actual);
    const e = String(p.value ?? '');
    return p.op === 'contains' ? a.toLowerCase().includes(e.toLowerCase()) : a.startsWith(e);
  }
  if (p.op === '=' || p.op === '!=') {
    const eq = typeof actual === 'object' ? JSON.stringify(actual) === String(p.value ?? '') : actual === expected || String(actual) === String(p.value ?? '');
    return p.op === '=' ? eq : !eq;
  }
  // Ordering: numbers with numbers, strings with strings (ISO dates order as strings).
  let a: number | string;
  let e: number | string;
  if (typeof actual === 'number' && typeof expected === 'number') {
    a = actual;
    e = expected;
  } else if (typeof actual === 'string') {
    a = actual;
    e = String(p.value ?? '');
  } else return false;
  switch (p.op) {
    case '<': return a < e;
    case '<=': return a <= e;
    case '>': return a > e;
    case '>=': return a >= e;
  }
}

export interface FilterContext {
  displayName(twin: Twin): string;
  /** Expanded model set (with subtypes when asked); null = no model filter. */
  models: ReadonlySet<string> | null;
}

/** Builds the context once per filter change (model expansion is not per twin). */
export function filterContext(
  f: FilterState, parents: ReadonlyMap<string, readonly string[]>, displayName: (twin: Twin) => string,
): FilterContext {
  const models = f.models.length === 0 ? null : f.includeSubtypes ? expandSubtypes(f.models, parents) : new Set(f.models);
  return { displayName, models };
}

export function matchesFilter(twin: Twin, f: FilterState, ctx: FilterContext): boolean {
  if (ctx.models && !ctx.models.has(twin.$metadata?.$model)) return false;
  const text = f.text.trim().toLowerCase();
  if (text !== '' && !twin.$dtId.toLowerCase().includes(text) && !ctx.displayName(twin).toLowerCase().includes(text)) return false;
  for (const p of f.predicates) {
    if (p.property.trim() === '') continue;
    if (!testPredicate(twin, p)) return false;
  }
  return true;
}

/** Display label of a twin for a chosen property ('$dtId' or a property path); falls back to `*<id>` like ADT Explorer. */
export function displayNameOf(twin: Twin, property: string): string {
  if (property === '$dtId' || property === '') return twin.$dtId;
  const v = readPath(twin, property);
  if (v === undefined || v === null || v === '') return `*${twin.$dtId}`;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
