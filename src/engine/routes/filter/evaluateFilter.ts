/**
 * Evaluates a parsed event filter against a CloudEvent. `$body` is the event's data. A missing path is
 * undefined; any comparison with undefined is false (so `$body.temperature > 5` skips events without it).
 * Numbers compare numerically, strings by code points, mixed types only for (in)equality.
 */
import type { CloudEvent } from '../../types.ts';
import type { FilterExpr } from './ast.ts';

type Value = unknown;

export function evaluateFilter(expr: FilterExpr, event: CloudEvent): boolean {
  return evaluate(expr, event) === true;
}

function resolvePath(path: string[], event: CloudEvent): Value {
  let v: unknown = path[0] === '$body' ? event.data : (event as unknown as Record<string, unknown>)[path[0]!];
  for (let k = 1; k < path.length; k++) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, path[k]!)) return undefined;
    v = (v as Record<string, unknown>)[path[k]!];
  }
  return v;
}

function evaluate(e: FilterExpr, event: CloudEvent): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'path':
      return resolvePath(e.path, event);
    case 'not':
      return evaluate(e.operand, event) !== true;
    case 'and':
      return evaluate(e.left, event) === true && evaluate(e.right, event) === true;
    case 'or':
      return evaluate(e.left, event) === true || evaluate(e.right, event) === true;
    case 'compare':
      return compare(e.op, evaluate(e.left, event), evaluate(e.right, event));
    case 'in': {
      const v = evaluate(e.operand, event);
      if (v === undefined) return false;
      const found = e.list.some((item) => compare('=', v, evaluate(item, event)));
      return e.negated ? !found : found;
    }
    case 'call': {
      const a = e.args.map((x) => evaluate(x, event));
      if (e.fn === 'IS_DEFINED') return a[0] !== undefined;
      if (typeof a[0] !== 'string' || typeof a[1] !== 'string') return false;
      if (e.fn === 'STARTS_WITH') return a[0].startsWith(a[1]);
      if (e.fn === 'ENDS_WITH') return a[0].endsWith(a[1]);
      return a[0].includes(a[1]);
    }
  }
}

function compare(op: string, l: Value, r: Value): boolean {
  if (l === undefined || r === undefined) return false;
  if (op === '=') return sameValue(l, r);
  if (op === '!=') return !sameValue(l, r);
  if (typeof l === 'number' && typeof r === 'number') {
    return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
  }
  if (typeof l === 'string' && typeof r === 'string') {
    return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
  }
  return false;
}

function sameValue(l: Value, r: Value): boolean {
  if (l === null || typeof l !== 'object') return l === r;
  return JSON.stringify(l) === JSON.stringify(r);
}
