/**
 * Token-level helpers shared by the query parser's layers: lookahead, keyword tests (case-insensitive), names
 * (reserved words must be escaped `[[...]]`), and failures carrying the token's position.
 */
import type { Pos } from './ast.ts';
import type { QueryLimits } from './limits.ts';
import { QuerySyntaxError } from './SqlQueryError.ts';
import type { Token } from './tokenize.ts';

/** ADT's reserved words: usable as names only when escaped `[[...]]`. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'ALL', 'AND', 'AS', 'ASC', 'AVG', 'BY', 'COUNT', 'DESC', 'DEVICES_JOBS', 'DEVICES_MODULES', 'DEVICES', 'ENDS_WITH',
  'FALSE', 'FROM', 'GROUP', 'IN', 'IS_BOOL', 'IS_DEFINED', 'IS_NULL', 'IS_NUMBER', 'IS_OBJECT', 'IS_PRIMITIVE',
  'IS_STRING', 'MAX', 'MIN', 'NOT', 'NOT_IN', 'NULL', 'OR', 'ORDER', 'SELECT', 'STARTS_WITH', 'SUM', 'TOP', 'TRUE',
  'WHERE', 'IS_OF_MODEL',
]);

export const quoteToken = (t: Token): string => (t.kind === 'eof' ? '<EOF>' : t.raw);

export class TokenCursor {
  protected i = 0;
  constructor(
    protected readonly tokens: Token[],
    protected readonly limits: QueryLimits,
  ) {}

  // ---- token helpers ----
  protected peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }
  protected next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  protected isKw(t: Token, kw: string): boolean {
    return t.kind === 'ident' && t.value.toUpperCase() === kw;
  }
  protected isPunct(t: Token, p: string): boolean {
    return t.kind === 'punct' && t.value === p;
  }
  protected fail(t: Token, reason: string, expected?: string): never {
    throw new QuerySyntaxError(t.pos, reason, expected, quoteToken(t));
  }
  protected mismatch(t: Token, expected: string): never {
    this.fail(t, `mismatched input '${quoteToken(t)}' expecting ${expected}`, expected);
  }
  protected expectPunct(p: string): Token {
    const t = this.peek();
    if (!this.isPunct(t, p)) this.mismatch(t, `'${p}'`);
    return this.next();
  }
  protected expectKw(kw: string): Token {
    const t = this.peek();
    if (!this.isKw(t, kw)) this.mismatch(t, kw);
    return this.next();
  }
  /** A name: identifier (not reserved) or `[[escaped]]`. */
  protected name(what: string): { value: string; pos: Pos } {
    const t = this.peek();
    if (t.kind === 'escaped') {
      this.next();
      return { value: t.value, pos: t.pos };
    }
    if (t.kind === 'ident') {
      if (RESERVED_WORDS.has(t.value.toUpperCase())) {
        this.fail(t, `'${t.value}' is a reserved word; write it as [[${t.value}]] to use it as a name`, what);
      }
      this.next();
      return { value: t.value, pos: t.pos };
    }
    return this.mismatch(t, what);
  }
  protected isNameStart(t: Token): boolean {
    return t.kind === 'escaped' || (t.kind === 'ident' && !RESERVED_WORDS.has(t.value.toUpperCase()));
  }
}
