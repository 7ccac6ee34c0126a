/**
 * Evaluates a parsed expression over a scope of twin data ({PrimaryTwin, <alias>...}).
 * Safe by construction: it walks the AST itself (never eval / new Function), reads only own data properties
 * of plain objects, and can call only the whitelisted functions below (Math.*, a few string/number methods).
 */
import type { ExprNode, ExprResult } from './types.ts';

/** A callable the evaluator provides; data can never produce one. */
class Builtin {
  constructor(readonly name: string, readonly fn: (...args: unknown[]) => unknown) {}
}
/** A namespace object (Math) whose members come from a table. */
class Namespace {
  constructor(readonly name: string, readonly members: Record<string, unknown>) {}
}

const num = (f: (...xs: number[]) => number, name: string) => new Builtin(name, (...xs) => f(...xs.map(Number)));

const MATH = new Namespace('Math', {
  PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, SQRT2: Math.SQRT2,
  abs: num(Math.abs, 'Math.abs'), min: num(Math.min, 'Math.min'), max: num(Math.max, 'Math.max'),
  round: num(Math.round, 'Math.round'), floor: num(Math.floor, 'Math.floor'), ceil: num(Math.ceil, 'Math.ceil'),
  trunc: num(Math.trunc, 'Math.trunc'), sign: num(Math.sign, 'Math.sign'), sqrt: num(Math.sqrt, 'Math.sqrt'),
  cbrt: num(Math.cbrt, 'Math.cbrt'), pow: num(Math.pow, 'Math.pow'), exp: num(Math.exp, 'Math.exp'),
  log: num(Math.log, 'Math.log'), log10: num(Math.log10, 'Math.log10'), log2: num(Math.log2, 'Math.log2'),
  sin: num(Math.sin, 'Math.sin'), cos: num(Math.cos, 'Math.cos'), tan: num(Math.tan, 'Math.tan'),
  atan2: num(Math.atan2, 'Math.atan2'), hypot: num(Math.hypot, 'Math.hypot'),
});

const GLOBALS: Record<string, unknown> = {
  Math: MATH,
  Number: new Builtin('Number', (x) => Number(primitive(x))),
  String: new Builtin('String', (x) => toText(x)),
  Boolean: new Builtin('Boolean', (x) => Boolean(x)),
  isNaN: new Builtin('isNaN', (x) => Number.isNaN(Number(primitive(x)))),
  isFinite: new Builtin('isFinite', (x) => Number.isFinite(Number(primitive(x)))),
  parseFloat: new Builtin('parseFloat', (x) => Number.parseFloat(toText(x))),
  parseInt: new Builtin('parseInt', (x, r) => Number.parseInt(toText(x), r === undefined ? 10 : Number(r))),
};

const STRING_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  toUpperCase: (s) => s.toUpperCase(),
  toLowerCase: (s) => s.toLowerCase(),
  trim: (s) => s.trim(),
  includes: (s, x) => s.includes(toText(x)),
  startsWith: (s, x) => s.startsWith(toText(x)),
  endsWith: (s, x) => s.endsWith(toText(x)),
  indexOf: (s, x) => s.indexOf(toText(x)),
  slice: (s, a, b) => s.slice(a === undefined ? undefined : Number(a), b === undefined ? undefined : Number(b)),
  substring: (s, a, b) => s.substring(Number(a), b === undefined ? undefined : Number(b)),
  padStart: (s, n, f) => s.padStart(Math.min(Number(n), 1000), f === undefined ? ' ' : toText(f)),
  toString: (s: string) => s,
};
const NUMBER_METHODS: Record<string, (n: number, ...a: unknown[]) => unknown> = {
  toFixed: (n, d) => n.toFixed(clampDigits(d, 0, 100)),
  toPrecision: (n, d) => (d === undefined ? n.toPrecision() : n.toPrecision(clampDigits(d, 1, 100))),
  toString: (n: number) => String(n),
};
const ARRAY_METHODS: Record<string, (a: unknown[], ...x: unknown[]) => unknown> = {
  includes: (a, x) => a.includes(x),
  indexOf: (a, x) => a.indexOf(x),
  join: (a, sep) => a.map(toText).join(sep === undefined ? ',' : toText(sep)),
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__lookupGetter__']);

function clampDigits(d: unknown, lo: number, hi: number): number {
  const n = d === undefined ? lo : Math.trunc(Number(d));
  return Number.isFinite(n) ? Math.max(lo, Math.min(hi, n)) : lo;
}

function isPlainData(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function primitive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v instanceof Builtin ? NaN : v;
  return NaN;
}

/** Converts a value to display text the way a template literal would, without calling user code. */
export function toText(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Builtin || v instanceof Namespace) return `[${v.name}]`;
  try {
    return JSON.stringify(v);
  } catch (_e) {
    return '[object]';
  }
}

class EvalFailure {
  constructor(readonly message: string, readonly node: ExprNode) {}
}

export type Scope = Readonly<Record<string, unknown>>;

export function evaluateExpression(node: ExprNode, scope: Scope): ExprResult<unknown> {
  try {
    const v = evaluate(node, scope);
    if (v instanceof Builtin || v instanceof Namespace) {
      return { ok: false, error: { code: 'ExpressionEvalError', message: `${v.name} is a function, not a value`, offset: node.start, end: node.end } };
    }
    return { ok: true, value: v };
  } catch (e) {
    if (e instanceof EvalFailure) {
      return { ok: false, error: { code: 'ExpressionEvalError', message: e.message, offset: e.node.start, end: e.node.end } };
    }
    if (e instanceof RangeError || e instanceof TypeError) {
      return { ok: false, error: { code: 'ExpressionEvalError', message: e.message, offset: node.start, end: node.end } };
    }
    throw e;
  }
}

