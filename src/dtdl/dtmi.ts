/** DTMI (Digital Twin Model Identifier) grammar: dtmi:<segments>[;<major>[.<minor>]][#<fragment>]. */

export interface DtmiParts {
  majorVersion: number;
  minorVersion: number;
  completeVersion: number;
  versionless: string;
  labels: string[];
  isReserved: boolean;
  fragment: string;
}

const SEG = '_?[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?';
const GENERAL = new RegExp(`^dtmi:(${SEG}(?::${SEG})*)(?:;([1-9][0-9]{0,8})(?:\\.([1-9][0-9]{0,5}))?)?(#(?:${SEG})?)?$`);
/** The longest DTMI parseDtmi accepts. */
export const MAX_DTMI_LENGTH = 4096;

/** Parses any DTMI (including system segments and fragments); undefined when not a DTMI. */
const cache = new Map<string, DtmiParts | null>();

export function parseDtmi(text: string): DtmiParts | undefined {
  let r = cache.get(text);
  if (r === undefined) {
    r = parse(text) ?? null;
    if (cache.size > 50_000) cache.clear();
    cache.set(text, r);
  }
  return r ?? undefined;
}

function parse(text: string): DtmiParts | undefined {
  if (text.length > MAX_DTMI_LENGTH) return undefined;
  const m = GENERAL.exec(text);
  if (!m) return undefined;
  const labels = m[1].split(':');
  const major = m[2] ? Number(m[2]) : 0;
  const minor = m[3] ? Number(m[3]) : 0;
  const fragment = m[4] ?? '';
  return {
    majorVersion: major,
    minorVersion: minor,
    completeVersion: major + minor / 1_000_000,
    versionless: `dtmi:${m[1]}${fragment}`,
    labels,
    isReserved: labels.some((l) => l.startsWith('_')) || fragment.startsWith('#_'),
    fragment,
  };
}

/**
 * The metamodel's identifier patterns: DTDL v2 (a version is required, no minor version) and v3/v4 (optional version,
 * optional minor version). Both are narrower than parseDtmi's grammar (no system segments, no fragment), which the test
 * checks: a string that matches one of them is a DTMI once its length is within MAX_DTMI_LENGTH.
 */
export const DTMI_ID_PATTERN_V2 = '^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*;[1-9][0-9]{0,8}$';
export const DTMI_ID_PATTERN_V3 = '^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?)?$';

export function isDtmi(text: unknown): text is string {
  return typeof text === 'string' && parseDtmi(text) !== undefined;
}

/** Removes the version (and fragment) of a DTMI: `dtmi:a:b;2#x` -> `dtmi:a:b`. */
export function unversioned(id: string): string {
  const semi = id.indexOf(';');
  const hash = id.indexOf('#');
  const end = Math.min(semi < 0 ? id.length : semi, hash < 0 ? id.length : hash);
  return id.slice(0, end);
}

/** Inserts an auto-id suffix before the version: (`dtmi:a;1`, `:_contents:__x`) -> `dtmi:a:_contents:__x;1`. */
export function childId(parent: string, suffix: string): string {
  // siblings are named one after the other: the parent's split is kept for the next call
  if (parent !== lastParent) {
    const hash = parent.indexOf('#');
    const base = hash < 0 ? parent : parent.slice(0, hash);
    const semi = base.indexOf(';');
    lastHead = semi < 0 ? base : base.slice(0, semi);
    lastTail = semi < 0 ? '' : base.slice(semi);
    lastParent = parent;
  }
  return lastHead + suffix + lastTail;
}

/**
 * The auto id of the item named `name` of plural property `prop` (e.g. `contents`) of `parent`:
 * (`dtmi:a;1`, `contents`, `x`) -> `dtmi:a:_contents:__x;1`. Siblings share the prefix, made once.
 */
export function itemId(parent: string, prop: string, name: string): string {
  if (parent !== prefixParent || prop !== prefixProp) {
    childId(parent, '');
    lastPrefix = `${lastHead}:_${prop}:__`;
    prefixParent = parent;
    prefixProp = prop;
    prefixTail = lastTail;
  }
  return lastPrefix + name + prefixTail;
}

let lastParent = '';
let lastHead = '';
let lastTail = '';
// itemId's own memo (childId's may move on to another parent in between)
let prefixParent = '';
let prefixProp = '';
let prefixTail = '';
let lastPrefix = '';
