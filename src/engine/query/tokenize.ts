/**
 * Lexer of the ADT query language. Keywords are plain identifiers here; the parser compares them
 * case-insensitively. `[[...]]` escapes a name (reserved word, map key starting with a digit).
 */
import type { Pos } from './ast.ts';
import { QuerySyntaxError } from './SqlQueryError.ts';

export type TokenKind = 'ident' | 'escaped' | 'string' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text, unescaped string value, punctuation, or the number's source text. */
  value: string;
  /** Original text of the token (for "found ..." in messages). */
  raw: string;
  pos: Pos;
  /** Offset just past the token. */
  end: number;
}

const TWO_CHAR = new Set(['!=', '<=', '>=', '..', '<>']);
const ONE_CHAR = new Set(['(', ')', ',', '.', '*', '[', ']', '=', '<', '>', '-', ':', '|', '+', '/', '%', '{', '}', ';', '!', '@']);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', "'": "'", '"': '"' };

function isIdentStart(c: string): boolean {
  return /[\p{L}_$]/u.test(c);
}
function isIdentPart(c: string): boolean {
  return /[\p{L}\p{N}_$]/u.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (offset: number): Pos => ({ line, column: offset - lineStart + 1, offset });
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    const start = i;
    const p = pos(start);
    if (c === '[' && text[i + 1] === '[') {
      const close = text.indexOf(']]', i + 2);
      if (close < 0) throw new QuerySyntaxError(p, "unterminated escaped name: missing ']]'", "']]'", '<EOF>');
      const name = text.slice(i + 2, close);
      if (name.includes('\n')) throw new QuerySyntaxError(p, 'escaped name spans lines', "']]'");
      i = close + 2;
      tokens.push({ kind: 'escaped', value: name, raw: text.slice(start, i), pos: p, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '\\') {
          const e = text[i + 1];
          if (e === undefined) break;
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === '\n') break;
        value += d;
        i++;
      }
      if (!closed) throw new QuerySyntaxError(p, `unterminated string literal starting at ${c}`, c, '<EOF>');
      tokens.push({ kind: 'string', value, raw: text.slice(start, i), pos: p, end: i });
      continue;
    }
    if (isDigit(c)) {
      while (isDigit(text[i])) i++;
      if (text[i] === '.' && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i])) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2])))) {
        i += 2;
        while (isDigit(text[i])) i++;
      }
      if (i < n && isIdentStart(text[i])) {
        throw new QuerySyntaxError(pos(i), `unexpected character '${text[i]}' after number`, undefined, text[i]);
      }
      const raw = text.slice(start, i);
      tokens.push({ kind: 'number', value: raw, raw, pos: p, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text[i])) i++;
      const raw = text.slice(start, i);
      tokens.push({ kind: 'ident', value: raw, raw, pos: p, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR.has(two)) {
      i += 2;
      tokens.push({ kind: 'punct', value: two, raw: two, pos: p, end: i });
      continue;
    }
    if (ONE_CHAR.has(c)) {
      i++;
      tokens.push({ kind: 'punct', value: c, raw: c, pos: p, end: i });
      continue;
    }
    throw new QuerySyntaxError(p, `token recognition error at: '${c}'`, undefined, c);
  }
  tokens.push({ kind: 'eof', value: '', raw: '<EOF>', pos: pos(n), end: n });
  return tokens;
}