function evaluate(node: ExprNode, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      if (Object.hasOwn(scope, node.name)) return scope[node.name];
      if (Object.hasOwn(GLOBALS, node.name)) return GLOBALS[node.name];
      throw new EvalFailure(`Unknown name '${node.name}'`, node);
    case 'template': {
      let out = node.quasis[0];
      for (let i = 0; i < node.expressions.length; i++) out += toText(evaluate(node.expressions[i], scope)) + node.quasis[i + 1];
      return out;
    }
    case 'array':
      return node.elements.map((e) => evaluate(e, scope));
    case 'member': {
      const obj = evaluate(node.object, scope);
      if (obj === null || obj === undefined) {
        if (node.optional) return undefined;
        throw new EvalFailure(`Cannot read '${propertyLabel(node)}' of ${obj === null ? 'null' : 'undefined'}`, node);
      }
      const key = evaluate(node.property, scope);
      return readMember(obj, key, node);
    }
    case 'call': {
      const callee = evaluate(node.callee, scope);
      if (!(callee instanceof Builtin)) throw new EvalFailure(`'${calleeLabel(node.callee)}' is not a function that expressions may call`, node.callee);
      const args = node.args.map((a) => evaluate(a, scope));
      return callee.fn(...args);
    }
    case 'unary': {
      const v = evaluate(node.argument, scope);
      switch (node.operator) {
        case '!': return !v;
        case '-': return -(arith(v, node.argument) as number);
        case '+': return +(arith(v, node.argument) as number);
        case '~': return ~(arith(v, node.argument) as number);
      }
      break;
    }
    case 'conditional':
      return evaluate(node.test, scope) ? evaluate(node.consequent, scope) : evaluate(node.alternate, scope);
    case 'binary': {
      const op = node.operator;
      if (op === '&&') { const l = evaluate(node.left, scope); return l ? evaluate(node.right, scope) : l; }
      if (op === '||') { const l = evaluate(node.left, scope); return l ? l : evaluate(node.right, scope); }
      if (op === '??') { const l = evaluate(node.left, scope); return l ?? evaluate(node.right, scope); }
      const l = evaluate(node.left, scope);
      const r = evaluate(node.right, scope);
      if (op === '===') return l === r;
      if (op === '!==') return l !== r;
      if (op === '==' || op === '!=') {
        // Loose equality only between primitives (objects compare by identity), so no user conversion runs.
        const eq = typeof l === 'object' || typeof r === 'object' ? l === r || (l == null && r == null) : l == r;
        return op === '==' ? eq : !eq;
      }
      if (op === '+') {
        if (typeof l === 'string' || typeof r === 'string') return toText(l) + toText(r);
        return (arith(l, node.left) as number) + (arith(r, node.right) as number);
      }
      const a = arith(l, node.left) as number & string;
      const b = arith(r, node.right) as number & string;
      switch (op) {
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
        case '**': return a ** b;
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
        case '&': return a & b;
        case '|': return a | b;
        case '^': return a ^ b;
        case '<<': return a << b;
        case '>>': return a >> b;
        case '>>>': return a >>> b;
      }
    }
  }
  throw new EvalFailure('Unsupported expression', node);
}

/** Operands of arithmetic/comparison must be primitives; objects are rejected rather than coerced. */
function arith(v: unknown, node: ExprNode): unknown {
  if (v !== null && typeof v === 'object') throw new EvalFailure('An object cannot be used as a number', node);
  if (v instanceof Builtin) throw new EvalFailure('A function cannot be used as a number', node);
  return v;
}

function readMember(obj: unknown, key: unknown, node: ExprNode & { kind: 'member' }): unknown {
  const k = typeof key === 'number' ? key : toText(key);
  if (typeof k === 'string' && FORBIDDEN_KEYS.has(k)) throw new EvalFailure(`Property '${k}' is not accessible`, node.property);
  if (obj instanceof Namespace) {
    if (typeof k === 'string' && Object.hasOwn(obj.members, k)) return obj.members[k];
    throw new EvalFailure(`${obj.name}.${String(k)} is not available`, node.property);
  }
  if (obj instanceof Builtin) throw new EvalFailure(`Cannot read properties of ${obj.name}`, node);
  if (typeof obj === 'string') {
    if (k === 'length') return obj.length;
    if (typeof k === 'number') return obj[k];
    if (Object.hasOwn(STRING_METHODS, k)) { const m = STRING_METHODS[k]; return new Builtin(k, (...a) => m(obj, ...a)); }
    return undefined;
  }
  if (typeof obj === 'number') {
    if (typeof k === 'string' && Object.hasOwn(NUMBER_METHODS, k)) { const m = NUMBER_METHODS[k]; return new Builtin(k, (...a) => m(obj, ...a)); }
    return undefined;
  }
  if (Array.isArray(obj)) {
    if (k === 'length') return obj.length;
    const idx = typeof k === 'number' ? k : /^\d+$/.test(k) ? Number(k) : NaN;
    if (Number.isInteger(idx)) return obj[idx];
    if (Object.hasOwn(ARRAY_METHODS, k)) { const m = ARRAY_METHODS[k]; return new Builtin(String(k), (...a) => m(obj, ...a)); }
    return undefined;
  }
  if (isPlainData(obj)) return Object.hasOwn(obj, k) ? obj[k as string] : undefined;
  return undefined;
}

function propertyLabel(node: ExprNode & { kind: 'member' }): string {
  return node.property.kind === 'literal' ? String(node.property.value) : '[...]';
}
function calleeLabel(node: ExprNode): string {
  if (node.kind === 'identifier') return node.name;
  if (node.kind === 'member') return `${calleeLabel(node.object)}.${propertyLabel(node)}`;
  return 'expression';
}
