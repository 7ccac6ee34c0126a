/** A Digital Twin Model Identifier, e.g. `dtmi:com:example:Room;1`. */
export type Dtmi = string & { readonly __brand?: 'Dtmi' };

/** Language-tagged strings; a plain DTDL string becomes `{ en: "..." }`. */
export type LangString = Record<string, string>;

/** Fetches definitions of DTMIs that are not in the input, in batches (like DTDLParser's DtmiResolverAsync). */
export type ModelResolver = (dtmis: Dtmi[]) => Promise<Array<unknown | null>>;

export interface ParseOptions {
  /** Undefined-extension policy; default per version (v2 allow, v3/v4 disallow). */
  allowUndefinedExtensions?: boolean;
  maxDtdlVersion?: number;
  resolver?: ModelResolver;
  /** Display names for documents, used in error locations (file names). */
  documentNames?: string[];
  /** Limit-extension DTMIs the parser may accept (e.g. `dtmi:dtdl:limits:onvif`), as DTDLParser's options. */
  acceptableLimits?: string[];
  /** Tolerate DTDL v2 solecisms (reserved-prefix ids, `{"@id"}` references, duplicate names) in input documents. */
  tolerateSolecismsInParse?: boolean;
  /** The same for documents returned by the resolver. */
  tolerateSolecismsInResolve?: boolean;
}

/** One validation error, with the official DTDLParser validation id. */
export interface ParsingError {
  validationId: string; // dtmi:dtdl:parsingError:<code>
  code: string; // <code>
  primaryId?: string;
  secondaryId?: string;
  property?: string;
  value?: string;
  /** Index of the input document (or file) the primary element came from. */
  documentIndex?: number;
  documentName?: string;
  /** 1-based line range in the document as pretty-printed or as given (source text when strings are passed). */
  startLine?: number;
  endLine?: number;
  cause: string;
  action: string;
}

export type ParseResult =
  | { ok: true; model: ObjectModel }
  | { ok: false; errors: ParsingError[]; unresolved?: Dtmi[] };

/** Resolved schema, enough for value validation and typed editors. */
export type SchemaInfo =
  | { kind: 'primitive'; name: string; id: Dtmi }
  | { kind: 'array'; id: Dtmi; elementSchema: SchemaInfo }
  | { kind: 'enum'; id: Dtmi; valueSchema: 'integer' | 'string'; values: Array<{ name: string; value: string | number; displayName?: LangString; id: Dtmi }> }
  | { kind: 'map'; id: Dtmi; mapKey: { name: string }; mapValue: { name: string; schema: SchemaInfo } }
  | { kind: 'object'; id: Dtmi; fields: Array<{ name: string; schema: SchemaInfo; displayName?: LangString; id: Dtmi }> };

export interface ContentInfo {
  id: Dtmi;
  kind: 'Property' | 'Telemetry' | 'Command' | 'Relationship' | 'Component';
  name: string;
  definedIn: Dtmi;
  displayName?: LangString;
  description?: LangString;
  /** Property / Telemetry schema. */
  schema?: SchemaInfo;
  writable?: boolean;
  /** Semantic co-types (e.g. Temperature) and unit, when given. */
  semanticTypes?: string[];
  unit?: string;
  /** Relationship only. */
  target?: Dtmi;
  properties?: ContentInfo[];
  minMultiplicity?: number;
  maxMultiplicity?: number;
  /** Component only: the component's Interface. */
  componentSchema?: Dtmi;
}

export interface InterfaceInfo {
  id: Dtmi;
  languageMajorVersion: number;
  displayName?: LangString;
  description?: LangString;
  comment?: string;
  /** Direct parents. */
  extends: Dtmi[];
  /** Transitive closure of parents (not including itself); computed on first read (a getter, not an own property). */
  ancestors: Dtmi[];
  /** All contents by name including inherited ones; computed on first read (a getter, not an own property). */
  contents: Map<string, ContentInfo>;
  /** The raw DTDL JSON of this interface as given. */
  source?: unknown;
}

/**
 * An element as written, normalized: literal values, ids of object properties, identifier values. An Interface's
 * `contents` is its effective contents (name -> content id, inherited included), computed on first read.
 */
export interface DtdlElement {
  id: Dtmi;
  type: string; // class name: Interface, Property, Array, ...
  [key: string]: unknown;
}

export interface ObjectModel {
  /** Every element with an id, as the official object model lists them. */
  elements: ReadonlyMap<Dtmi, DtdlElement>;
  /** Interfaces resolved for the engine and UI. */
  interfaces: Map<Dtmi, InterfaceInfo>;
}

export type ValueCheck = { ok: true } | { ok: false; path: string; reason: string };
