/**
 * SqlQueryError: the one error value for rejected queries, worded like ADT's
 * (`SQL query parse failed: SQL Parser Error, Line=1, Position=0, Message=... See samples in ...`).
 * `Position` is the 0-based column, as ADT (ANTLR) reports it; `details` adds the 1-based column and offset.
 * @see ../../../../shared/reference/adt-api.md §1.3
 */
import { err, type Result } from '../types.ts';
import type { Pos } from './ast.ts';

export interface SqlQueryErrorDetails {
  line: number;
  /** 1-based column. */
  column: number;
  /** 0-based offset into the query text. */
  offset: number;
  /** What the parser expected at that position, when known. */
  expected?: string;
  /** The text found there (`<EOF>` at the end). */
  found?: string;
}

/** Thrown only inside the parser/binder and turned into a Result at their entry points. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    readonly reason: string,
    readonly expected?: string,
    readonly found?: string,
  ) {
    super(reason);
  }
}

export function formatSqlMessage(pos: Pos, reason: string): string {
  return (
    `SQL query parse failed: SQL Parser Error, Line=${pos.line}, Position=${pos.column - 1}, Message=${reason}` +
    ' See samples in http://aka.ms/adtv2query for the correct syntax.'
  );
}

export function sqlQueryError(e: QuerySyntaxError): Result<never> {
  const details: SqlQueryErrorDetails = { line: e.pos.line, column: e.pos.column, offset: e.pos.offset };
  if (e.expected !== undefined) details.expected = e.expected;
  if (e.found !== undefined) details.found = e.found;
  return err('SqlQueryError', formatSqlMessage(e.pos, e.reason), details);
}

/** Position of `offset` in `text`. */
export function posAt(text: string, offset: number): Pos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}
