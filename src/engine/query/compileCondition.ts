/**
 * Compiles a bound condition into a closure over a row (one document per slot). Plain closures, no code
 * generation. Three-valued logic: true, false or undefined; a row passes only when the result is true.
 */
import type { BoundCondition, BoundOperand } from './bindQuery.ts';
import type { QuerySource } from './QuerySource.ts';
import type { Twin } from '../types.ts';
import { arrayContains, compareValues, getPath, inList, stringFunction, typeCheck } from './values.ts';

export type Row = unknown[];
export type RowPredicate = (row: Row) => boolean | undefined;
type RowValue = (row: Row) => unknown;

function operandFn(o: BoundOperand): RowValue {
  if (o.kind === 'literal') {
    const v = o.value;
    return () => v;
  }
  const { slot, segments } = o.path;
  if (segments.length === 0) return (row) => row[slot];
  if (segments.length === 1) {
    const k = segments[0];
    return (row) => {
      const d = row[slot] as Record<string, unknown> | undefined;
      return d === undefined ? undefined : d[k];
    };
  }
  return (row) => getPath(row[slot], segments);
}

export function compileCondition(c: BoundCondition, source: QuerySource): RowPredicate {
  switch (c.kind) {
    case 'and': {
      const l = compileCondition(c.left, source);
      const r = compileCondition(c.right, source);
      return (row) => {
        const a = l(row);
        if (a === false) return false;
        const b = r(row);
        if (b === false) return false;
        return a === true && b === true ? true : undefined;
      };
    }
    case 'or': {
      const l = compileCondition(c.left, source);
      const r = compileCondition(c.right, source);
      return (row) => {
        const a = l(row);
        if (a === true) return true;
        const b = r(row);
        if (b === true) return true;
        return a === false && b === false ? false : undefined;
      };
    }
    case 'not': {
      const f = compileCondition(c.operand, source);
      return (row) => {
        const v = f(row);
        return v === undefined ? undefined : !v;
      };
    }
    case 'compare': {
      const l = operandFn(c.left);
      const r = operandFn(c.right);
      const op = c.op;
      if (c.right.kind === 'literal' && typeof c.right.value === 'string' && (op === '=' || op === '!=')) {
        // Hot path: `path = 'string'`.
        const lit = c.right.value;
        return op === '='
          ? (row) => { const v = l(row); return typeof v === 'string' ? v === lit : undefined; }
          : (row) => { const v = l(row); return typeof v === 'string' ? v !== lit : undefined; };
      }
      return (row) => compareValues(op, l(row), r(row));
    }
    case 'in': {
      const f = operandFn(c.operand);
      const values = c.values;
      const negated = c.negated;
      const set = new Set(values);
      return (row) => {
        const v = f(row);
        const found = v !== undefined && set.has(v as never) ? true : inList(v, values);
        return found === undefined ? undefined : negated ? !found : found;
      };
    }
    case 'isOfModel': {
      const { slot, model, exact } = c;
      return (row) => {
        const t = row[slot] as Twin | undefined;
        return t !== undefined && typeof t === 'object' && t !== null && '$dtId' in t ? source.isOfModel(t, model, exact) : false;
      };
    }
    case 'call': {
      const args = c.args.map(operandFn);
      const name = c.name;
      if (args.length === 1) {
        const a = args[0];
        return (row) => typeCheck(name, a(row));
      }
      const [a, b] = args;
      if (name === 'ARRAY_CONTAINS') return (row) => arrayContains(a(row), b(row));
      return (row) => stringFunction(name, a(row), b(row));
    }
  }
}

/** Slots a condition reads. */
export function slotsOf(c: BoundCondition, out: Set<number> = new Set()): Set<number> {
  const op = (o: BoundOperand) => {
    if (o.kind === 'path') out.add(o.path.slot);
  };
  switch (c.kind) {
    case 'and':
    case 'or':
      slotsOf(c.left, out);
      slotsOf(c.right, out);
      break;
    case 'not':
      slotsOf(c.operand, out);
      break;
    case 'compare':
      op(c.left);
      op(c.right);
      break;
    case 'in':
      op(c.operand);
      break;
    case 'isOfModel':
      out.add(c.slot);
      break;
    case 'call':
      c.args.forEach(op);
      break;
  }
  return out;
}

/** Top-level conjuncts of a condition (flattens ANDs). */
export function conjuncts(c: BoundCondition | undefined): BoundCondition[] {
  if (!c) return [];
  if (c.kind === 'and') return [...conjuncts(c.left), ...conjuncts(c.right)];
  return [c];
}
