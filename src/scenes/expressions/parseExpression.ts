/**
 * Recursive-descent parser of the expression language used by visual rules, widgets and labels
 * (the JavaScript subset ADT 3D Scenes Studio accepts: member access, calls of whitelisted functions,
 * arithmetic, comparison, logical, bitwise, ternary, template literals). No assignment, no `new`,
 * no function literals: anything else is a syntax error with its offset.
 */
import { tokenize, type Token } from './tokenize.ts';
import type { BinaryOperator, ExprNode, ExprResult, ExpressionError } from './types.ts';

// Binary precedence, higher binds tighter (as in JavaScript).
const PRECEDENCE: Record<string, number> = {
  '??': 1, '||': 2, '&&': 3, '|': 4, '^': 5, '&': 6,
  '==': 7, '!=': 7, '===': 7, '!==': 7,
  '<': 8, '>': 8, '<=': 8, '>=': 8,
  '<<': 9, '>>': 9, '>>>': 9,
  '+': 10, '-': 10, '*': 11, '/': 11, '%': 11, '**': 12,
};

const KEYWORDS: Record<string, string | number | boolean | null | undefined> = {
  true: true, false: false, null: null, undefined, NaN, Infinity,
};
const FORBIDDEN = new Set(['new', 'function', 'this', 'class', 'delete', 'void', 'typeof', 'in', 'instanceof', 'yield', 'await', 'import', 'super', 'var', 'let', 'const']);

class ParseFailure {
  constructor(readonly error: ExpressionError) {}
}

export function parseExpression(src: string, base = 0): ExprResult<ExprNode> {
  const t = tokenize(src, base);
  if (!t.ok) return t;
  try {
    const p = new Parser(t.value);
    if (p.peek().type === 'eof') p.fail('Empty expression', p.peek());
    const node = p.expression();
    const rest = p.peek();
    if (rest.type !== 'eof') p.fail(`Unexpected '${describe(rest)}'`, rest);
    return { ok: true, value: node };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof': return 'end of expression';
    case 'template': return 'template';
    case 'number': return String(t.value);
    default: return String(t.value);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token { return this.tokens[this.pos]; }
  private next(): Token { return this.tokens[this.pos++]; }
  private isPunct(v: string): boolean { const t = this.peek(); return t.type === 'punct' && t.value === v; }
  private expect(v: string): Token {
    const t = this.peek();
    if (t.type !== 'punct' || t.value !== v) this.fail(`Expected '${v}' but found '${describe(t)}'`, t);
    return this.next();
  }
  fail(message: string, t: Token): never {
    throw new ParseFailure({ code: 'ExpressionSyntaxError', message, offset: t.start, end: t.end });
  }

  expression(): ExprNode {
    const test = this.binary(1);
    if (!this.isPunct('?')) return test;
    this.next();
    const consequent = this.expression();
    this.expect(':');
    const alternate = this.expression();
    return { kind: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end };
  }

  private binary(minPrec: number): ExprNode {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.type !== 'punct') break;
      const prec = PRECEDENCE[t.value];
      if (prec === undefined || prec < minPrec) break;
      this.next();
      // '**' is right-associative; every other operator is left-associative.
      const right = t.value === '**' ? this.binary(prec) : this.binary(prec + 1);
      left = { kind: 'binary', operator: t.value as BinaryOperator, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): ExprNode {
    const t = this.peek();
    if (t.type === 'punct' && (t.value === '!' || t.value === '-' || t.value === '+' || t.value === '~')) {
      this.next();
      const argument = this.unary();
      return { kind: 'unary', operator: t.value, argument, start: t.start, end: argument.end };
    }
    return this.postfix();
  }

  private postfix(): ExprNode {
    let node = this.primary();
    for (;;) {
      if (this.isPunct('.') || this.isPunct('?.')) {
        const dot = this.next();
        const optional = dot.type === 'punct' && dot.value === '?.';
        if (optional && this.isPunct('[')) {
          this.next();
          const property = this.expression();
          const close = this.expect(']');
          node = { kind: 'member', object: node, property, computed: true, optional, start: node.start, end: close.end };
          continue;
        }
        const id = this.next();
        if (id.type !== 'identifier') this.fail(`Expected a property name after '.'`, id);
        node = {
          kind: 'member', object: node, computed: false, optional,
          property: { kind: 'literal', value: id.value, start: id.start, end: id.end }, start: node.start, end: id.end,
        };
      } else if (this.isPunct('[')) {
        this.next();
        const property = this.expression();
        const close = this.expect(']');
        node = { kind: 'member', object: node, property, computed: true, optional: false, start: node.start, end: close.end };
      } else if (this.isPunct('(')) {
        this.next();
        const args: ExprNode[] = [];
        if (!this.isPunct(')')) {
          for (;;) {
            args.push(this.expression());
            if (this.isPunct(',')) { this.next(); continue; }
            break;
          }
        }
        const close = this.expect(')');
        node = { kind: 'call', callee: node, args, start: node.start, end: close.end };
      } else {
        return node;
      }
    }
  }

  private primary(): ExprNode {
    const t = this.next();
    switch (t.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: t.value, start: t.start, end: t.end };
      case 'template': {
        const expressions: ExprNode[] = [];
        for (const hole of t.holes) {
          const r = parseExpression(hole.text, hole.offset);
          if (!r.ok) throw new ParseFailure(r.error);
          expressions.push(r.value);
        }
        return { kind: 'template', quasis: t.quasis, expressions, start: t.start, end: t.end };
      }
      case 'identifier': {
        if (Object.hasOwn(KEYWORDS, t.value)) return { kind: 'literal', value: KEYWORDS[t.value], start: t.start, end: t.end };
        if (FORBIDDEN.has(t.value)) this.fail(`'${t.value}' is not allowed in expressions`, t);
        return { kind: 'identifier', name: t.value, start: t.start, end: t.end };
      }
      case 'punct': {
        if (t.value === '(') {
          const e = this.expression();
          this.expect(')');
          return e;
        }
        if (t.value === '[') {
          const elements: ExprNode[] = [];
          if (!this.isPunct(']')) {
            for (;;) {
              elements.push(this.expression());
              if (this.isPunct(',')) { this.next(); continue; }
              break;
            }
          }
          const close = this.expect(']');
          return { kind: 'array', elements, start: t.start, end: close.end };
        }
        if (t.value === ',') this.fail('The comma operator is not allowed', t);
        return this.fail(`Unexpected '${t.value}'`, t);
      }
      case 'eof':
        return this.fail('Unexpected end of expression', t);
    }
  }
}
