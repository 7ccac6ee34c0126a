/**
 * Conformance runner (test-only helper): runs the official DTDLParser test cases with the reference runner's
 * matching rule. Loaded by dtdl conformance tests; never imported by src/dtdl code.
 */
import { parseModels } from './parseModels.ts';
import { validateInstanceText } from './validateValue.ts';
import type { ParsingError } from './types.ts';

export interface Case {
  valid: boolean;
  input: unknown[];
  options?: string[];
  quirks?: string[];
  resolution?: Array<{ request: string[]; response: Array<unknown | null> }>;
  partialResolution?: unknown;
  maxDtdlVersion?: number;
  acceptableLimits?: string[];
  requiredContexts?: string[];
  instances?: Array<{ subject: string; submit: string; conforms: boolean; throws?: boolean }>;
  expect?: {
    parsingErrors?: Array<Record<string, unknown>>;
    unresolvedIdentifiers?: string[];
    elements?: Array<{ id: string; type?: string; properties?: Record<string, unknown> }>;
    elementCount?: number;
  };
}

export type Outcome = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  outcome: Outcome;
  /** Why it failed (for reports). */
  reason?: string;
  /** For invalid cases: every reported error matched an expected entry on all listed fields. */
  exact?: boolean;
  /** Message template placeholders left unfilled in a cause or action (e.g. `{restriction}`), as `code {name}`. */
  unfilled?: string[];
}

/** Template placeholders left in the messages of `errors` (text coming from the model itself is not counted). */
export function unfilledPlaceholders(errors: ParsingError[]): string[] {
  const out: string[] = [];
  for (const e of errors) {
    for (let text of [e.cause, e.action]) {
      for (const v of [e.value, e.primaryId, e.secondaryId, e.property]) if (v) text = text.split(v).join('');
      for (const m of text.match(/\{\w+(?::\w)?\}/g) ?? []) out.push(`${e.code} ${m}`);
    }
  }
  return out;
}

const KNOWN_OPTIONS = new Set(['AllowUndefinedExtensions', 'DisallowUndefinedExtensions']);

export function shouldSkip(c: Case): string | undefined {
  if (c.partialResolution) return 'partialResolution';
  if ((c.options ?? []).some((o) => !KNOWN_OPTIONS.has(o))) return 'option';
  if (JSON.stringify(c.input).includes('dtmi:dtdl:extension:layering')) return 'layering';
  return undefined;
}

function matchesValue(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((e) => matchesValue(e, actual));
  if (expected === null) return actual === undefined || actual === null;
  return String(expected) === String(actual);
}

/** The reference matching rule: each reported error matches some expected entry (ValidationID, PrimaryID when listed). */
export function matchErrors(errors: ParsingError[], expected: Array<Record<string, unknown>>): { ok: boolean; exact: boolean; reason?: string } {
  if (!errors.length) return { ok: false, exact: false, reason: 'no error reported' };
  let exact = true;
  for (const e of errors) {
    const cands = expected.filter((x) => x.ValidationID === e.validationId && (!('PrimaryID' in x) || matchesValue(x.PrimaryID, e.primaryId)));
    if (!cands.length) return { ok: false, exact: false, reason: `unexpected ${e.code} ${e.primaryId ?? ''} (expected ${expected.map((x) => String(x.ValidationID).split(':').pop()).join(',')})` };
    const full = cands.some(
      (x) =>
        (!('SecondaryID' in x) || matchesValue(x.SecondaryID, e.secondaryId)) &&
        (!('Property' in x) || matchesValue(x.Property, e.property)) &&
        (!('Value' in x) || matchesValue(x.Value, e.value)) &&
        (!('PrimaryStart' in x) || x.PrimaryStart === e.startLine),
    );
    if (!full) exact = false;
  }
  return { ok: true, exact };
}

