/**
 * The WHERE layer of the query parser: conditions (OR < AND < NOT < predicate), comparisons, IN / NIN lists,
 * literals, property paths and function calls, with ADT's limits (AND/OR count, IN list size, nesting depth).
 */
import type { CompareOp, Condition, FunctionCall, FunctionName, LiteralExpr, Operand, PathExpr, Pos } from './ast.ts';
import { TokenCursor } from './TokenCursor.ts';
import type { Token } from './tokenize.ts';

export const FUNCTIONS: Record<string, FunctionName> = {
  IS_OF_MODEL: 'IS_OF_MODEL', IS_DEFINED: 'IS_DEFINED', IS_NULL: 'IS_NULL', IS_PRIMITIVE: 'IS_PRIMITIVE',
  IS_BOOL: 'IS_BOOL', IS_NUMBER: 'IS_NUMBER', IS_STRING: 'IS_STRING', IS_OBJECT: 'IS_OBJECT',
  STARTSWITH: 'STARTSWITH', STARTS_WITH: 'STARTSWITH', ENDSWITH: 'ENDSWITH', ENDS_WITH: 'ENDSWITH',
  CONTAINS: 'CONTAINS', ARRAY_CONTAINS: 'ARRAY_CONTAINS',
};
const ONE_ARG = new Set<FunctionName>(['IS_DEFINED', 'IS_NULL', 'IS_PRIMITIVE', 'IS_BOOL', 'IS_NUMBER', 'IS_STRING', 'IS_OBJECT']);
export const AGGREGATES = new Set(['AVG', 'SUM', 'MIN', 'MAX']);
/** Nesting limit of NOT / parentheses: keeps the recursive descent far from the call-stack limit. */
const MAX_NESTING = 100;
export const COMPARE: ReadonlySet<string> = new Set(['=', '!=', '<', '>', '<=', '>=']);

export class ConditionParser extends TokenCursor {
  private andOr = 0;
  private depth = 0;

  protected path(what: string): PathExpr {
    const first = this.name(what);
    const segments = [first.value];
    while (this.isPunct(this.peek(), '.')) {
      this.next();
      segments.push(this.name('a property name after .').value);
    }
    const t = this.peek();
    if (this.isPunct(t, '[')) this.fail(t, 'array indexing is not supported; use ARRAY_CONTAINS', 'an operator');
    return { kind: 'path', segments, pos: first.pos };
  }

  // ---- WHERE ----
  protected condition(): Condition {
    let left = this.andExpr();
    while (this.isKw(this.peek(), 'OR')) {
      const op = this.next();
      this.countAndOr(op);
      const right = this.andExpr();
      left = { kind: 'or', left, right, pos: op.pos };
    }
    return left;
  }

  protected andExpr(): Condition {
    let left = this.notExpr();
    while (this.isKw(this.peek(), 'AND')) {
      const op = this.next();
      this.countAndOr(op);
      const right = this.notExpr();
      left = { kind: 'and', left, right, pos: op.pos };
    }
    return left;
  }

  protected countAndOr(op: Token): void {
    if (++this.andOr > this.limits.maxAndOr) this.fail(op, `too many AND/OR operators: at most ${this.limits.maxAndOr} are allowed`);
  }

  protected notExpr(): Condition {
    const t = this.peek();
    if (++this.depth > MAX_NESTING) this.fail(t, `conditions nested too deeply (more than ${MAX_NESTING} levels of NOT / parentheses)`);
    try {
      return this.notExprInner(t);
    } finally {
      this.depth--;
    }
  }

  protected notExprInner(t: Token): Condition {
    if (this.isKw(t, 'NOT')) {
      this.next();
      return { kind: 'not', operand: this.notExpr(), pos: t.pos };
    }
    if (this.isPunct(t, '(')) {
      this.next();
      if (this.isKw(this.peek(), 'SELECT')) this.fail(this.peek(), 'subqueries are not supported', 'a condition');
      const c = this.condition();
      this.expectPunct(')');
      return c;
    }
    return this.predicate();
  }

  protected predicate(): Condition {
    const t = this.peek();
    if (t.kind === 'ident' && this.isPunct(this.peek(1), '(')) return this.functionCall();
    const left = this.operand();
    const op = this.peek();
    if (op.kind === 'punct' && COMPARE.has(op.value)) {
      this.next();
      const right = this.operand();
      this.noArithmetic();
      return { kind: 'compare', op: op.value as CompareOp, left, right, pos: op.pos };
    }
    const up = op.kind === 'ident' ? op.value.toUpperCase() : '';
    if (up === 'IN' || up === 'NIN' || up === 'NOT_IN' || (up === 'NOT' && this.isKw(this.peek(1), 'IN'))) {
      this.next();
      if (up === 'NOT') this.next();
      const values = this.literalList();
      return { kind: 'in', negated: up !== 'IN', operand: left, values, pos: op.pos };
    }
    if (up === 'LIKE' || (up === 'NOT' && this.isKw(this.peek(1), 'LIKE'))) this.fail(op, 'LIKE is not supported; use STARTSWITH, ENDSWITH or CONTAINS', 'a comparison operator');
    if (up === 'BETWEEN') this.fail(op, 'BETWEEN is not supported; use >= and <=', 'a comparison operator');
    if (up === 'IS') this.fail(op, 'IS is not supported; use IS_NULL(...) or IS_DEFINED(...)', 'a comparison operator');
    if (op.kind === 'punct' && ['+', '-', '*', '/', '%'].includes(op.value)) this.fail(op, 'arithmetic is not supported in queries', 'a comparison operator');
    if (this.isPunct(op, '<>')) this.fail(op, "'<>' is not supported; use '!='", 'a comparison operator');
    return this.mismatch(op, "a comparison operator (=, !=, <, >, <=, >=), IN or NIN");
  }

