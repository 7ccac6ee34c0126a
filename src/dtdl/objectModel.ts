/** Builds the public object model (elements by id, resolved Interfaces with inherited contents and schemas). */
import type { ContentInfo, Dtmi, DtdlElement, InterfaceInfo, LangString, ObjectModel, SchemaInfo } from './types.ts';
import type { El } from './element.ts';
import type { ModelChecker } from './checks.ts';
import type { ModelParser } from './parser.ts';
import { canonicalId, standardElements } from './standard.ts';
import { InterfaceElement, ResolvedInterface, type ContentsBuilder } from './interfaceRecords.ts';

const CONTENT_KINDS = new Set(['Property', 'Telemetry', 'Command', 'Relationship', 'Component']);

/** v2 Relationships whose published maxMultiplicity is the default (500), not a given value. */
const defaultedMax = new WeakSet<El>();

/**
 * `ObjectModel.elements`: a read-only view of the parser's index of elements (user elements by id, each published as
 * its record), followed by the standard elements the model refers to — instead of a second map of every id.
 */
class ElementMap implements ReadonlyMap<Dtmi, DtdlElement> {
  constructor(
    private readonly els: ReadonlyMap<string, El>,
    private readonly std: ReadonlyMap<string, DtdlElement>,
  ) {}

  get size(): number {
    return this.els.size + this.std.size;
  }

  get(id: string): DtdlElement | undefined {
    const el = this.els.get(id);
    return el ? (el.lits as DtdlElement) : this.std.get(id);
  }

  has(id: string): boolean {
    return this.els.has(id) || this.std.has(id);
  }

  *entries(): MapIterator<[Dtmi, DtdlElement]> {
    for (const [id, el] of this.els) yield [id as Dtmi, el.lits as DtdlElement];
    for (const [id, e] of this.std) yield [id as Dtmi, e];
  }

  *keys(): MapIterator<Dtmi> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<DtdlElement> {
    for (const [, e] of this.entries()) yield e;
  }

  forEach(fn: (value: DtdlElement, key: Dtmi, map: ReadonlyMap<Dtmi, DtdlElement>) => void, thisArg?: unknown): void {
    for (const [id, e] of this.entries()) fn.call(thisArg, e, id, this);
  }

  [Symbol.iterator](): MapIterator<[Dtmi, DtdlElement]> {
    return this.entries();
  }
}

