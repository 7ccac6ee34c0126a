/**
 * A forgiving lexer for highlighting the ADT query language while it is typed: it never throws, covers every
 * character of the input (so the highlighted text lines up with the textarea) and marks bad characters.
 */
import { isFunction, isKeyword, isLiteral } from './queryLanguage.ts';

export type SpanKind = 'keyword' | 'function' | 'literal' | 'ident' | 'system' | 'escaped' | 'string' | 'number' | 'operator' | 'punct' | 'space' | 'invalid';

export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
  text: string;
}

const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;
const OPERATORS = ['!=', '<=', '>=', '<>', '=', '<', '>', '-', '+', '/', '%', '*', '..'];

export function highlightSpans(text: string): Span[] {
  const spans: Span[] = [];
  const push = (kind: SpanKind, start: number, end: number) => spans.push({ kind, start, end, text: text.slice(start, end) });
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(text[i])) i++;
      push('space', start, i);
      continue;
    }
    if (c === '[' && text[i + 1] === '[') {
      const close = text.indexOf(']]', i + 2);
      i = close < 0 ? n : close + 2;
      push('escaped', start, i);
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (i < n && text[i] === c) i++;
      push('string', start, Math.min(i, n));
      i = Math.min(i, n);
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (i < n && /[0-9.eE]/.test(text[i]) && !(text[i] === '.' && text[i + 1] === '.')) i++;
      push('number', start, i);
      continue;
    }
    if (IDENT_START.test(c)) {
      i++;
      while (i < n && IDENT_PART.test(text[i])) i++;
      const word = text.slice(start, i);
      const next = text.slice(i).match(/^\s*\(/);
      const kind: SpanKind = word.startsWith('$') ? 'system' : isFunction(word) && next ? 'function' : isKeyword(word) ? 'keyword' : isLiteral(word) ? 'literal' : 'ident';
      push(kind, start, i);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      push('operator', start, i);
      continue;
    }
    if ('(),.[]{}:;|@!'.includes(c)) {
      i++;
      push('punct', start, i);
      continue;
    }
    i++;
    push('invalid', start, i);
  }
  return spans;
}