  protected noArithmetic(): void {
    const t = this.peek();
    if (t.kind === 'punct' && ['+', '-', '*', '/', '%'].includes(t.value)) this.fail(t, 'arithmetic is not supported in queries', 'AND, OR or <EOF>');
  }

  protected literalList(): LiteralExpr[] {
    const open = this.peek();
    if (this.isPunct(open, '(') && this.isKw(this.peek(1), 'SELECT')) this.fail(this.peek(1), 'subqueries are not supported', "'['");
    this.expectPunct('[');
    const values: LiteralExpr[] = [];
    for (;;) {
      const t = this.peek();
      if (values.length >= this.limits.maxInItems) this.fail(t, `too many values in the IN/NIN list: at most ${this.limits.maxInItems} are allowed`, "']'");
      values.push(this.literal('a literal value'));
      if (!this.isPunct(this.peek(), ',')) break;
      this.next();
    }
    this.expectPunct(']');
    return values;
  }

  protected operand(): Operand {
    const t = this.peek();
    if (t.kind === 'string' || t.kind === 'number' || this.isPunct(t, '-') || this.isKw(t, 'TRUE') || this.isKw(t, 'FALSE') || this.isKw(t, 'NULL')) {
      return this.literal('an operand');
    }
    if (this.isPunct(t, '@')) this.fail(t, 'query parameters are not supported', 'an operand');
    if (this.isPunct(t, '(') ) this.fail(t, 'parenthesised expressions are not supported as operands', 'an operand');
    if (this.isPunct(t, '[')) this.fail(t, 'array literals are only allowed after IN / NIN', 'an operand');
    if (t.kind === 'ident' && this.isKw(t, 'UNDEFINED')) this.fail(t, 'undefined is not a literal; use IS_DEFINED(...)', 'an operand');
    return this.path('an operand');
  }

  protected literal(what: string): LiteralExpr {
    const t = this.peek();
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.value, pos: t.pos };
    }
    if (t.kind === 'number') {
      this.next();
      return { kind: 'literal', value: Number(t.value), pos: t.pos };
    }
    if (this.isPunct(t, '-') && this.peek(1).kind === 'number') {
      this.next();
      const n = this.next();
      return { kind: 'literal', value: -Number(n.value), pos: t.pos };
    }
    if (this.isKw(t, 'TRUE') || this.isKw(t, 'FALSE')) {
      this.next();
      return { kind: 'literal', value: t.value.toUpperCase() === 'TRUE', pos: t.pos };
    }
    if (this.isKw(t, 'NULL')) {
      this.next();
      return { kind: 'literal', value: null, pos: t.pos };
    }
    return this.mismatch(t, what);
  }

  protected functionCall(): Condition {
    const t = this.next();
    const up = t.value.toUpperCase();
    const fn = FUNCTIONS[up];
    if (!fn) {
      if (AGGREGATES.has(up) || up === 'COUNT') this.fail(t, `aggregate ${up} is not allowed in WHERE`, 'a condition');
      this.fail(t, `unknown function '${t.value}'`, 'a condition');
    }
    this.expectPunct('(');
    if (fn === 'IS_OF_MODEL') {
      let alias: string | undefined;
      let aliasPos: Pos | undefined;
      if (this.peek().kind !== 'string') {
        const a = this.name("a collection alias or a model id string");
        alias = a.value;
        aliasPos = a.pos;
        this.expectPunct(',');
      }
      const m = this.peek();
      if (m.kind !== 'string') this.mismatch(m, 'a model id string');
      this.next();
      let exact = false;
      if (this.isPunct(this.peek(), ',')) {
        this.next();
        const e = this.peek();
        if (!this.isKw(e, 'EXACT')) this.mismatch(e, 'exact');
        this.next();
        exact = true;
      }
      this.expectPunct(')');
      const call: Condition = { kind: 'isOfModel', model: m.value, exact, pos: t.pos };
      if (alias !== undefined) {
        call.alias = alias;
        call.aliasPos = aliasPos;
      }
      return call;
    }
    const args: Operand[] = [this.operand()];
    const arity = ONE_ARG.has(fn) ? 1 : 2;
    while (args.length < arity) {
      this.expectPunct(',');
      args.push(this.operand());
    }
    const close = this.peek();
    if (!this.isPunct(close, ')')) this.mismatch(close, arity === 1 ? `')' (${fn} takes one argument)` : `')' (${fn} takes two arguments)`);
    this.next();
    if (ONE_ARG.has(fn) && args[0].kind !== 'path') this.fail(t, `${fn} expects a property path`, 'a property path');
    if (fn === 'ARRAY_CONTAINS' && args[0].kind !== 'path') this.fail(t, 'ARRAY_CONTAINS expects an array property path first', 'a property path');
    const after = this.peek();
    if (after.kind === 'punct' && COMPARE.has(after.value)) this.fail(after, `${fn}(...) is a condition and cannot be compared`, 'AND, OR or <EOF>');
    const call: FunctionCall = { kind: 'call', name: fn as FunctionCall['name'], args, pos: t.pos };
    return call;
  }
}