export function buildObjectModel(p: ModelParser, chk: ModelChecker): ObjectModel {
  // every registered element is published (blank nodes are not registered); the standard ones are added below
  const stdElements = new Map<string, DtdlElement>();
  const elements = new ElementMap(p.els, stdElements);
  const resolveId = (id: string) => (p.els.has(id) ? id : canonicalId(id));
  const effOf = (id: string): Map<string, string> => chk.contentsOf(id) ?? new Map();
  for (const el of p.list) {
    if (el.auto && el.id.startsWith('_:')) continue;
    const iface = el.cls === 'Interface';
    // the parser's literal record already is `{ id, type, languageMajorVersion, ...literals, ...object and identifier
    // properties }` (the ids of object properties as they were written), with `definedIn` and `writable` (see newRecord)
    const e = el.lits as DtdlElement;
    if (iface) {
      // `contents` (name -> content id, inherited included) is computed on first access
      if (el.inh === 2 && e instanceof InterfaceElement) InterfaceElement.resolveContents(e, effOf);
      else if (el.objs.contents) e.contents = el.objs.contents;
    }
    if (el.stdRef) {
      // standard references (primitive schemas) are published by their canonical id
      for (const k in el.objs) {
        if (iface && k === 'contents') continue;
        const ids = el.objs[k];
        if (!allUser(ids, p)) e[k] = ids.map(resolveId);
      }
    }
    if (el.supp.length) e.supplementalTypes = [...el.supp];
    if (hasKeys(el.suppVals)) e.supplementalProperties = { ...el.suppVals };
    if (el.undefTypes.length) e.undefinedTypes = [...el.undefTypes];
    if (hasKeys(el.undefProps)) e.undefinedProperties = { ...el.undefProps };
    if (el.cls === 'Relationship' && e.maxMultiplicity === undefined && el.version === 2) {
      e.maxMultiplicity = 500;
      defaultedMax.add(el);
    }
  }
  // extendedBy
  for (const el of p.list) {
    if (el.cls !== 'Interface') continue;
    for (const pid of el.objs.extends ?? []) {
      const pe = elements.get(pid);
      if (!pe) continue;
      const by = pe.extendedBy as string[] | undefined;
      if (by) by.push(el.id);
      else pe.extendedBy = [el.id];
    }
  }
  // referenced standard elements
  const std = standardElements();
  const addStd = (id: string, depth: number): void => {
    const cid = canonicalId(id);
    if (elements.has(cid) || depth > 6) return;
    const s = std.get(cid);
    if (!s) return;
    const e: DtdlElement = { id: cid, type: s.cls, languageMajorVersion: s.version };
    for (const [k, v] of Object.entries(s.json)) if (!k.startsWith('@') && k !== 'aliasFor') e[k] = v;
    stdElements.set(cid, e);
  };
  for (const r of p.refs) if (r.std || (r.supplemental && !p.els.has(r.target))) addStd(r.target, 0);
  for (const el of p.list) if (typeof el.suppVals.unit === 'string') addStd(el.suppVals.unit, 0);

  const interfaces = new Map<string, InterfaceInfo>();
  const schemaCache = new Map<string, SchemaInfo>();
  const schemaOf = (id: string | undefined, depth = 0): SchemaInfo | undefined => (id ? schemaInfo(id, p, schemaCache, depth) : undefined);
  const contentCache = new Map<string, ContentInfo>();
  const contentsOf = (id: string): Map<string, ContentInfo> => {
    const contents = new Map<string, ContentInfo>();
    for (const [name, cid] of chk.contentsOf(id) ?? []) {
      const c = p.els.get(cid);
      if (!c || !CONTENT_KINDS.has(c.cls)) continue;
      let ci = contentCache.get(cid);
      if (!ci) {
        ci = contentInfo(c, p, schemaOf);
        contentCache.set(cid, ci);
      }
      contents.set(name, ci);
    }
    return contents;
  };
  const build: ContentsBuilder = { contentsOf, ancestorsOf: (id) => chk.ancestorsOf(id) ?? [] };
  for (const el of p.list) {
    if (el.cls !== 'Interface' || (el.auto && el.id.startsWith('_:'))) continue;
    // ancestors and contents (inherited included) are built on first access: most consumers touch few Interfaces
    const info = new ResolvedInterface(el.id, el.version, el.objs.extends ?? [], build);
    if (el.lits.displayName) info.displayName = el.lits.displayName as LangString;
    if (el.lits.description) info.description = el.lits.description as LangString;
    if (typeof el.lits.comment === 'string') info.comment = el.lits.comment;
    if (el.src !== undefined) info.source = el.src;
    interfaces.set(el.id, info);
  }
  return { elements, interfaces };
}

function allUser(ids: string[], p: ModelParser): boolean {
  for (let i = 0; i < ids.length; i++) if (!p.els.has(ids[i])) return false;
  return true;
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}

function contentInfo(c: El, p: ModelParser, schemaOf: (id: string | undefined) => SchemaInfo | undefined): ContentInfo {
  const info: ContentInfo = {
    id: c.id,
    kind: c.cls as ContentInfo['kind'],
    name: c.lits.name as string,
    definedIn: c.parent?.id ?? c.partition,
  };
  if (c.lits.displayName) info.displayName = c.lits.displayName as LangString;
  if (c.lits.description) info.description = c.lits.description as LangString;
  if (c.cls === 'Property' || c.cls === 'Telemetry') {
    info.schema = schemaOf(c.objs.schema?.[0]);
    if (c.cls === 'Property') info.writable = c.lits.writable === true;
  }
  const sem = c.supp.filter((s) => /:class:/.test(s)).map((s) => s.replace(/;\d+$/, '').split(':').pop()!);
  const extra = [...c.supp.filter((s) => !/:class:/.test(s)).map((s) => s.split(':').pop()!), ...c.undefTypes];
  if (sem.length || extra.length) info.semanticTypes = [...sem, ...extra];
  if (c.suppVals.unit !== undefined) info.unit = String(c.suppVals.unit).replace(/;\d+$/, '').split(':').pop();
  if (c.cls === 'Relationship') {
    if (c.idents.target) info.target = c.idents.target;
    if (typeof c.lits.minMultiplicity === 'number') info.minMultiplicity = c.lits.minMultiplicity;
    if (typeof c.lits.maxMultiplicity === 'number' && !defaultedMax.has(c)) info.maxMultiplicity = c.lits.maxMultiplicity;
    info.writable = c.lits.writable === true;
    const props = (c.objs.properties ?? []).map((id) => p.els.get(id)).filter((x): x is El => !!x);
    info.properties = props.map((x) => contentInfo(x, p, schemaOf));
  }
  if (c.cls === 'Component') info.componentSchema = c.objs.schema?.[0];
  return info;
}