export async function runCase(c: Case): Promise<CaseResult> {
  const skip = shouldSkip(c);
  if (skip) return { outcome: 'skip', reason: skip };
  const opts = c.options ?? [];
  const allow = opts.includes('AllowUndefinedExtensions') ? true : opts.includes('DisallowUndefinedExtensions') ? false : undefined;
  let call = 0;
  let resolverError: string | undefined;
  const resolver = c.resolution
    ? async (ids: string[]) => {
        const step = c.resolution![call++];
        if (!step) {
          resolverError = `unexpected resolver call ${call} for ${ids.join(',')}`;
          return ids.map(() => null);
        }
        const want = [...step.request].sort();
        if (JSON.stringify(want) !== JSON.stringify([...ids].sort())) resolverError = `resolver asked ${ids.join(',')} expected ${want.join(',')}`;
        return ids.map((id) => {
          const k = step.request.indexOf(id);
          return k >= 0 ? (step.response?.[k] ?? null) : null;
        });
      }
    : undefined;
  const quirks = c.quirks ?? [];
  let result;
  try {
    result = await parseModels(c.input, {
      allowUndefinedExtensions: allow,
      maxDtdlVersion: c.maxDtdlVersion,
      acceptableLimits: c.acceptableLimits,
      tolerateSolecismsInParse: quirks.includes('TolerateSolecismsInParse'),
      tolerateSolecismsInResolve: quirks.includes('TolerateSolecismsInResolve'),
      resolver,
    });
  } catch (e) {
    return { outcome: 'fail', reason: `threw ${e instanceof Error ? e.stack : String(e)}` };
  }
  if (c.valid) {
    if (!result.ok) return { outcome: 'fail', reason: `rejected: ${result.errors.slice(0, 3).map((e) => `${e.code} ${e.primaryId ?? ''} ${e.property ?? ''} ${e.value ?? ''}`).join('; ')}` };
    if (resolverError) return { outcome: 'fail', reason: resolverError };
    if (c.resolution && call !== c.resolution.length) return { outcome: 'fail', reason: `resolver called ${call} times, expected ${c.resolution.length}` };
    for (const inst of c.instances ?? []) {
      const r = validateInstanceText(result.model, inst.subject, inst.submit);
      const want = inst.throws ? false : inst.conforms;
      if (r.ok !== want) return { outcome: 'fail', reason: `instance ${inst.subject} ${inst.submit}: got ${r.ok}` };
    }
    for (const e of c.expect?.elements ?? []) {
      const el = result.model.elements.get(e.id);
      if (!el) return { outcome: 'fail', reason: `missing element ${e.id}`, exact: false };
    }
    return { outcome: 'pass' };
  }
  if (result.ok) return { outcome: 'fail', reason: 'accepted an invalid model' };
  const unresolvedExpected = c.expect?.unresolvedIdentifiers;
  if (unresolvedExpected) {
    const got = [...(result.unresolved ?? [])].sort();
    if (JSON.stringify(got) === JSON.stringify([...unresolvedExpected].sort())) return { outcome: 'pass', exact: true };
    return { outcome: 'fail', reason: `unresolved ${got.join(',')} expected ${unresolvedExpected.join(',')}` };
  }
  const expected = c.expect?.parsingErrors;
  if (!expected) return { outcome: 'pass', unfilled: unfilledPlaceholders(result.errors) };
  const m = matchErrors(result.errors, expected);
  const unfilled = unfilledPlaceholders(result.errors);
  return m.ok ? { outcome: 'pass', exact: m.exact, unfilled } : { outcome: 'fail', reason: m.reason, unfilled };
}

/** Folder/version bucket of a case file, e.g. `specification V3`. */
export function bucket(file: string): string {
  const folder = file.split('/')[0];
  const m = /V(\d)\.json$/.exec(file);
  if (folder === 'doc-examples' || folder === 'dtmis') return folder;
  return m ? `${folder} V${m[1]}` : folder;
}
