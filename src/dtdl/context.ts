/** `@context` processing: DTDL version, active terms, extension and limit contexts, undefined contexts. */
import { META, type PropDef } from './metamodel.ts';
import { parseDtmi, unversioned } from './dtmi.ts';
import { makeError, type ErrorFields, type PendingError } from './errors.ts';

export interface ActiveContext {
  version: 2 | 3 | 4;
  /** Term -> DTMI for the DTDL context and every known extension context in scope. */
  terms: Map<string, string>;
  /** Known extension/affiliate contexts in scope (versioned ids). */
  extensions: string[];
  /** Limit spec key of the metamodel ('' = core limits; 'onvif_1', 'aio_1'). */
  limitSpec: string;
  /** Some context in scope is an undefined extension. */
  hasUndefined: boolean;
  key: string;
  /** Parser memo: `@type` values that name a material class of this version, by the text as written. */
  materialTypes: Map<string, string | null>;
  /** Parser memo: member keys that name a core property allowed on a class, per class (by ClassFacts.index), by the key as written. */
  coreProps: Array<Map<string, CoreProp | null> | undefined>;
}

/** A member key resolved to a core property of a class (see ActiveContext.coreProps). */
export interface CoreProp {
  name: string;
  def: PropDef;
  /** The property's bit in the class's set of properties. */
  bit: number;
}

const cache = new Map<string, ActiveContext>();

const DTDL_CTX = 'dtmi:dtdl:context';
const KNOWN_UNVERSIONED = new Map<string, number[]>();
for (const id of Object.keys(META.contexts)) {
  const u = unversioned(id);
  const v = Number(id.slice(id.indexOf(';') + 1));
  KNOWN_UNVERSIONED.set(u, [...(KNOWN_UNVERSIONED.get(u) ?? []), v]);
}

function build(version: 2 | 3 | 4, extensions: string[], limitSpec: string, hasUndefined: boolean): ActiveContext {
  const key = `${version}|${extensions.join(',')}|${limitSpec}|${hasUndefined ? 1 : 0}`;
  let ctx = cache.get(key);
  if (ctx) return ctx;
  const terms = new Map<string, string>();
  for (const [t, d] of Object.entries(META.contexts[`${DTDL_CTX};${version}`])) terms.set(t, d);
  for (const ext of extensions) for (const [t, d] of Object.entries(META.contexts[ext] ?? {})) terms.set(t, d);
  ctx = { version, terms, extensions, limitSpec, hasUndefined, key, materialTypes: new Map(), coreProps: [] };
  cache.set(key, ctx);
  return ctx;
}

export interface ContextOptions {
  allowUndefinedExtensions?: boolean;
  acceptableLimits?: string[];
  maxDtdlVersion?: number;
}

class ContextError extends Error {
  constructor(
    readonly code: string,
    readonly fields: ErrorFields,
  ) {
    super(code);
  }
}

/**
 * Applies an element's `@context` value on top of the parent's active context.
 * Like the reference parser, the first problem in a context stops its processing (one error per @context).
 * Returns undefined when the context is unusable (the error was reported).
 */
export function applyContext(
  value: unknown,
  parent: ActiveContext | undefined,
  opts: ContextOptions,
  report: (e: PendingError) => void,
  base: ErrorFields,
): ActiveContext | undefined {
  try {
    return apply(value, parent, opts);
  } catch (e) {
    if (!(e instanceof ContextError)) throw e;
    // Context errors carry no primary id (the element is not identified yet), only the location.
    report(makeError(e.code, { where: base.where, member: '@context', ...e.fields }));
    return undefined;
  }
}

function fail(code: string, fields: ErrorFields = {}): never {
  throw new ContextError(code, fields);
}