function schemaInfo(id: string, p: ModelParser, cache: Map<string, SchemaInfo>, depth: number): SchemaInfo {
  const hit = cache.get(id);
  if (hit) return hit;
  const el = p.els.get(id);
  const cid = el ? id : canonicalId(id);
  if (!el) {
    const s = standardElements().get(cid);
    if (s && s.cls === 'Object') {
      // standard complex schema (geospatial): keep as an open object
      const fields: Array<{ name: string; schema: SchemaInfo; id: string }> = [];
      const out: SchemaInfo = { kind: 'object', id: cid, fields };
      cache.set(id, out);
      for (const f of ([] as Array<Record<string, unknown>>).concat((s.json.fields as Array<Record<string, unknown>>) ?? [])) {
        const fs = typeof f.schema === 'string' ? schemaInfo(f.schema, p, cache, depth + 1) : { kind: 'primitive' as const, name: 'unknown', id: '' };
        fields.push({ name: String(f.name), schema: fs, id: `${cid}:${String(f.name)}` });
      }
      return out;
    }
    if (s && s.cls === 'Array') {
      const out: SchemaInfo = { kind: 'array', id: cid, elementSchema: schemaInfo(String(s.json.elementSchema), p, cache, depth + 1) };
      cache.set(id, out);
      return out;
    }
    const name = (s?.json.displayName as string | undefined) ?? cid.replace(/;\d+$/, '').split(':').pop()!;
    const out: SchemaInfo = { kind: 'primitive', name, id: cid };
    cache.set(id, out);
    return out;
  }
  if (depth > 64) return { kind: 'primitive', name: 'unknown', id };
  switch (el.cls) {
    case 'Array': {
      const out = { kind: 'array', id, elementSchema: undefined as unknown as SchemaInfo } as Extract<SchemaInfo, { kind: 'array' }>;
      cache.set(id, out);
      out.elementSchema = schemaInfo(el.objs.elementSchema?.[0] ?? '', p, cache, depth + 1);
      return out;
    }
    case 'Enum': {
      const vs = el.objs.valueSchema?.[0] ?? '';
      const values = (el.objs.enumValues ?? []).map((evId) => {
        const ev = p.els.get(evId)!;
        const v: { name: string; value: string | number; displayName?: LangString; id: string } = { name: ev.lits.name as string, value: ev.lits.enumValue as string | number, id: evId };
        if (ev.lits.displayName) v.displayName = ev.lits.displayName as LangString;
        return v;
      });
      const out: SchemaInfo = { kind: 'enum', id, valueSchema: /integer/i.test(vs) ? 'integer' : 'string', values };
      cache.set(id, out);
      return out;
    }
    case 'Map': {
      const k = p.els.get(el.objs.mapKey?.[0] ?? '');
      const v = p.els.get(el.objs.mapValue?.[0] ?? '');
      const out = { kind: 'map', id, mapKey: { name: (k?.lits.name as string) ?? 'key' }, mapValue: { name: (v?.lits.name as string) ?? 'value', schema: undefined as unknown as SchemaInfo } } as Extract<SchemaInfo, { kind: 'map' }>;
      cache.set(id, out);
      out.mapValue.schema = schemaInfo(v?.objs.schema?.[0] ?? '', p, cache, depth + 1);
      return out;
    }
    case 'Object': {
      const fields: Array<{ name: string; schema: SchemaInfo; displayName?: LangString; id: string }> = [];
      const out: SchemaInfo = { kind: 'object', id, fields };
      cache.set(id, out);
      for (const fid of el.objs.fields ?? []) {
        const f = p.els.get(fid);
        if (!f) continue;
        const field: { name: string; schema: SchemaInfo; displayName?: LangString; id: string } = { name: f.lits.name as string, schema: schemaInfo(f.objs.schema?.[0] ?? '', p, cache, depth + 1), id: fid };
        if (f.lits.displayName) field.displayName = f.lits.displayName as LangString;
        fields.push(field);
      }
      return out;
    }
    default:
      return { kind: 'primitive', name: el.cls, id };
  }
}
