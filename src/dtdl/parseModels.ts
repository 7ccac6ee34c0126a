/**
 * parseModels: documents (parsed JSON values or JSON source texts) -> resolved object model or all errors.
 * Pure TypeScript; file/zip reading belongs to the caller (CLI, worker).
 */
import type { Dtmi, ParseOptions, ParseResult, ParsingError } from './types.ts';
import { ModelParser } from './parser.ts';
import { ModelChecker } from './checks.ts';
import { buildObjectModel } from './objectModel.ts';
import { makeError, pathArray, type PendingError } from './errors.ts';
import { indexLines, locate, pathKey, type LineIndex } from './locate.ts';
import { standardElements } from './standard.ts';
import { META } from './metamodel.ts';
import { KNOWN_DTMIS } from './classes.ts';

const RESERVED = Object.values(META.reservedIdPrefixes).flat();

export async function parseModels(documents: unknown[], options: ParseOptions = {}): Promise<ParseResult> {
  const parser = new ModelParser({
    allowUndefinedExtensions: options.allowUndefinedExtensions,
    maxDtdlVersion: options.maxDtdlVersion,
    acceptableLimits: options.acceptableLimits,
    solecismsInParse: options.tolerateSolecismsInParse,
    solecismsInResolve: options.tolerateSolecismsInResolve,
  });
  const texts: Array<string | undefined> = [];
  const values: unknown[] = [];
  // Every text is JSON-parsed before any document is parsed: alternating the two made both slower (each evicts the
  // other's working set; about a tenth of a RealEstateCore parse). Errors keep the documents' order.
  let jsonErrors: Array<PendingError | undefined> | undefined;
  for (let i = 0; i < documents.length; i++) {
    const d = documents[i];
    if (typeof d !== 'string') {
      values[i] = d;
      continue;
    }
    texts[i] = d;
    try {
      values[i] = JSON.parse(d.charCodeAt(0) === 0xfeff ? d.slice(1) : d);
    } catch (e) {
      (jsonErrors ??= [])[i] = makeError('invalidJson', {
        where: { doc: i, path: undefined },
        cause: `Document ${options.documentNames?.[i] ?? i} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
        action: 'Fix the JSON syntax.',
      });
    }
  }
  for (let i = 0; i < documents.length; i++) {
    const bad = jsonErrors?.[i];
    if (bad) parser.errors.push(bad);
    else parseGuarded(parser, values[i], i);
  }

  // ---- resolution of references to elements not in the input
  const unresolved = new Set<string>();
  const asked = new Set<string>();
  const std = standardElements();
  let docIndex = documents.length;
  for (let round = 0; round < 64; round++) {
    const missing = new Set<string>();
    // each reference is looked up once: its element (or that it names a standard element) is kept on it
    const refs = parser.refs;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i];
      if (r.supplemental || r.el || r.std) continue;
      const t = r.target;
      const el = parser.els.get(t);
      if (el) {
        r.el = el;
        continue;
      }
      if (std.has(t)) {
        r.std = true;
        r.from.stdRef = true;
        continue;
      }
      if (asked.has(t)) continue;
      missing.add(t);
    }
    if (missing.size === 0) break;
    const batch = [...missing].sort();
    batch.forEach((t) => asked.add(t));
    const reserved = batch.filter((t) => RESERVED.some((p) => t.startsWith(p)));
    const ask = batch.filter((t) => !reserved.includes(t));
    for (const t of reserved) {
      const r = parser.refs.find((x) => x.target === t)!;
      // a reserved DTMI the metamodel defines as something else (e.g. a class used as a schema) is the wrong type
      parser.errors.push(makeError(KNOWN_DTMIS.has(t) ? 'badType' : 'undefinedReservedId', { where: { doc: r.from.doc, path: r.path }, primaryId: r.from.id, secondaryId: t, property: r.prop }));
    }
    if (!ask.length) continue;
    if (!options.resolver) {
      ask.forEach((t) => unresolved.add(t));
      continue;
    }
    const docs = await options.resolver(ask as Dtmi[]);
    ask.forEach((t, k) => {
      const doc = docs?.[k];
      if (doc === null || doc === undefined) {
        unresolved.add(t);
        return;
      }
      const value = typeof doc === 'string' ? safeParse(doc) : doc;
      const d = docIndex++;
      parseGuarded(parser, value, d, t);
      if (!parser.els.has(t)) unresolved.add(t);
    });
  }

  // Like the official parser, model-wide rules (inheritance, descendant controls, sibling rules) run only on a model
  // whose elements parsed cleanly: their findings would mostly be consequences of the element errors.
  const checker = new ModelChecker(parser);
  if (!parser.errors.length) {
    parser.errors.push(...parser.late);
    guarded(parser, undefined, () => checker.run());
  }

  const errors: PendingError[] = parser.errors;
  if (unresolved.size) {
    const ids = [...unresolved].sort();
    for (const id of ids) {
      const r = parser.refs.find((x) => x.target === id);
      errors.push(
        makeError('unresolvedReference', {
          where: r ? { doc: r.from.doc, path: r.path } : undefined,
          primaryId: r?.from.id,
          secondaryId: id,
          property: r?.prop,
          value: id,
          cause: `${r ? `Element ${r.from.id} property '${r.prop}'` : 'The model'} refers to ${id}, which is not defined in the model and could not be resolved.`,
          action: `Add a definition of ${id} to the model, or supply a resolver that can provide it.`,
        }),
      );
    }
  }
  if (errors.length) {
    return { ok: false, errors: finish(errors, texts, values, options.documentNames), ...(unresolved.size ? { unresolved: [...unresolved].sort() } : {}) };
  }
  return { ok: true, model: buildObjectModel(parser, checker) };
}

/** Parses one document; too deep input becomes an error value (see `tooComplex`). */
function parseGuarded(parser: ModelParser, value: unknown, doc: number, docDtmi?: string): void {
  try {
    parser.parseDocument(value, doc, docDtmi);
  } catch (e) {
    tooComplex(parser, doc, e);
  }
}

/** Pathologically deep input must not crash the caller (worker, CLI): it becomes an error value. */
function guarded(parser: ModelParser, doc: number | undefined, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    tooComplex(parser, doc, e);
  }
}

function tooComplex(parser: ModelParser, doc: number | undefined, e: unknown): void {
  if (!(e instanceof RangeError)) throw e;
  parser.errors.push(
    makeError('modelTooComplex', {
      where: doc === undefined ? undefined : { doc, path: undefined },
      cause: `The model is nested too deeply to be processed (${e.message}).`,
      action: 'Reduce the nesting of the model (DTDL limits schema depth and extends depth anyway).',
    }),
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

/** Resolves JSON paths to line ranges (source text as given, or the document pretty-printed with 2 spaces). */
function finish(errors: PendingError[], texts: Array<string | undefined>, values: unknown[], names?: string[]): ParsingError[] {
  const indexes = new Map<number, LineIndex>();
  const out: ParsingError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const { where, member: _member, ...rest } = e;
    const pe: ParsingError = rest;
    if (where && where.doc < values.length) {
      let idx = indexes.get(where.doc);
      if (!idx) {
        const text = texts[where.doc] ?? safeStringify(values[where.doc]);
        idx = indexLines(text);
        indexes.set(where.doc, idx);
      }
      // the reference locates an error at the member concerned (e.g. `"schema": ...`) when there is one
      const base = pathArray(where.path);
      const member = e.member ?? e.property;
      const sub = member === undefined ? undefined : Array.isArray(member) ? member : base[base.length - 1] !== member ? [member] : undefined;
      const r = (sub ? idx.get(pathKey([...base, ...sub])) : undefined) ?? locate(idx, base);
      if (r) {
        pe.startLine = r.start;
        pe.endLine = r.end;
      }
      if (names?.[where.doc] !== undefined) pe.documentName = names[where.doc];
    }
    const key = `${pe.validationId}|${pe.primaryId}|${pe.secondaryId}|${pe.property}|${pe.value}|${pe.documentIndex}|${pe.startLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pe);
  }
  return out;
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v, null, 2) ?? '';
  } catch {
    return '';
  }
}