function apply(value: unknown, parent: ActiveContext | undefined, opts: ContextOptions): ActiveContext {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    if (parent) return parent;
    fail('emptyContext');
  }
  const top = !parent;
  let version: 2 | 3 | 4 | undefined;
  let extensions = parent ? [...parent.extensions] : [];
  const inherited = extensions.length;
  let limitSpec = parent?.limitSpec ?? '';
  let hasUndefined = parent?.hasUndefined ?? false;
  let sawAffiliate = false;
  let sawUndefined = false;
  let sawDtdl = false;
  const unknownVersions: string[] = [];
  let limitless: string | undefined; // the #limitless item awaiting its limit context
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string') {
      const at = Array.isArray(value) ? ['@context', i] : '@context';
      if (item && typeof item === 'object' && !Array.isArray(item)) fail('disallowedLocalContext', { member: at, restriction: String(version ?? parent?.version ?? '2, 3 or 4') });
      fail('invalidContext', { member: at });
    }
    const text = item as string;
    if (!text.startsWith('dtmi:')) fail('nonDtmiContextSpecifier', { value: text });
    const parts = parseDtmi(text);
    if (!parts) fail('invalidContextSpecifier', { value: text });
    const u = unversioned(text);
    if (parts!.majorVersion === 0) fail('missingContextVersion', { value: text });
    const isDtdl = u === DTDL_CTX;
    if (top && i === 0 && !isDtdl && !(META.affiliateContextsImplicitDtdlVersions[text] !== undefined && items.length > 1)) fail('missingDtdlContext');
    if (isDtdl) {
      const v = parts!.majorVersion;
      if (parts!.minorVersion !== 0 || (v !== 2 && v !== 3 && v !== 4)) fail('unrecognizedContextVersion', { value: text, restriction: '2, 3, 4' });
      if (opts.maxDtdlVersion !== undefined && v > opts.maxDtdlVersion) fail('disallowedContextVersion', { value: text, restriction: String(opts.maxDtdlVersion) });
      if (parts!.fragment) {
        if (v !== 4) fail('disallowedContextFragment', { value: text, restriction: String(v) });
        if (parts!.fragment === '#limitless') {
          if (extensions.length > inherited || sawAffiliate || sawUndefined) fail('dtdlContextFollowsAffiliate', { value: text });
          limitless = text;
          version = 4;
          sawDtdl = true;
          continue;
        }
        if (parts!.fragment === '#limits') {
          if (!limitless) fail('misplacedLimitContext', { value: text });
          limitless = undefined;
          limitSpec = '';
          continue;
        }
        fail('invalidContextFragment', { value: text });
      }
      if (limitless) {
        // `#limitless` directly followed by the plain DTDL context: core limits
        limitless = undefined;
        limitSpec = '';
      } else if (sawUndefined || extensions.length > inherited) {
        // v2 tolerates the IoT Central context before the first DTDL context
        if (!(v === 2 && !sawDtdl && sawAffiliate && onlyAffiliates(extensions.slice(inherited)) && !sawUndefined)) fail('dtdlContextFollowsAffiliate', { value: text });
      }
      version = v as 2 | 3 | 4;
      sawDtdl = true;
      if (!limitless) limitSpec = '';
      continue;
    }
    if (parts!.fragment) fail('invalidContextSpecifier', { value: text });
    const limitCtx = META.limitContexts[text];
    if (limitCtx) {
      if (!limitless) fail('misplacedLimitContext', { value: text });
      limitless = undefined;
      const accepted = opts.acceptableLimits?.some((a) => a === u || a === text);
      if (!accepted) fail('disallowedLimitContext', { value: text, restriction: opts.acceptableLimits?.length ? opts.acceptableLimits.join(', ') : '(none accepted)' });
      limitSpec = limitCtx.spec;
      continue;
    }
    if (limitless) fail('missingLimitContext', { value: limitless, restriction: '4' });
    if (parts!.minorVersion !== 0 && (version ?? parent?.version) === 2) fail('invalidContextSpecifierForVersion', { value: text, restriction: '2' });
    if (META.contexts[text]) {
      if (META.affiliateContextsImplicitDtdlVersions[text] !== undefined) sawAffiliate = true;
      extensions = extensions.filter((e) => unversioned(e) !== u);
      extensions.push(text);
      continue;
    }
    if (KNOWN_UNVERSIONED.has(u)) {
      // an unknown version of a known extension: ignored when another version is in scope, else undefined
      unknownVersions.push(text);
      continue;
    }
    if (u.startsWith('dtmi:dtdl:')) fail('unresolvableContextSpecifier', { value: text });
    hasUndefined = true;
    sawUndefined = true;
  }
  if (limitless) fail('missingLimitContext', { value: limitless, restriction: '4' });
  const v = version ?? parent?.version;
  if (v === undefined) fail('missingDtdlContext');
  const ver = v as 2 | 3 | 4;
  const allowUndefined = opts.allowUndefinedExtensions ?? ver === 2;
  for (const item of unknownVersions) {
    const u = unversioned(item);
    if (extensions.some((e) => unversioned(e) === u)) continue;
    if (!allowUndefined) fail('unresolvableContextVersion', { value: item, restriction: KNOWN_UNVERSIONED.get(u)?.join(', ') });
    hasUndefined = true;
  }
  if (hasUndefined && !allowUndefined) {
    const first = items.find((it) => typeof it === 'string' && parseDtmi(it) && !META.contexts[it] && unversioned(it) !== DTDL_CTX && !META.limitContexts[it]);
    if (first !== undefined || !parent?.hasUndefined) fail('unresolvableContextSpecifier', { value: first });
  }
  return build(ver, extensions, limitSpec, hasUndefined);
}

function onlyAffiliates(exts: string[]): boolean {
  return exts.every((e) => META.affiliateContextsImplicitDtdlVersions[e] !== undefined);
}
