/**
 * Value semantics of the query language (Cosmos-DB-SQL-like, which ADT's language descends from).
 *
 * Chosen rules (adt-api.md §1.2 marks them [inferred]; documented in the query README section of DESIGN):
 * - A comparison is *undefined* when either side is missing or the two sides have different JSON types
 *   (e.g. `'5' = 5`, `name > 3`, `null < 1`). Undefined excludes the row, and `NOT undefined` is still
 *   undefined, so `NOT (x = 1)` does not select twins without `x`.
 * - Numbers compare numerically (integers and doubles mix), strings ordinally (UTF-16 code units, case-sensitive),
 *   booleans and null only with `=` / `!=`. Objects and arrays do not compare (undefined).
 * - `IN` / `NIN`: undefined when the value is missing or not a primitive; otherwise true/false by strict equality.
 * - STARTSWITH / ENDSWITH / CONTAINS: undefined unless both arguments are strings (so `NOT STARTSWITH(x, 'a')`
 *   does not select twins without `x`); ARRAY_CONTAINS: undefined unless the first argument is an array.
 * - The IS_* type checks are never undefined: IS_DEFINED(missing) is false, so NOT IS_DEFINED(x) selects it.
 */
import type { CompareOp, LiteralValue } from './ast.ts';

/** Walks a path of object keys; arrays are not indexed (ADT has no `arr[i]`). */
export function getPath(doc: unknown, segments: readonly string[]): unknown {
  let v = doc;
  for (let i = 0; i < segments.length; i++) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[segments[i]];
    if (v === undefined) return undefined;
  }
  return v;
}

export function isPrimitive(v: unknown): v is LiteralValue {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Three-valued comparison: true, false, or undefined (row excluded). */
export function compareValues(op: CompareOp, a: unknown, b: unknown): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  const ta = typeof a;
  if (ta !== typeof b) return undefined;
  if (ta === 'number' || ta === 'string') {
    const x = a as number | string;
    const y = b as number | string;
    switch (op) {
      case '=': return x === y;
      case '!=': return x !== y;
      case '<': return x < y;
      case '>': return x > y;
      case '<=': return x <= y;
      case '>=': return x >= y;
    }
  }
  if (ta === 'boolean' || (a === null && b === null)) {
    if (op === '=') return a === b;
    if (op === '!=') return a !== b;
    return undefined;
  }
  return undefined;
}

export function inList(v: unknown, values: readonly LiteralValue[]): boolean | undefined {
  if (v === undefined || !isPrimitive(v)) return undefined;
  for (let i = 0; i < values.length; i++) if (values[i] === v) return true;
  return false;
}

export function typeCheck(fn: string, v: unknown): boolean {
  switch (fn) {
    case 'IS_DEFINED': return v !== undefined;
    case 'IS_NULL': return v === null;
    case 'IS_BOOL': return typeof v === 'boolean';
    case 'IS_NUMBER': return typeof v === 'number';
    case 'IS_STRING': return typeof v === 'string';
    case 'IS_OBJECT': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'IS_PRIMITIVE': return v !== undefined && isPrimitive(v);
    default: return false;
  }
}

export function stringFunction(fn: string, s: unknown, x: unknown): boolean | undefined {
  if (typeof s !== 'string' || typeof x !== 'string') return undefined;
  if (fn === 'STARTSWITH') return s.startsWith(x);
  if (fn === 'ENDSWITH') return s.endsWith(x);
  return s.includes(x);
}

export function arrayContains(arr: unknown, v: unknown): boolean | undefined {
  if (!Array.isArray(arr) || v === undefined || !isPrimitive(v)) return undefined;
  for (let i = 0; i < arr.length; i++) if (arr[i] === v) return true;
  return false;
}
