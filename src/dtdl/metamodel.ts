/**
 * The compact DTDL metamodel, derived from the official DTDLParser digest by fixtures/dtdl/build-metamodel.mjs.
 * Every per-version rule (allowed properties, counts, lengths, patterns, classes, co-types, units) comes from here.
 */
import raw from './metamodel.json';

export type VersionKey = '2' | '3' | '4';
export type Limits = Record<string, number>; // '' = core; 'onvif_1', 'aio_1' = limit extensions

export interface PropRule {
  allowed: boolean;
  class?: string;
  idRequired?: boolean;
  typeRequired: boolean;
  minCount?: number;
  maxCount?: number;
  maxLength?: Limits;
  pattern?: string;
  minInclusive?: number;
  maxInclusive?: number;
  uniqueAmong?: Array<{ class: string; property: string }>;
  uniqueProperties?: string[];
  versions?: number[];
  value?: unknown;
  values?: string[];
  valueUris?: string[];
  defaultLanguage?: string;
}

export interface PropInfo {
  abstract?: boolean;
  class?: string;
  datatype?: string; // string | integer | boolean | langString | undefined
  literal?: boolean;
  optional?: boolean;
  plural?: boolean;
  inherited?: boolean;
  dictionaryKey?: string;
  dtmiSegment?: string;
  reverseAs?: string;
  breakout?: Record<string, string[]>;
}

export type PropDef = Partial<Record<VersionKey, PropRule>> & { _: PropInfo };

export interface ClassDef {
  abstract?: boolean;
  concreteSubclasses: Record<VersionKey, string[]>;
  elementalSubclasses?: Record<VersionKey, string[]>;
  dtdlVersions: number[];
  idRequiredVersions?: number[];
  typeOptionalVersions?: number[];
  parentClass?: string;
  partition?: boolean;
  rootable?: boolean;
  overt?: boolean;
  typeIds?: string[];
  properties: Record<string, PropDef>;
  standardElementIds?: Record<VersionKey, string[]>;
}

export interface SupplementalProp {
  propertyName: string;
  type: string;
  typeName: string;
  minCount?: number;
  maxCount?: number;
  plural?: boolean;
  optional?: boolean;
  childOf?: string;
  idRequired?: boolean;
  typeRequired?: boolean;
  uniqueValue?: boolean;
  minInclusive?: number;
  maxInclusive?: number;
  maxLength?: number;
  pattern?: string;
  dictionaryKey?: string;
  dtmiSegment?: string;
  values?: unknown[];
  value?: unknown;
  instanceProperty?: string;
}

export interface SupplementalTypeDef {
  abstract?: boolean;
  cotypes?: string[];
  cotypeVersions?: number[];
  extensionContext: string;
  extensionKind: string;
  parent?: string;
  properties?: Record<string, SupplementalProp>;
  constraints?: Array<Record<string, unknown>>;
  siblings?: Array<Record<string, unknown>>;
  requiredCocotypes?: string[];
  requiredCotypes?: string[];
  [k: string]: unknown;
}

export interface DescendantControl {
  allowSelf?: boolean;
  definingClass: string;
  dtdlVersion: number;
  entailments?: Record<string, string[]>;
  maxDepth?: Limits;
  narrow: boolean;
  properties: string[];
  rootClass: string;
  excludeType?: string;
  importProperties?: string[];
  datatypeProperty?: string;
  [k: string]: unknown;
}

export interface Metamodel {
  contexts: Record<string, Record<string, string>>;
  affiliateContextsImplicitDtdlVersions: Record<string, number>;
  apocrypha: Record<VersionKey, Record<string, 'valid' | 'invalid' | 'tenable'>>;
  classes: Record<string, ClassDef>;
  supplementalTypes: Record<string, SupplementalTypeDef>;
  descendantControls: DescendantControl[];
  elements: Array<Record<string, unknown>>;
  extensibleMaterialClasses: Record<VersionKey, string[]>;
  identifierDefinition: Record<VersionKey, { maxLength: Limits; pattern: string }> & { Interface: Record<VersionKey, { maxLength: Limits }> };
  identifierReference: Record<VersionKey, { maxLength: Limits; pattern: string }>;
  limitContexts: Record<string, { dtdlVersion: number; spec: string }>;
  partitions: Record<VersionKey, { maxBytes?: Limits }>;
  quantitativeTypes: Record<string, Record<string, string>>;
  units: Record<string, Record<string, string[]>>;
  reservedIdPrefixes: Record<string, string[]>;
  rootableClasses: Record<VersionKey, string[]>;
  aliases: Record<string, string>;
  dtdlVersionsAllowingUndefinedExtensionsByDefault: number[];
  dtdlVersionsRestrictingKeywords: number[];
  dtdlVersionsAllowingCustomLimits: number[];
  messages: Record<string, [string, string]>;
}

export const META = raw as unknown as Metamodel;

/** Limit value for a limit spec ('' = core), falling back to the core value. */
export function limit(l: Limits | undefined, spec: string): number | undefined {
  if (!l) return undefined;
  return l[spec] ?? l[''];
}

const regexCache = new Map<string, RegExp>();
// most calls in a row test the same pattern (element names): the last one is kept aside
let lastPattern = '';
let lastRegex = /$^/;

/** Compiled regular expression for a metamodel pattern (cached). */
export function re(pattern: string): RegExp {
  if (pattern === lastPattern) return lastRegex;
  let r = regexCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern);
    regexCache.set(pattern, r);
  }
  lastPattern = pattern;
  lastRegex = r;
  return r;
}
