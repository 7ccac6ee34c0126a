/** Parsing errors as values: official validation ids, cause/action texts from the DTDLParser message templates. */
import { META } from './metamodel.ts';
import type { ParsingError } from './types.ts';

/** A JSON path as a persistent linked list (cheap to extend): `undefined` is the document root. */
export type JsonPath = PathNode | undefined;
export interface PathNode {
  up: JsonPath;
  key: string | number;
}

export function sub(path: JsonPath, key: string | number): PathNode {
  return { up: path, key };
}

export function pathArray(path: JsonPath): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p = path; p; p = p.up) out.push(p.key);
  return out.reverse();
}

/** Where an error's primary element sits: the input document and the JSON path inside it. */
export interface Where {
  doc: number;
  path: JsonPath;
}

export interface ErrorFields {
  primaryId?: string;
  secondaryId?: string;
  property?: string;
  value?: unknown;
  type?: string;
  restriction?: string;
  auxProperty?: string;
  /** Message-only fields of some templates (never part of the error value). */
  transformation?: string;
  count1?: number;
  item1?: string;
  count2?: number;
  item2?: string;
  verb2?: string;
  firstViolation?: string;
  where?: Where;
  /** The member of the element the error is about (or a path below it), for its location (defaults to `property`). */
  member?: string | Array<string | number>;
  cause?: string;
  action?: string;
}

/** An error while still inside the parser: the location is resolved to lines at the end. */
export interface PendingError extends ParsingError {
  where?: Where;
  member?: string | Array<string | number>;
}

const FALLBACK: Record<string, [string, string]> = {
  badType: ["{primaryId:p} property '{property}' has value{secondaryId:e} that does not have an allowed @type{typeList}.", "Provide a value for property '{property}' with an allowed @type."],
};

function render(template: string, f: ErrorFields): string {
  return template
    .replace(/\{(\w+)(?::(\w))?\}/g, (_m, name: string, fmt?: string) => {
      if (name === 'layer') return '';
      if (name === 'typeList') return f.type ? ` (${f.type})` : '';
      const v = (f as Record<string, unknown>)[name];
      if (name === 'primaryId' || name === 'secondaryId') {
        if (v === undefined || v === null || String(v).startsWith('_:')) return fmt === 'e' ? '' : fmt === 'p' ? 'An element' : 'An element';
        if (fmt === 'e') return ` ${String(v)}`;
        return fmt === 'p' ? `Element ${String(v)}` : `Element ${String(v)}`;
      }
      if (v === undefined || v === null) return name.startsWith('line') || name.startsWith('source') ? '' : `{${name}}`;
      return typeof v === 'string' ? v : JSON.stringify(v);
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Message fields for "has {count1} {item1} but {count2} {item2} {verb2} required" templates. */
export function counts(have: number, limit: number, noun = 'value'): ErrorFields {
  return { count1: have, item1: have === 1 ? noun : `${noun}s`, count2: limit, item2: limit === 1 ? noun : `${noun}s`, verb2: limit === 1 ? 'is' : 'are' };
}

export function makeError(code: string, f: ErrorFields): PendingError {
  const tpl = META.messages[code] ?? FALLBACK[code] ?? ['{primaryId:n} is invalid ({code}).', 'Correct the element.'];
  const fields = { ...f, code };
  const err: PendingError = {
    validationId: `dtmi:dtdl:parsingError:${code}`,
    code,
    cause: f.cause ?? render(tpl[0], fields),
    action: f.action ?? render(tpl[1], fields),
  };
  if (f.primaryId !== undefined) err.primaryId = f.primaryId;
  if (f.secondaryId !== undefined) err.secondaryId = f.secondaryId;
  if (f.property !== undefined) err.property = f.property;
  if (f.value !== undefined) err.value = typeof f.value === 'string' ? f.value : JSON.stringify(f.value);
  if (f.member !== undefined) err.member = f.member;
  if (f.where) {
    // a copy: the parser reuses its location records
    err.where = { doc: f.where.doc, path: f.where.path };
    err.documentIndex = f.where.doc;
  }
  return err;
}
