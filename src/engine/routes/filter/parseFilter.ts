/**
 * Parser of ADT's event-route filter language: comparisons (= != <> < <= > >=), AND / OR / NOT, IN (...),
 * STARTS_WITH / ENDS_WITH / CONTAINS / IS_DEFINED, paths into the event (`type`, `subject`, `$body.temperature`,
 * `$body.$metadata.$model`, `$body['odd-name']`), string / number / true / false / null literals.
 * Keywords and function names are case-insensitive. A filter that cannot be parsed is refused with the
 * 1-based column of the error (error code EventRouteFilterInvalid, details.position). Interpreted, never eval'd.
 */
import { ok, type Result } from '../../types.ts';
import { eventAttributes, filterFunctions, type FilterExpr, type FilterFunction } from './ast.ts';
import { filterError, tokenizeFilter, type FilterToken } from './tokenize.ts';

const COMPARE = new Set(['=', '!=', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'TRUE', 'FALSE', 'NULL']);

class ParseFail {
  constructor(readonly message: string, readonly position: number) {}
}

export function parseFilter(src: string): Result<FilterExpr> {
  if (typeof src !== 'string' || !src.trim()) return filterError('A filter cannot be empty; use true to route every event.', 1);
  const lexed = tokenizeFilter(src);
  if (!lexed.ok) return lexed;
  const toks = lexed.value;
  let i = 0;
  const peek = (): FilterToken => toks[i]!;
  const kw = (t: FilterToken, word: string) => t.t === 'ident' && t.v.toUpperCase() === word;
  const isOp = (t: FilterToken, v: string) => t.t === 'op' && t.v === v;
  const describe = (t: FilterToken) => (t.t === 'eof' ? 'the end of the filter' : `'${'v' in t ? String(t.v) : ''}'`);
  const fail = (what: string, t: FilterToken = peek()): never => {
    throw new ParseFail(`Expected ${what} at column ${t.pos}, found ${describe(t)}.`, t.pos);
  };
  const expectOp = (v: string) => {
    if (!isOp(peek(), v)) fail(`'${v}'`);
    i++;
  };

  const parseOr = (): FilterExpr => {
    let left = parseAnd();
    while (kw(peek(), 'OR')) { i++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): FilterExpr => {
    let left = parseNot();
    while (kw(peek(), 'AND')) { i++; left = { kind: 'and', left, right: parseNot() }; }
    return left;
  };
  const parseNot = (): FilterExpr => {
    if (kw(peek(), 'NOT')) { i++; return { kind: 'not', operand: parseNot() }; }
    return parseComparison();
  };
  const parseComparison = (): FilterExpr => {
    const left = parsePrimary();
    const t = peek();
    if (t.t === 'op' && COMPARE.has(t.v)) {
      i++;
      return { kind: 'compare', op: t.v as '=', left, right: parsePrimary() };
    }
    let negated = false;
    if (kw(t, 'NOT') && kw(toks[i + 1]!, 'IN')) { negated = true; i++; }
    if (kw(peek(), 'IN')) {
      i++;
      expectOp('(');
      const list: FilterExpr[] = [];
      if (isOp(peek(), ')')) fail('a value');
      for (;;) {
        const v = parsePrimary();
        if (v.kind !== 'literal') fail('a literal value in the IN list', toks[i - 1]);
        list.push(v);
        if (isOp(peek(), ',')) { i++; continue; }
        expectOp(')');
        break;
      }
      return { kind: 'in', operand: left, list, negated };
    }
    return left;
  };
  const parsePrimary = (): FilterExpr => {
    const t = peek();
    if (t.t === 'str') { i++; return { kind: 'literal', value: t.v }; }
    if (t.t === 'num') { i++; return { kind: 'literal', value: t.v }; }
    if (isOp(t, '(')) {
      i++;
      const e = parseOr();
      expectOp(')');
      return e;
    }
    if (t.t !== 'ident') return fail('a value, a path or a function');
    const upper = t.v.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') { i++; return { kind: 'literal', value: upper === 'TRUE' }; }
    if (upper === 'NULL') { i++; return { kind: 'literal', value: null }; }
    if (isOp(toks[i + 1]!, '(')) {
      if (!(upper in filterFunctions)) throw new ParseFail(`Unknown function '${t.v}' at column ${t.pos}.`, t.pos);
      const fn = upper as FilterFunction;
      i += 2;
      const args: FilterExpr[] = [];
      if (!isOp(peek(), ')')) {
        for (;;) {
          args.push(parseOr());
          if (isOp(peek(), ',')) { i++; continue; }
          break;
        }
      }
      const close = peek();
      expectOp(')');
      if (args.length !== filterFunctions[fn]) {
        throw new ParseFail(`${fn} takes ${filterFunctions[fn]} argument(s), not ${args.length} (column ${t.pos}).`, close.pos);
      }
      return { kind: 'call', fn, args };
    }
    if (KEYWORDS.has(upper)) return fail('a value, a path or a function');
    const path = [t.v];
    i++;
    if (t.v !== '$body' && !(eventAttributes as readonly string[]).includes(t.v)) {
      throw new ParseFail(
        `Unknown event attribute '${t.v}' at column ${t.pos}; use one of ${eventAttributes.join(', ')} or $body.`, t.pos,
      );
    }
    for (;;) {
      if (isOp(peek(), '.')) {
        i++;
        const n = peek();
        if (n.t !== 'ident') fail('a property name after the dot');
        path.push((n as { v: string }).v);
        i++;
      } else if (isOp(peek(), '[')) {
        i++;
        const n = peek();
        if (n.t !== 'str') fail("a quoted property name, as in ['name']");
        path.push((n as { v: string }).v);
        i++;
        expectOp(']');
      } else break;
    }
    if (path[0] !== '$body' && path.length > 1) {
      throw new ParseFail(`'${path[0]}' is a string attribute and has no properties (column ${t.pos}).`, t.pos);
    }
    return { kind: 'path', path };
  };

  try {
    const expr = parseOr();
    if (peek().t !== 'eof') fail('AND, OR or the end of the filter');
    return ok(expr);
  } catch (e) {
    if (e instanceof ParseFail) return filterError(e.message, e.position);
    throw e;
  }
}
