/**
 * Tokenizer of the expression language. Template literals are tokenized as one token holding the raw
 * parts; the parser re-enters the tokenizer for each `${...}` hole.
 */
import type { ExprResult } from './types.ts';

export type Token =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'template'; quasis: string[]; holes: Array<{ text: string; offset: number }>; start: number; end: number }
  | { type: 'identifier'; value: string; start: number; end: number }
  | { type: 'punct'; value: string; start: number; end: number }
  | { type: 'eof'; start: number; end: number };

// Longest first so that '===' wins over '==' and '='.
const PUNCTUATORS = [
  '>>>', '===', '!==', '**', '==', '!=', '<=', '>=', '&&', '||', '??', '<<', '>>', '?.',
  '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '^', '?', ':', '.', ',', '(', ')', '[', ']',
];

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdPart = (c: string) => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

export function tokenize(src: string, base = 0): ExprResult<Token[]> {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number): ExprResult<Token[]> => ({
    ok: false, error: { code: 'ExpressionSyntaxError', message, offset: base + at },
  });
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
      if (!m) return fail('Bad number', i);
      i += m[0].length;
      if (isIdStart(src[i] ?? '')) return fail(`Unexpected '${src[i]}' after number`, i);
      tokens.push({ type: 'number', value: Number(m[0]), start: base + start, end: base + i });
      continue;
    }
    if (isIdStart(c)) {
      while (i < src.length && isIdPart(src[i])) i++;
      tokens.push({ type: 'identifier', value: src.slice(start, i), start: base + start, end: base + i });
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) return fail('Unterminated string', start);
        const d = src[i];
        if (d === c) { i++; break; }
        if (d === '\\') {
          const e = src[i + 1];
          if (e === undefined) return fail('Unterminated string', start);
          value += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ type: 'string', value, start: base + start, end: base + i });
      continue;
    }
    if (c === '`') {
      const quasis: string[] = [];
      const holes: Array<{ text: string; offset: number }> = [];
      let cur = '';
      i++;
      for (;;) {
        if (i >= src.length) return fail('Unterminated template', start);
        const d = src[i];
        if (d === '`') { i++; break; }
        if (d === '\\') {
          const e = src[i + 1];
          if (e === undefined) return fail('Unterminated template', start);
          cur += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        if (d === '$' && src[i + 1] === '{') {
          const hole = scanHole(src, i + 2);
          if (hole < 0) return fail('Unterminated ${ in template', i);
          quasis.push(cur);
          cur = '';
          holes.push({ text: src.slice(i + 2, hole), offset: base + i + 2 });
          i = hole + 1;
          continue;
        }
        cur += d;
        i++;
      }
      quasis.push(cur);
      tokens.push({ type: 'template', quasis, holes, start: base + start, end: base + i });
      continue;
    }
    const p = PUNCTUATORS.find((q) => src.startsWith(q, i));
    if (!p) return fail(c === '=' ? 'Assignment is not allowed' : `Unexpected character '${c}'`, i);
    // `a?.5:1` is a conditional, not optional chaining.
    if (p === '?.' && isDigit(src[i + 2] ?? '')) {
      tokens.push({ type: 'punct', value: '?', start: base + i, end: base + i + 1 });
      i += 1;
      continue;
    }
    i += p.length;
    tokens.push({ type: 'punct', value: p, start: base + start, end: base + i });
  }
  tokens.push({ type: 'eof', start: base + src.length, end: base + src.length });
  return { ok: true, value: tokens };
}

/** Index of the `}` closing a `${` hole that starts at `from`, or -1; skips nested strings/braces. */
function scanHole(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'" || c === '`') {
      const q = c;
      i++;
      while (i < src.length && src[i] !== q) { if (src[i] === '\\') i++; i++; }
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
