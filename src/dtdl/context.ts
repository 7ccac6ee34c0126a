/** `@context` processing: DTDL version, active terms, extension and limit contexts, undefined contexts. */
import { META } from './metamodel.ts';
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
  ctx = { version, terms, extensions, limitSpec, hasUndefined, key };
  cache.set(key, ctx);
  return ctx;
}

export interface ContextOptions {
  allowUndefinedExtensions?: boolean;
  acceptableLimits?: string[];
  maxDtdlVersion?: number;
}

/**
 * Applies an element's `@context` value on top of the parent's active context.
 * Returns undefined when the context is unusable (errors were reported).
 */
export function applyContext(
  value: unknown,
  parent: ActiveContext | undefined,
  opts: ContextOptions,
  report: (e: PendingError) => void,
  base: ErrorFields,
): ActiveContext | undefined {
  // Context errors carry no primary id (the element is not identified yet), only the location.
  const err = (code: string, f: ErrorFields = {}) => report(makeError(code, { where: base.where, ...f }));
  const items: unknown[] = Array.isArray(value) ? value : [value];
  if (items.length === 0) {
    if (parent) return parent;
    err('emptyContext');
    return undefined;
  }
  let version: 2 | 3 | 4 | undefined;
  let extensions = parent ? [...parent.extensions] : [];
  let limitSpec = parent?.limitSpec ?? '';
  let hasUndefined = parent?.hasUndefined ?? false;
  let ok = true;
  let sawAffiliate = false;
  let sawUndefined = false;
  const unknownVersions: string[] = [];
  let limitless = false;
  let expectLimit = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string') {
      if (item && typeof item === 'object' && !Array.isArray(item)) err('disallowedLocalContext');
      else err('invalidContext', { value: item });
      ok = false;
      continue;
    }
    if (!item.startsWith('dtmi:')) {
      err('nonDtmiContextSpecifier', { value: item });
      ok = false;
      continue;
    }
    const parts = parseDtmi(item);
    if (!parts) {
      err('invalidContextSpecifier', { value: item });
      ok = false;
      continue;
    }
    const u = unversioned(item);
    if (parts.majorVersion === 0) {
      err('missingContextVersion', { value: item });
      ok = false;
      continue;
    }
    if (u === DTDL_CTX) {
      const v = parts.majorVersion;
      if (opts.maxDtdlVersion !== undefined && v > opts.maxDtdlVersion && parts.minorVersion === 0 && v >= 2 && v <= 4) {
        err('disallowedContextVersion', { value: item, restriction: String(opts.maxDtdlVersion) });
        ok = false;
        continue;
      }
      if (parts.minorVersion !== 0 || (v !== 2 && v !== 3 && v !== 4)) {
        err('unrecognizedContextVersion', { value: item, restriction: '2, 3, 4' });
        ok = false;
        continue;
      }
      if (parts.fragment) {
        if (v !== 4) {
          err('disallowedContextFragment', { value: item });
          ok = false;
          continue;
        }
        if (parts.fragment === '#limitless') {
          limitless = true;
          expectLimit = true;
          version = 4;
          if (extensions.length > (parent?.extensions.length ?? 0) || sawAffiliate || sawUndefined) {
            err('dtdlContextFollowsAffiliate', { value: item });
            ok = false;
          }
          continue;
        }
        if (parts.fragment === '#limits') {
          if (!expectLimit) {
            err('misplacedLimitContext', { value: item });
            ok = false;
          }
          expectLimit = false;
          limitSpec = '';
          continue;
        }
        err('invalidContextFragment', { value: item });
        ok = false;
        continue;
      }
      if (expectLimit) {
        // `#limitless` directly followed by the plain DTDL context: core limits.
        expectLimit = false;
        limitSpec = '';
      }
      if (sawUndefined || (extensions.length > (parent?.extensions.length ?? 0) && !(sawAffiliate && v === 2 && onlyAffiliates(extensions.slice(parent?.extensions.length ?? 0))))) {
        err('dtdlContextFollowsAffiliate', { value: item });
        ok = false;
      }
      version = v as 2 | 3 | 4;
      if (!limitless) limitSpec = '';
      continue;
    }
    if (parts.fragment) {
      err('disallowedContextFragment', { value: item });
      ok = false;
      continue;
    }
    const limitCtx = META.limitContexts[item];
    if (limitCtx) {
      if (!expectLimit) {
        err('misplacedLimitContext', { value: item });
        ok = false;
        continue;
      }
      expectLimit = false;
      const allowed = opts.acceptableLimits?.includes(u);
      if (!allowed) {
        err('disallowedLimitContext', { value: item });
        ok = false;
        continue;
      }
      limitSpec = limitCtx.spec;
      continue;
    }
    if (expectLimit) {
      err('missingLimitContext', { value: item });
      ok = false;
      expectLimit = false;
    }
    if (META.contexts[item]) {
      if (META.affiliateContextsImplicitDtdlVersions[item] !== undefined) sawAffiliate = true;
      extensions = extensions.filter((e) => unversioned(e) !== u);
      extensions.push(item);
      continue;
    }
    const knownVersions = KNOWN_UNVERSIONED.get(u);
    if (knownVersions) {
      // an unknown version of a known extension: ignored when another version is in scope, else undefined
      unknownVersions.push(item);
      continue;
    }
    if (u.startsWith('dtmi:dtdl:')) {
      err('unresolvableContextSpecifier', { value: item });
      ok = false;
      continue;
    }
    hasUndefined = true;
    sawUndefined = true;
  }
  if (expectLimit) {
    err('missingLimitContext');
    ok = false;
  }
  const v = version ?? parent?.version;
  if (v === undefined) {
    err('missingDtdlContext');
    return undefined;
  }
  if (!ok) return undefined;
  const ver = (v ?? 2) as 2 | 3 | 4;
  const allowUndefined = opts.allowUndefinedExtensions ?? ver === 2;
  for (const item of unknownVersions) {
    const u = unversioned(item);
    if (extensions.some((e) => unversioned(e) === u)) continue;
    if (!allowUndefined) {
      err('unresolvableContextVersion', { value: item, restriction: KNOWN_UNVERSIONED.get(u)?.join(', ') });
      return undefined;
    }
    hasUndefined = true;
  }
  if (hasUndefined && !(opts.allowUndefinedExtensions ?? ver === 2)) {
    for (const item of items) {
      if (typeof item === 'string' && parseDtmi(item) && !META.contexts[item] && unversioned(item) !== DTDL_CTX && !META.limitContexts[item]) {
        err('unresolvableContextSpecifier', { value: item });
      }
    }
    return undefined;
  }
  return build(ver, extensions, limitSpec, hasUndefined);
}

function onlyAffiliates(exts: string[]): boolean {
  return exts.every((e) => META.affiliateContextsImplicitDtdlVersions[e] !== undefined);
}
