/** Lexer of the event-filter language. Errors carry the 1-based column of the offending character. */
import { err, ok, type Result } from '../../types.ts';

export type FilterToken =
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'ident'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; pos: number };

const OPS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ',', '.', '[', ']'];

export function tokenizeFilter(src: string): Result<FilterToken[]> {
  const out: FilterToken[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const pos = i + 1;
    if (c === "'" || c === '"') {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) return filterError(`The string that starts at column ${pos} is not closed.`, pos);
        const d = src[j]!;
        if (d === c) {
          if (src[j + 1] === c) { v += c; j += 2; continue; } // '' escapes a quote
          break;
        }
        if (d === '\\' && j + 1 < src.length) { v += src[j + 1]; j += 2; continue; }
        v += d;
        j++;
      }
      out.push({ t: 'str', v, pos });
      i = j + 1;
      continue;
    }
    const num = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || !prevIsValue(out))) {
      out.push({ t: 'num', v: Number(num[0]), pos });
      i += num[0].length;
      continue;
    }
    const id = /^[$A-Za-z_][$A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'ident', v: id[0], pos });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', v: op === '<>' ? '!=' : op, pos });
      i += op.length;
      continue;
    }
    return filterError(`Unexpected character '${c}' at column ${pos}.`, pos);
  }
  out.push({ t: 'eof', pos: src.length + 1 });
  return ok(out);
}

function prevIsValue(tokens: FilterToken[]): boolean {
  const p = tokens[tokens.length - 1];
  return !!p && (p.t === 'num' || p.t === 'str' || p.t === 'ident' || (p.t === 'op' && (p.v === ')' || p.v === ']')));
}

export function filterError(message: string, position: number): Result<never> {
  return err('EventRouteFilterInvalid', message, { position });
}
