/**
 * Element-level parsing: one JSON document -> element records, driven by the metamodel
 * (classes, per-version property rules, co-types, undefined-extension policy).
 */
import { META, limit, re, type PropDef, type PropRule, type SupplementalProp, type VersionKey } from './metamodel.ts';
import { applyContext, type ActiveContext, type ContextOptions } from './context.ts';
import { childId, itemId, parseDtmi, DTMI_ID_PATTERN_V2, DTMI_ID_PATTERN_V3, MAX_DTMI_LENGTH } from './dtmi.ts';
import { counts, makeError, sub, type ErrorFields, type JsonPath, type PathNode, type PendingError, type Where } from './errors.ts';
import { KNOWN_DTMIS, classDef, classFacts, classFromDtmi, concreteSubclasses, isA, propFromDtmi, suppChain, suppProps } from './classes.ts';
import { El, NONE as EMPTY, type Ref } from './element.ts';
import { standardElements } from './standard.ts';
import { InterfaceElement } from './interfaceRecords.ts';

/** Where an element being parsed sits: its document and path (the error location), and its parent and property. */
interface At {
  doc: number;
  path: JsonPath;
  docDtmi?: string;
  top?: boolean;
  parent?: El;
  prop?: string;
  rule?: PropRule;
  info?: PropDef['_'];
  index?: number;
  suppProp?: SupplementalProp;
}

export interface ParserOptions extends ContextOptions {
  /** Tolerate solecisms (DTDL v2 only) in input documents / in documents from the resolver. */
  solecismsInParse?: boolean;
  solecismsInResolve?: boolean;
}

type Json = Record<string, unknown>;

const LANG_RE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

let blank = 0;

export class ModelParser {
  readonly els = new Map<string, El>();
  readonly list: El[] = [];
  readonly refs: Ref[] = [];
  readonly errors: PendingError[] = [];
  /** Errors the reference reports with the model-wide rules (uniqueness), only once the elements parse cleanly. */
  readonly late: PendingError[] = [];
  /**
   * Some object property lists an element defined elsewhere by an inline definition (a tolerated duplicate): inline
   * definitions alone form a tree, and the model checker relies on it (see ModelChecker.schemaCycles).
   */
  sharedDefinitions = false;
  /** Usable top-level contexts given as one DTMI, by that DTMI. */
  private readonly topContexts = new Map<string, ActiveContext>();
  constructor(readonly opts: ParserOptions) {}

  report = (e: PendingError): void => {
    this.errors.push(e);
  };

  private err(code: string, f: ErrorFields): void {
    if (f.where?.path === this.scratch) f.where = { doc: f.where.doc, path: sub(this.scratch.up, this.scratch.key) };
    this.errors.push(makeError(code, f));
  }

  /**
   * The path of a literal member: literal values are checked, never stored with their path, so one reused node serves
   * them all; the error helpers replace it by a copy when an error keeps it.
   */
  private readonly scratch: PathNode = { up: undefined, key: '' };

  private literalPath(up: JsonPath, key: string): PathNode {
    this.scratch.up = up;
    this.scratch.key = key;
    return this.scratch;
  }

  /** The element registered under `id` (every registered element is listed once, after its registration). */
  private definedBefore(id: string): El {
    const list = this.list;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].id === id) return list[i];
    throw new Error(`element ${id} is registered but not listed`);
  }

  /**
   * Where the elements being parsed sit, one record per nesting level, reused by the next sibling (an element reads its
   * record only while it is parsed; errors copy what they keep, see makeError). The caller decrements `depth` after the
   * call; a parse abandoned by an exception leaves it higher, which only leaves some records unused.
   */
  private readonly ats: At[] = [];
  private depth = 0;

  private at(doc: number, path: JsonPath, docDtmi: string | undefined, top: boolean, parent: El | undefined, prop: string | undefined, rule: PropRule | undefined, info: PropDef['_'] | undefined, index: number): At {
    const d = this.depth++;
    let a = this.ats[d];
    if (a === undefined) this.ats[d] = a = { doc, path, docDtmi, top, parent, prop, rule, info, index, suppProp: undefined };
    else {
      a.doc = doc;
      a.path = path;
      a.docDtmi = docDtmi;
      a.top = top;
      a.parent = parent;
      a.prop = prop;
      a.rule = rule;
      a.info = info;
      a.index = index;
    }
    return a;
  }

  /** Solecisms are tolerated in DTDL v2 only, separately for input and resolved documents. */
  private tolerant(version: number, docDtmi: string | undefined): boolean {
    return version === 2 && !!(docDtmi ? this.opts.solecismsInResolve : this.opts.solecismsInParse);
  }

  /** An error about literal property `name` of `el` (fields built only when there is an error). */
  private lerr(code: string, el: El, path: JsonPath, name: string, extra?: ErrorFields): void {
    if (path === this.scratch) path = sub(path.up, path.key);
    this.errors.push(makeError(code, { where: { doc: el.doc, path }, primaryId: el.id, property: name, ...extra }));
  }

  /** 'tenable' apocrypha need undefined extensions to be allowed explicitly (not just by the v2 default). */
  private tenable(version: 2 | 3 | 4, k: string): boolean {
    const a = META.apocrypha[VK[version]][k];
    return a === 'valid' || (a === 'tenable' && this.allowUndefined(version) && (this.opts.allowUndefinedExtensions === true || version !== 2));
  }

  private allowUndefined(version: number): boolean {
    return this.opts.allowUndefinedExtensions ?? META.dtdlVersionsAllowingUndefinedExtensionsByDefault.includes(version);
  }

  /** Parses one input document (already JSON-parsed). */
  parseDocument(root: unknown, doc: number, docDtmi?: string): void {
    this.depth = 0; // (no element is being parsed between documents)
    if (Array.isArray(root)) {
      for (let i = 0; i < root.length; i++) {
        const x: unknown = root[i];
        if (!x || typeof x !== 'object' || Array.isArray(x)) {
          this.err('notJsonObject', { where: { doc, path: undefined } });
          return;
        }
      }
      for (let i = 0; i < root.length; i++) this.parseTopLevel(root[i] as Json, doc, sub(undefined, i), docDtmi);
    } else if (root && typeof root === 'object') {
      this.parseTopLevel(root as Json, doc, undefined, docDtmi);
    } else {
      this.err('notJsonObject', { where: { doc, path: undefined } });
    }
  }

  private parseTopLevel(json: Json, doc: number, path: JsonPath, docDtmi?: string): void {
    if (!('@context' in json)) {
      this.err('missingContext', { where: { doc, path } });
      return;
    }
    if ('@graph' in json) {
      this.err('topLevelGraphDisallowed', topFields(json, doc, path));
      return;
    }
    // documents mostly share one context (`"dtmi:dtdl:context;3"` or a one-item array of it): usable contexts are
    // kept per parser (the options are fixed) and reused
    const cv = json['@context'];
    const single = typeof cv === 'string' ? cv : Array.isArray(cv) && cv.length === 1 && typeof cv[0] === 'string' ? (cv[0] as string) : undefined;
    let ctx = single === undefined ? undefined : this.topContexts.get(single);
    if (!ctx) {
      ctx = applyContext(cv, undefined, this.opts, this.report, topFields(json, doc, path));
      if (!ctx) return;
      if (single !== undefined) this.topContexts.set(single, ctx);
    }
    this.parseElement(json, ctx, this.at(doc, path, docDtmi, true, undefined, undefined, undefined, undefined, 0));
    this.depth--;
  }

  /**
   * Parses an element object. `holder` describes where it sits: the parent element and property, or top level.
   * Returns the element id (or undefined when unusable).
   */
  parseElement(json: Json, parentCtx: ActiveContext, at: At): string | undefined {
    // `at` carries doc and path: it is the error location (no object per element)
    const where: Where = at;
    const rawId = json['@id'];
    const idForErr = typeof rawId === 'string' ? rawId : undefined;
    let ctx = parentCtx;
    if (!at.top && '@context' in json) {
      const c = applyContext(json['@context'], parentCtx, this.opts, this.report, { primaryId: idForErr, where });
      if (!c) return undefined;
      ctx = c;
    }
    const version = ctx.version;
    const vk = VK[version];

    // ---- @id
    let id: string | undefined;
    let auto = false;
    if (rawId !== undefined) {
      if (Array.isArray(rawId) || typeof rawId !== 'string' || rawId === '') {
        this.err('idNotString', { where, member: '@id', value: rawId });
        return undefined;
      }
      const def = META.identifierDefinition[vk];

      if (!testId(def.pattern, rawId)) {
        this.err('invalidId', { where, member: '@id', value: rawId, primaryId: undefined, restriction: vk });
        return undefined;
      }
      const max = limit(def.maxLength, ctx.limitSpec) ?? 2048;
      if (rawId.length > max) {
        this.err('idTooLong', { where, member: '@id', value: rawId, count1: max, item1: 'characters', restriction: vk, transformation: limitsName(ctx) });
        return undefined;
      }
      id = rawId;
    }

    // the id used in messages about this element (its auto-generated id when it has no @id), computed once when needed
    let eidMemo: string | undefined;
    if (rawId === undefined && at.info?.plural && at.info.dtmiSegment && json['@type'] !== undefined && (eidMemo ??= eidOf(json, at, rawId))!.startsWith('_:')) {
      // no @id and no value for the property that names it (e.g. a content without `name`)
      this.err('missingDtmiSegPropertyValue', { where, primaryId: at.parent?.id, property: at.prop, value: at.info.dtmiSegment });
      return undefined;
    }

    // ---- @type
    const rawType = json['@type'];
    let types: string[] = NO_STRINGS;
    if (rawType !== undefined) {
      if (typeof rawType === 'string') {
        // (the type list is read only before any child is parsed: one reused array serves)
        ONE_TYPE[0] = rawType;
        types = ONE_TYPE;
      }
      else if (Array.isArray(rawType) && allStrings(rawType)) types = rawType as string[];
      else {
        this.err('badType', { where, primaryId: (eidMemo ??= eidOf(json, at, rawId)), property: '@type' });
        return undefined;
      }
    }
    // material classes: the first one, and all of them only when there are several
    let mat1: string | undefined;
    let matN: string[] | undefined;
    let supp: string[] = NO_STRINGS;
    let undefTypes: string[] = NO_STRINGS;
    let typeErr = false;
    for (let ti = 0; ti < types.length; ti++) {
      const t = types[ti];
      if (ti > 0 && types.indexOf(t) < ti) continue;
      // a material class of this version (the usual case): memoized per context
      let known = ctx.materialTypes.get(t);
      if (known === undefined) {
        const dd = ctx.terms.get(t) ?? (t.startsWith('dtmi:') ? t : undefined);
        const cc = dd === undefined || (!ctx.terms.has(t) && !parseDtmi(dd)) ? undefined : classFromDtmi(dd);
        known = cc && cc.version === version && classDef(cc.name)?.dtdlVersions.includes(version) ? cc.name : null;
        if (ctx.materialTypes.size > 10_000) ctx.materialTypes.clear();
        ctx.materialTypes.set(t, known);
      }
      if (known !== null) {
        if (mat1 === undefined) mat1 = known;
        else if (mat1 !== known && !matN?.includes(known)) (matN ??= [mat1]).push(known);
        continue;
      }
      const d = ctx.terms.get(t) ?? (t.startsWith('dtmi:') ? t : undefined);
      if (d === undefined) {
        if (t.includes(':')) {
          if (this.tenable(version, 'notDtmiNorTermAsCotype')) (undefTypes === NO_STRINGS ? (undefTypes = []) : undefTypes).push(t);
          else {
            this.err('typeNotDtmiNorTerm', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: t });
            typeErr = true;
          }
        } else if (this.tenable(version, 'undefinedTermAsCotype')) (undefTypes === NO_STRINGS ? (undefTypes = []) : undefTypes).push(t);
        else {
          this.err('typeUndefinedTerm', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: t, restriction: vk });
          typeErr = true;
        }
        continue;
      }
      if (!ctx.terms.has(t) && !parseDtmi(d)) {
        if (this.tenable(version, 'invalidDtmiAsCotype')) (undefTypes === NO_STRINGS ? (undefTypes = []) : undefTypes).push(t);
        else {
          this.err('typeInvalidDtmi', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: t });
          typeErr = true;
        }
        continue;
      }
      const c = classFromDtmi(d);
      if (c && c.version === version && classDef(c.name)?.dtdlVersions.includes(version)) {
        if (mat1 === undefined) mat1 = c.name;
        else if (mat1 !== c.name && !matN?.includes(c.name)) (matN ??= [mat1]).push(c.name);
        continue;
      }
      const st = META.supplementalTypes[d];
      if (st && (ctx.terms.get(t) === d || isActiveSupp(ctx, d))) {
        if (st.extensionKind === 'Unit' || st.extensionKind === 'UnitAttribute') {
          // unit types extend the material class Unit: a unit, not a co-type
          if (mat1 === undefined) mat1 = 'Unit';
          else if (mat1 !== 'Unit' && !matN?.includes('Unit')) (matN ??= [mat1]).push('Unit');
          continue;
        }
        (supp === NO_STRINGS ? (supp = []) : supp).push(d);
        continue;
      }
      if (KNOWN_DTMIS.has(d) || c || st) {
        if (this.tenable(version, 'irrelevantDtmiOrTermAsCotype')) (undefTypes === NO_STRINGS ? (undefTypes = []) : undefTypes).push(t);
        else {
          this.err('typeIrrelevantDtmiOrTerm', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: t, restriction: vk });
          typeErr = true;
        }
        continue;
      }
      // A valid DTMI that no known context defines: an undefined extension type.
      if (this.tenable(version, 'irrelevantDtmiOrTermAsCotype')) (undefTypes === NO_STRINGS ? (undefTypes = []) : undefTypes).push(t);
      else {
        this.err('typeUndefinedTerm', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: t, restriction: vk });
        typeErr = true;
      }
    }
    if (typeErr) return undefined;

    // ---- material class
    let cls: string | undefined;
    const allowedClass = at.top ? undefined : at.rule?.class;
    if (matN) {
      this.err('multipleMaterialTypes', { where, member: '@type', primaryId: (eidMemo ??= eidOf(json, at, rawId)), value: matN.length === 2 ? `${matN[0]} and ${matN[1]}` : `${matN.slice(0, -1).join(', ')} and ${matN[matN.length - 1]}` });
      return undefined;
    }
    if (mat1 !== undefined) cls = mat1;
    else if (at.top) {
      this.err('typeNotRootable', { where, value: (eidMemo ??= eidOf(json, at, rawId)), type: META.rootableClasses[vk].join(' or ') });
      return undefined;
    } else if (allowedClass && at.rule && !at.rule.typeRequired && types.length === 0) {
      const subs = concreteSubclasses(allowedClass, version);
      if (subs.length >= 1) cls = subs[0];
    }
    if (!cls) {
      this.err('badType', { where, primaryId: at.parent?.id, secondaryId: (eidMemo ??= eidOf(json, at, rawId)), property: at.prop });
      return undefined;
    }
    const facts = classFacts(cls)!;
    const def = facts.def;
    if (at.top) {
      if (!META.rootableClasses[vk].includes(cls)) {
        this.err('typeNotRootable', { where, value: id, type: META.rootableClasses[vk].join(' or ') });
        return undefined;
      }
    } else if (allowedClass && !definableAs(allowedClass, vk).has(cls)) {
      this.err('badType', { where, primaryId: at.parent?.id, secondaryId: id, property: at.prop, value: cls, type: concreteSubclasses(allowedClass, version).join(', ') });
      return undefined;
    }
    if (at.rule?.versions && !at.rule.versions.includes(version)) {
      this.err('disallowedVersionDefinition', { where, primaryId: at.parent?.id, property: at.prop, value: String(version), restriction: at.rule.versions.join(', ') });
      return undefined;
    }

    // ---- id rules / auto id
    const idRequired = def.idRequiredVersions?.includes(version) || at.rule?.idRequired;
    if (id === undefined) {
      if (at.top) {
        this.err('missingTopLevelId', { where });
        return undefined;
      }
      if (idRequired) {
        this.err('missingRequiredId', { where, primaryId: at.parent?.id, property: at.prop });
        return undefined;
      }
      auto = true;
      id = eidMemo ?? autoId(json, at);
    } else {
      if (!this.tolerant(version, at.docDtmi) && startsWithAny(id, RESERVED_START)) {
        for (const [ctxId, prefixes] of Object.entries(META.reservedIdPrefixes)) {
          if ((ctxId.startsWith('dtmi:dtdl:context;') || ctx.extensions.includes(ctxId)) && prefixes.some((p) => id!.startsWith(p))) {
            this.err('reservedId', { where, member: '@id', value: id, restriction: prefixes.join(', ') });
            return undefined;
          }
        }
      }
      if (cls === 'Interface') {
        const max = limit(META.identifierDefinition.Interface[vk].maxLength, ctx.limitSpec) ?? 128;
        if (id.length > max) {
          this.err('idTooLongForType', { where, member: '@id', value: id, type: cls, count1: max, item1: 'characters' });
          return undefined;
        }
      }
    }

    const el = new El(
      id,
      auto,
      facts,
      supp,
      undefTypes,
      // the literal values are kept on the object the model will publish for this element (no copy later)
      cls === 'Interface' ? new InterfaceElement(id, version) : newRecord(id, cls, version, at.parent, at.prop),
      at.parent,
      at.prop,
      def.partition || at.top || !at.parent ? id : at.parent.partition,
      at.doc,
      at.top ? json : undefined,
      at.docDtmi,
      at.path,
      ctx,
    );

    if (!auto || !id.startsWith('_:')) {
      // one hash-table operation in the usual case (a new id); when the id was taken, the earlier element is found
      // again and put back (duplicates are errors or solecisms: rare)
      const els = this.els;
      const size = els.size;
      els.set(id, el);
      if (els.size === size) {
        const prev = this.definedBefore(id);
        els.set(id, prev);
        if (auto && prev.auto && prev.parent === at.parent && prev.parentProp === at.prop) {
          // two children named alike: a duplicate name, not a duplicate definition
          if (!this.tolerant(version, at.docDtmi)) {
            const seg = at.info?.dtmiSegment ?? 'name';
            this.late.push(makeError('nonUniquePropertyValue', { where, primaryId: at.parent?.id, property: at.prop, value: json[seg], auxProperty: seg }));
          }
          return undefined;
        }
        if (!(this.tolerant(version, at.docDtmi) && auto)) {
          this.err('duplicateDefinition', { where, primaryId: id });
          return undefined;
        }
        this.sharedDefinitions = true;
        return prev.id;
      }
    }
    this.list.push(el);

    // ---- supplemental types applicability
    const suppPropMap: Map<string, [string, SupplementalProp]> = supp.length ? new Map() : NO_SUPP;
    const ignoredProps: Set<string> = supp.length ? new Set() : NO_IGNORED;
    for (let si = 0; si < supp.length; si++) {
      const s = supp[si];
      const sd = META.supplementalTypes[s];
      if (sd.abstract) {
        this.err('abstractSupplementalType', { where, member: '@type', primaryId: id, type: s });
        continue;
      }
      const cot = suppChain(s).find((x) => x.cotypes)?.cotypes ?? [];
      const alt = (sd.altcotypes as string[] | undefined) ?? [];
      if (cot.length && !cot.some((c) => isA(cls!, c)) && !alt.some((a) => supp.includes(a))) {
        this.err('invalidCotype', { where, member: '@type', primaryId: id, type: s, restriction: cot.join(' or ') });
        for (const [pid] of suppProps(s)) ignoredProps.add(pid);
        continue;
      }
      const cv = sd.cotypeVersions;
      if (cv && !cv.includes(version)) {
        this.err('invalidCotypeVersion', { where, member: '@type', primaryId: id, type: s, restriction: cv.join(', ') });
        for (const [pid] of suppProps(s)) ignoredProps.add(pid);
        continue;
      }
      for (const [pid, p] of suppProps(s)) {
        const prev = suppPropMap.get(pid);
        if (prev && prev[0] !== s && !sd.mergeable) {
          this.err('conflictingSupplementalTypes', { where, primaryId: id, property: p.propertyName, type: s, restriction: prev[0] });
          continue;
        }
        suppPropMap.set(pid, [s, p]);
      }
    }
    if (supp.length) {
      for (const s of supp) {
        const sd = META.supplementalTypes[s];
        const coco = (sd.cocotypes as string[] | undefined) ?? [];
        for (const c of coco) if (!supp.includes(c)) this.err('missingCocotype', { where, member: '@type', primaryId: id, type: s, restriction: c });
        const dis = (sd.discotypes as string[] | undefined) ?? [];
        for (const c of dis) if (supp.includes(c)) this.err('disallowedCocotype', { where, member: '@type', primaryId: id, type: s, restriction: c });
      }
    }

    // ---- members
    const informal = undefTypes.length > 0;
    const restrictKeywords = META.dtdlVersionsRestrictingKeywords.includes(version);
    // properties seen, as bits of the class's property index (classes have at most a few dozen properties)
    const bits = facts.bits;
    let byKey = ctx.coreProps[facts.index];
    if (!byKey) ctx.coreProps[facts.index] = byKey = new Map();
    let seenProps = 0;
    let seenSupp: string[] = NO_STRINGS;
    for (const key in json) {
      const value = json[key];
      if (key === '@id' || key === '@type' || key === '@context') continue;
      if (key.startsWith('@')) {
        const mpath = sub(at.path, key);
        // an element without @id is reported through its parent's property; one with an @id by itself (the message
        // then names no property)
        const owner: ErrorFields =
          auto && at.parent
            ? { primaryId: at.parent.id, property: at.prop }
            : { primaryId: id, cause: `Element ${id} has a '${key}' property, which is not allowed.`, action: `Remove the '${key}' property.` };
        if (key === '@graph') this.err('graphDisallowed', { where: { doc: at.doc, path: mpath }, ...owner });
        else if (restrictKeywords) this.err(at.top ? 'topLevelKeywordDisallowed' : 'keywordDisallowed', { where: { doc: at.doc, path: mpath }, ...(at.top ? {} : owner), value: key });
        continue;
      }
      // a core property allowed on this class (the usual case): memoized per context and class
      let core = byKey.get(key);
      if (core === undefined) {
        const td = ctx.terms.get(key);
        const dd = td ?? (key.startsWith('dtmi:') ? key : undefined);
        const pp = dd === undefined || (!td && !parseDtmi(dd)) ? undefined : propFromDtmi(dd);
        core = pp && pp.version === version && def.properties[pp.name]?.[vk]?.allowed ? { name: pp.name, def: def.properties[pp.name], bit: bits.get(pp.name)! } : null;
        if (byKey.size > 10_000) byKey.clear();
        byKey.set(key, core);
      }
      if (core !== null) {
        const bit = core.bit;
        if (seenProps & bit) {
          this.err('duplicatePropertyName', { where: { doc: at.doc, path: sub(at.path, key) }, primaryId: id, property: core.name });
          continue;
        }
        seenProps |= bit;
        // object properties keep their path (children, references); literal and identifier values need it only for errors
        const info = core.def._;
        this.parseProperty(el, json, core.name, core.def, value, info.class ? sub(at.path, key) : this.literalPath(at.path, key));
        continue;
      }
      const mpath = sub(at.path, key);
      const termDtmi = ctx.terms.get(key);
      const d = termDtmi ?? (key.startsWith('dtmi:') ? key : undefined);
      if (d === undefined) {
        const kind = key.includes(':') ? 'notDtmiNorTermAsProperty' : 'undefinedTermAsProperty';
        if (informal && this.tenable(version, kind)) setRec(el, 'undefProps', key, value);
        else this.err(key.includes(':') ? 'propertyNotDtmiNorTerm' : 'propertyUndefinedTerm', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key, restriction: vk });
        continue;
      }
      if (!termDtmi && !parseDtmi(d)) {
        if (informal && this.tenable(version, 'invalidDtmiAsProperty')) setRec(el, 'undefProps', key, value);
        else this.err('propertyInvalidDtmi', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key });
        continue;
      }
      const pc = propFromDtmi(d);
      if (pc && pc.version === version && def.properties[pc.name]?.[vk]?.allowed) {
        const bit = bits.get(pc.name)!;
        if (seenProps & bit) {
          this.err('duplicatePropertyName', { where: { doc: at.doc, path: mpath }, primaryId: id, property: pc.name });
          continue;
        }
        seenProps |= bit;
        this.parseProperty(el, json, pc.name, def.properties[pc.name], value, mpath);
        continue;
      }
      if (ignoredProps.has(d)) continue;
      const sp = suppPropMap.get(d);
      if (sp) {
        if (seenSupp.includes(d)) {
          this.err('duplicatePropertyName', { where: { doc: at.doc, path: mpath }, primaryId: id, property: sp[1].propertyName });
          continue;
        }
        (seenSupp === NO_STRINGS ? (seenSupp = []) : seenSupp).push(d);
        this.parseSupplementalProperty(el, sp[1], value, mpath, d);
        continue;
      }
      if (KNOWN_DTMIS.has(d) || pc) {
        if (informal && this.tenable(version, 'irrelevantDtmiOrTermAsProperty')) setRec(el, 'undefProps', key, value);
        else if (SUPP_PROP_IDS.has(d)) this.err('propertyIrrelevantDtmiOrTerm', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key });
        else if ((pc && pc.version === version) || termDtmi !== undefined) {
          this.err(at.rule && !at.rule.typeRequired && mat1 === undefined ? 'inferredTypeDoesNotAllow' : 'noTypeThatAllows', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key, type: cls });
        } else this.err('propertyIrrelevantDtmiOrTerm', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key });
        continue;
      }
      if (informal && this.tenable(version, 'undefinedTermAsProperty')) setRec(el, 'undefProps', key, value);
      else this.err('propertyUndefinedTerm', { where: { doc: at.doc, path: mpath }, primaryId: id, property: key, restriction: vk });
    }

    // ---- required properties
    const required = facts.required(vk);
    for (let ri = 0; ri < required.length; ri++) {
      const rp = required[ri];
      if (seenProps & rp.bit) continue;
      this.err(rp.def._.literal ? 'missingLiteralProperty' : 'missingObjectProperty', { where, primaryId: id, property: rp.name });
    }
    if (suppPropMap.size) for (const [pid, [s, p]] of suppPropMap) {
      if ((p.minCount ?? 0) > 0 && !seenSupp.includes(pid)) {
        const lit = !p.type || !p.type.startsWith('dtmi:');
        this.err(lit ? 'missingSupplementalLiteralProperty' : 'missingSupplementalObjectProperty', { where, primaryId: id, property: p.propertyName, type: s });
      }
    }
    return id;
  }

  private parseProperty(el: El, _json: Json, name: string, pdef: PropDef, value: unknown, path: JsonPath): void {
    const vk = VK[el.version];
    const rule = pdef[vk]!;
    const info = pdef._;
    if (value === null) {
      this.lerr('propertyValueNull', el, path, name);
      return;
    }
    if (info.literal) {
      this.parseLiteral(el, name, info.datatype, rule, value, path, !!info.plural);
      return;
    }
    if (!info.class) {
      // identifier property (e.g. Relationship target)
      let v = value;
      if (Array.isArray(v)) {
        if (v.length === 0 && !rule.minCount) return;
        if (v.length !== 1) {
          this.lerr(v.length ? 'identifierMultipleValues' : 'identifierCountBelowMin', el, path, name, counts(v.length, v.length ? 1 : (rule.minCount ?? 1)));
          return;
        }
        v = v[0];
      }
      if (typeof v !== 'string') {
        this.lerr('identifierNotString', el, path, name, { value: v, type: 'DTMI' });
        return;
      }
      const idRef = META.identifierReference[vk];
      if (!testId(rule.pattern ?? idRef.pattern, v, true)) {
        this.lerr(parseDtmi(v) ? 'invalidId' : 'identifierNotDtmi', el, path, name, { value: v, restriction: vk });
        return;
      }
      if (v.length > (limit(rule.maxLength, el.ctx.limitSpec) ?? 2048)) {
        this.lerr('identifierTooLong', el, path, name, { value: v });
        return;
      }
      setRec(el, 'idents', name, v);
      el.lits[name] = v; // published as it is
      return;
    }
    // object property
    const isArray = Array.isArray(value);
    const count = isArray ? value.length : 1;
    if (!info.plural && count > 1) {
      this.lerr('objectMultipleValues', el, path, name);
      return;
    }
    let ids: string[];
    if (!isArray) {
      const r = this.parseObjectValue(el, name, rule, info, value, path, 0);
      ids = r ? [r] : [];
    } else {
      // sized to the values (a growing array reserves 17 slots; most lists hold one to a few ids)
      ids = count <= 1024 ? new Array<string>(count) : [];
      let n = 0;
      for (let i = 0; i < count; i++) {
        const r = this.parseObjectValue(el, name, rule, info, value[i], sub(path, i), i);
        if (r) ids[n++] = r;
      }
      if (ids.length !== n) ids.length = n;
    }
    const valid = ids.length;
    if (el.objs === EMPTY) el.objs = {};
    el.objs[name] = ids;
    // published as they are (the model replaces standard references by canonical ids, and an Interface's contents by
    // its effective contents)
    if (name !== 'contents' || el.cls !== 'Interface') el.lits[name] = ids;
    if (rule.minCount && valid < rule.minCount && count < rule.minCount) this.lerr('objectCountBelowMin', el, path, name, { value: valid, ...counts(valid, rule.minCount) });
    if (rule.maxCount && info.plural && count > rule.maxCount) this.lerr('objectCountAboveMax', el, path, name, { value: count, ...counts(count, rule.maxCount) });
    if (rule.uniqueProperties && ids.length > 1) {
      // the children among the values (values may also be references), looked up once
      const kids: El[] = [];
      for (let i = 0; i < ids.length; i++) {
        const c = this.els.get(ids[i]);
        if (c && c.parent === el) kids.push(c);
      }
      if (kids.length > 1) {
        for (const up of rule.uniqueProperties) {
          // primitives by value (a string and a number never collide); other values by their JSON text; few values
          // are compared pairwise (no set to build)
          const seen = kids.length <= 16 ? undefined : new Set<unknown>();
          let seenJson: Set<string> | undefined;
          for (let i = 0; i < kids.length; i++) {
            const c = kids[i];
            const v = c.lits[up];
            if (v === undefined) continue;
            let dup: boolean;
            if (v === null || typeof v !== 'object') {
              if (seen) {
                dup = seen.has(v);
                if (!dup) seen.add(v);
              } else dup = seenBefore(kids, i, up, v);
            } else {
              const k = JSON.stringify(v);
              dup = !!seenJson?.has(k);
              if (!dup) (seenJson ??= new Set()).add(k);
            }
            if (dup) this.late.push(makeError('nonUniquePropertyValue', { where: { doc: c.doc, path: c.path }, primaryId: el.id, property: name, value: v, auxProperty: up }));
          }
        }
      }
    }
  }

  private parseObjectValue(el: El, name: string, rule: PropRule, info: PropDef['_'], item: unknown, path: JsonPath, index: number): string | undefined {
    if (typeof item === 'string') return this.reference(el, name, item, rule, path);
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const o = item as Json;
      if (typeof o['@id'] === 'string' && onlyKey(o, '@id')) {
        if (this.tolerant(el.version, el.docDtmi)) {
          const ref = o['@id'] as string;
          if (!el.ctx.terms.has(ref) && !parseDtmi(ref)) {
            this.err('idRefBadDtmiOrTerm', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: ref, restriction: VK[el.version] });
            return undefined;
          }
          return this.reference(el, name, ref, rule, path);
        }
        this.err('idReference', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: o['@id'] });
        return undefined;
      }
      if (rule.valueUris) {
        // only the standard values are allowed here (e.g. Enum valueSchema, commandType): no inline definitions
        this.err('badType', { where: { doc: el.doc, path }, primaryId: el.id, secondaryId: typeof o['@id'] === 'string' ? o['@id'] : undefined, property: name, value: o['@type'] });
        return undefined;
      }
      const r = this.parseElement(o, el.ctx, this.at(el.doc, path, el.docDtmi, false, el, name, rule, info, index));
      this.depth--;
      return r;
    }
    this.err('refNotStringOrObject', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: item });
    return undefined;
  }

  private reference(el: El, name: string, text: string, rule: PropRule, path: JsonPath, supplemental = false): string | undefined {
    // (no term has a colon: a DTMI is not looked up as one)
    let target = text.charCodeAt(4) === 58 ? undefined : el.ctx.terms.get(text);
    if (target === undefined) {
      const vk = VK[el.version];
      const idRef = META.identifierReference[vk];
      const valid = testId(idRef.pattern, text, true);
      if (!valid && (!text.startsWith('dtmi:') || !parseDtmi(text))) {
        this.err('badDtmiOrTerm', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: text, restriction: vk });
        return undefined;
      }
      if (!valid && !KNOWN_DTMIS.has(text)) {
        this.err('invalidId', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: text, restriction: vk });
        return undefined;
      }
      target = text;
    }
    if (rule.valueUris && !rule.valueUris.includes(target)) {
      const std = standardElements().get(target);
      if (std && rule.class && !classDef(rule.class)?.abstract && std.cls !== rule.class) {
        this.err('badType', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: std.cls, type: rule.class });
      } else this.err('incorrectPropertyValue', { where: { doc: el.doc, path }, primaryId: el.id, property: name, value: text, restriction: (rule.values ?? []).join(' or ') });
      return undefined;
    }
    this.refs.push({ from: el, prop: name, target, cls: rule.class, versions: rule.versions, path, supplemental, el: undefined, std: false });
    return target;
  }

  private parseSupplementalProperty(el: El, p: SupplementalProp, value: unknown, path: JsonPath, pid: string): void {
    const where = { doc: el.doc, path };
    // the reference names extension properties by their DTMI
    const f = { where, primaryId: el.id, property: pid };
    const items: unknown[] = Array.isArray(value) ? value : [value];
    const isLiteral = !p.type || p.type.startsWith(XSD);
    if (!p.plural && items.length !== 1) {
      this.err(items.length ? (isLiteral ? 'literalMultipleValues' : 'objectMultipleValues') : isLiteral ? 'literalCountBelowMin' : 'objectCountBelowMin', { ...f, property: p.propertyName, ...(items.length ? counts(items.length, 1) : counts(0, p.minCount ?? 1)) });
      return;
    }
    let v = items[0];
    if (v && typeof v === 'object' && !Array.isArray(v) && '@value' in (v as Json)) v = (v as Json)['@value'];
    if (p.type === undefined) {
      // IRI-valued (e.g. Override `overrides`): a term or DTMI, kept as written
      if (typeof v !== 'string') return this.err('identifierNotString', { ...f, type: 'DTMI or term' });
      setRec(el, 'suppVals', p.propertyName, v);
      return;
    }
    if (p.type.startsWith(XSD)) {
      const t = p.typeName;
      if (t === 'string') {
        if (typeof v !== 'string') return this.err('stringNotString', f);
        if (p.maxLength !== undefined && v.length > p.maxLength) return this.err('stringTooLong', { ...f, value: v, count1: p.maxLength, item1: 'characters' });
        if (p.pattern && !re(p.pattern).test(v)) return this.err('stringInvalid', { ...f, value: v, restriction: p.pattern });
      } else if (t === 'integer') {
        if (typeof v !== 'number' || !Number.isInteger(v)) return this.err('integerNotInteger', f);
        if (p.minInclusive !== undefined && v < p.minInclusive) return this.err('valueBelowMin', { ...f, value: v, restriction: String(p.minInclusive) });
        if (p.maxInclusive !== undefined && v > p.maxInclusive) return this.err('valueAboveMax', { ...f, value: v, restriction: String(p.maxInclusive) });
      } else if (t === 'boolean') {
        if (typeof v !== 'boolean') return this.err('booleanNotBoolean', f);
      } else if (t === 'decimal' || t === 'double' || t === 'float') {
        if (typeof v !== 'number') return this.err('numericNotNumeric', f);
        if (p.instanceProperty) (el.deferred ??= []).push([p.propertyName, v, p.instanceProperty as string]);
      } else if (t === 'duration') {
        if (typeof v !== 'string') return this.err('durationNotString', f);
        if (!/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v)) return this.err('durationInvalid', { ...f, value: v });
      }
      setRec(el, 'suppVals', p.propertyName, v);
      return;
    }
    // reference to an element (unit, schema, ...): a term or DTMI string, or an inline element
    if (typeof v === 'string') {
      const target = el.ctx.terms.get(v) ?? (parseDtmi(v) ? v : undefined);
      if (!target) {
        this.err('badDtmiOrTerm', { ...f, value: v, restriction: VK[el.version] });
        return;
      }
      setRec(el, 'suppVals', p.propertyName, target);
      if (p.typeName !== 'EnumValue' && !p.type.startsWith('dtmi:standard:class:')) {
        this.refs.push({ from: el, prop: p.propertyName, target, cls: undefined, versions: undefined, path, supplemental: true, el: undefined, std: false });
      }
      return;
    }
    if (v && typeof v === 'object' && !Array.isArray(v) && (p.typeName === 'EnumValue' || p.type.startsWith('dtmi:standard:class:'))) {
      // units and other enumerated values are references only
      this.err('refObjectNotAllowed', f);
      return;
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const cls = classFromDtmi(p.type)?.name;
      const r = cls ? this.parseElement(v as Json, el.ctx, { doc: el.doc, path, docDtmi: el.docDtmi, parent: el, prop: p.propertyName, rule: { allowed: true, class: cls, typeRequired: true }, info: { class: cls } }) : undefined;
      if (r) setRec(el, 'suppVals', p.propertyName, r);
      return;
    }
    this.err('refNotStringOrObject', { ...f, value: v });
  }

  private parseLiteral(el: El, name: string, datatype: string | undefined, rule: PropRule, value: unknown, path: JsonPath, plural: boolean): void {
    if (datatype === 'langString') {
      const map = this.langString(el, name, value, rule, path);
      if (map) el.lits[name] = map;
      return;
    }
    const prefix = datatype === 'string' ? 'string' : datatype === 'integer' ? 'integer' : datatype === 'boolean' ? 'boolean' : 'literal';
    if (value === null || typeof value !== 'object') {
      // the common case, a plain JSON value: no arrays to build
      this.checkLiteral(el, name, datatype, rule, value, path);
      return;
    }
    let items: unknown[] = Array.isArray(value) ? value : [value];
    if (!plural && items.length > 1) {
      this.lerr(`${prefix}MultipleValues`, el, path, name);
      return;
    }
    if (items.length === 0) {
      if (rule.minCount) this.lerr(`${prefix}CountBelowMin`, el, path, name, counts(0, rule.minCount));
      return;
    }
    items = items.map((it) => this.unwrapValueObject(el, name, it, datatype, path));
    if (items.some((x) => x === UNUSABLE)) return;
    this.checkLiteral(el, name, datatype, rule, items[0], path);
  }

  private checkLiteral(el: El, name: string, datatype: string | undefined, rule: PropRule, v: unknown, path: JsonPath): void {
    const spec = el.ctx.limitSpec;
    if (datatype === 'string') {
      if (typeof v !== 'string') return this.lerr('stringNotString', el, path, name, { value: v });
      const max = limit(rule.maxLength, spec);
      if (max !== undefined && v.length > max) return this.lerr('stringTooLong', el, path, name, { value: v, count1: max, item1: 'characters' });
      if (rule.pattern && !re(rule.pattern).test(v)) return this.lerr('stringInvalid', el, path, name, { value: v, restriction: rule.pattern });
    } else if (datatype === 'integer') {
      if (typeof v !== 'number' || !Number.isInteger(v)) return this.lerr('integerNotInteger', el, path, name, { value: v });
      const lo = rule.minInclusive;
      const hi = rule.maxInclusive;
      const exact = rule.value !== undefined ? rule.value : lo !== undefined && lo === hi ? lo : undefined;
      if (exact !== undefined && v !== exact) return this.lerr('valueNotExact', el, path, name, { value: v, restriction: String(exact) });
      const range = lo !== undefined && hi !== undefined;
      if (lo !== undefined && v < lo) return this.lerr(range ? 'valueBelowRange' : 'valueBelowMin', el, path, name, { value: v, restriction: range ? `${lo} to ${hi}` : String(lo) });
      if (hi !== undefined && v > hi) return this.lerr(range ? 'valueAboveRange' : 'valueAboveMax', el, path, name, { value: v, restriction: range ? `${lo} to ${hi}` : String(hi) });
    } else if (datatype === 'boolean') {
      if (typeof v !== 'boolean') return this.lerr('booleanNotBoolean', el, path, name, { value: v });
    } else {
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isInteger(v))) return this.lerr('literalNotValid', el, path, name, { value: v });
    }
    el.lits[name] = v;
  }

  private unwrapValueObject(el: El, name: string, it: unknown, datatype: string | undefined, path: JsonPath): unknown {
    if (!it || typeof it !== 'object' || Array.isArray(it)) return it;
    const o = it as Json;
    const where = { doc: el.doc, path };
    const f = { where, primaryId: el.id, property: name };
    const prefix = datatype === 'string' ? 'string' : datatype === 'integer' ? 'integer' : datatype === 'boolean' ? 'boolean' : 'literal';
    const strict = META.dtdlVersionsRestrictingKeywords.includes(el.version);
    for (const k of Object.keys(o)) {
      if (k === '@value' || k === '@type') continue;
      if (!strict && k.startsWith('@') && k !== '@id' && k !== '@context' && k !== '@graph') continue;
      if (k === '@id') this.err('valueObjectId', { ...f, member: k });
      else if (k === '@context') this.err('valueObjectContext', { ...f, member: k });
      else if (k === '@graph') this.err('valueObjectGraph', { ...f, member: k });
      else if (k === '@language') this.err('valueObjectLanguage', { ...f, member: k });
      else if (k.startsWith('@')) this.err('valueObjectKeyword', { ...f, value: k, member: k });
      else this.err('valueObjectInvalidProp', { ...f, value: k, member: k });
      return UNUSABLE;
    }
    if (!('@value' in o)) {
      this.err(`${prefix}ObjectNoValue`, f);
      return UNUSABLE;
    }
    let t = o['@type'];
    if (Array.isArray(t) && t.length === 1) t = t[0];
    if (Array.isArray(t)) {
      this.err('literalTypeNotSingular', f);
      return UNUSABLE;
    }
    if (datatype === undefined && typeof t === 'string') {
      // untyped literal (enumValue): a typed value object must hold a value of that type
      const want = t.replace(/^xsd:|^http:\/\/www\.w3\.org\/2001\/XMLSchema#/, '');
      const v = o['@value'];
      const ok = want === 'string' ? typeof v === 'string' : want === 'integer' ? typeof v === 'number' && Number.isInteger(v) : want === 'boolean' ? typeof v === 'boolean' : true;
      if (!ok) {
        this.err(`${want}ValueNot${want[0].toUpperCase()}${want.slice(1)}`, f);
        return UNUSABLE;
      }
      if (want === 'boolean') {
        this.err('literalNotValid', f);
        return UNUSABLE;
      }
    }
    if (t !== undefined) {
      const want = datatype === 'string' ? 'string' : datatype === 'integer' ? 'integer' : datatype === 'boolean' ? 'boolean' : undefined;
      if (want && t !== `xsd:${want}` && t !== `${XSD}${want}`) {
        this.err(`${prefix}TypeNot${want[0].toUpperCase()}${want.slice(1)}`, f);
        return UNUSABLE;
      }
    }
    const v = o['@value'];
    const bad =
      (datatype === 'string' && typeof v !== 'string') ||
      (datatype === 'integer' && !(typeof v === 'number' && Number.isInteger(v))) ||
      (datatype === 'boolean' && typeof v !== 'boolean');
    if (bad) {
      this.err(`${prefix}ValueNot${prefix[0].toUpperCase()}${prefix.slice(1)}`, f);
      return UNUSABLE;
    }
    return v;
  }

  private putLang(out: Record<string, string>, lang: string, s: string, max: number | undefined, el: El, path: JsonPath, name: string, at?: ErrorFields): boolean {
    if (max !== undefined && s.length > max) {
      this.lerr('langStringValueTooLong', el, path, name, { value: s, count1: max, item1: 'characters', ...at });
      return false;
    }
    out[lang] = s;
    return true;
  }

  private langString(el: El, name: string, value: unknown, rule: PropRule, path: JsonPath): Record<string, string> | undefined {
    const max = limit(rule.maxLength, el.ctx.limitSpec);
    const dflt = rule.defaultLanguage ?? 'en';
    if (typeof value === 'string') {
      // the common case first, without the helper
      if (max !== undefined && value.length > max) {
        this.lerr('langStringValueTooLong', el, path, name, { value, count1: max, item1: 'characters' });
        return undefined;
      }
      const one: Record<string, string> = {};
      one[dflt] = value;
      return one;
    }
    if (Array.isArray(value)) {
      const out: Record<string, string> = {};
      const langs = new Set<string>();
      let defaults = 0;
      let secondDefault = -1;
      for (let li = 0; li < value.length; li++) {
        const item: unknown = value[li];
        // errors about one item are located at that item
        const at: ErrorFields = { member: [li] };
        if (typeof item === 'string') {
          if (++defaults === 2) secondDefault = li;
          if (!this.putLang(out, dflt, item, max, el, path, name, at)) return undefined;
          continue;
        }
        if (!item || typeof item !== 'object' || Array.isArray(item)) {
          this.lerr('langStringElementNotStringOrObject', el, path, name, at);
          return undefined;
        }
        const o = item as Json;
        const strict = META.dtdlVersionsRestrictingKeywords.includes(el.version);
        for (const k of Object.keys(o)) {
          if (k === '@value' || k === '@language') continue;
          if (!strict && k.startsWith('@') && k !== '@id' && k !== '@context' && k !== '@graph') continue;
          const code = k === '@id' ? 'langStringElementId' : k === '@context' ? 'langStringElementContext' : k === '@graph' ? 'langStringElementGraph' : k === '@type' ? 'langStringElementType' : k.startsWith('@') ? 'langStringElementKeyword' : 'langStringElementInvalidProp';
          this.lerr(code, el, path, name, { value: k, member: [li, k] });
          return undefined;
        }
        if (!('@value' in o)) {
          this.lerr('langStringElementNoValue', el, path, name, at);
          return undefined;
        }
        if (typeof o['@value'] !== 'string') {
          this.lerr('langStringElementValueNotString', el, path, name, { member: [li, '@value'] });
          return undefined;
        }
        let lang = dflt;
        if ('@language' in o) {
          if (typeof o['@language'] !== 'string') {
            this.lerr('langStringElementCodeNotString', el, path, name, { member: [li, '@language'] });
            return undefined;
          }
          lang = o['@language'] as string;
          if (!validLang(lang)) {
            this.lerr('langStringElementInvalidCode', el, path, name, { value: lang, member: [li, '@language'] });
            return undefined;
          }
        }
        if (lang === dflt) defaults++;
        if (langs.has(lang) || defaults > 1) {
          this.lerr('langStringElementCodeNotUnique', el, path, name, { value: lang, ...at });
          return undefined;
        }
        langs.add(lang);
        if (!this.putLang(out, lang, o['@value'] as string, max, el, path, name, { member: [li, '@value'] })) return undefined;
      }
      if (defaults > 1) {
        this.lerr('langStringElementCodeNotUnique', el, path, name, { value: dflt, ...(secondDefault >= 0 ? { member: [secondDefault] } : {}) });
        return undefined;
      }
      return out;
    }
    if (value && typeof value === 'object') {
      for (const k in value as Json) {
        const s = (value as Json)[k];
        if (k.startsWith('@')) {
          const keys = Object.keys(value as Json);
          const tagged = keys.length === 2 && keys.includes('@value') && keys.includes('@language');
          this.lerr(tagged ? 'langTagValueInLangMap' : 'langMapObjKeyword', el, path, name, { value: k });
          return undefined;
        }
        if (!validLang(k)) {
          this.lerr('langStringInvalidCode', el, path, name, { value: k, member: [k] });
          return undefined;
        }
        if (typeof s !== 'string') {
          this.lerr('langStringValueNotString', el, path, name, { value: k, member: [k] });
          return undefined;
        }
        if (max !== undefined && s.length > max) {
          this.lerr('langStringValueTooLong', el, path, name, { value: s, count1: max, item1: 'characters', member: [k] });
          return undefined;
        }
      }
      // a valid language map is published as it was written (a JSON object owned by this parse: no copy)
      return value as Record<string, string>;
    }
    this.lerr('langStringNotLangString', el, path, name);
    return undefined;
  }
}

const UNUSABLE = Symbol('unusable');

/**
 * The published record of a new element (not an Interface), with the values the model adds anyway from the start —
 * the Interface a content is defined in, `writable` false unless given — so that the record does not grow once more at
 * the end, when every element of the parse is alive (and a garbage collection costs the most).
 */
function newRecord(id: string, cls: string, version: number, parent: El | undefined, prop: string | undefined): Record<string, unknown> {
  const definedIn = parent !== undefined && prop === 'contents' && parent.cls === 'Interface' ? parent.id : undefined;
  if (cls === 'Property' || cls === 'Relationship') {
    return definedIn !== undefined ? { id, type: cls, languageMajorVersion: version, definedIn, writable: false } : { id, type: cls, languageMajorVersion: version, writable: false };
  }
  return definedIn !== undefined ? { id, type: cls, languageMajorVersion: version, definedIn } : { id, type: cls, languageMajorVersion: version };
}

/** Shared empty list (never written: replaced by a new array on the first push). */
const NO_STRINGS: string[] = Object.freeze([]) as unknown as string[];

const ONE_TYPE: string[] = [''];

const langMemo = new Map<string, boolean>();

/** Language code check (BCP 47 subset), memoized: documents use few codes. */
function validLang(code: string): boolean {
  // two lowercase letters (en, de, ...), the usual case, without the memo
  if (code.length === 2) {
    const a = code.charCodeAt(0);
    const b = code.charCodeAt(1);
    if (a >= 97 && a <= 122 && b >= 97 && b <= 122) return true;
  }
  let r = langMemo.get(code);
  if (r === undefined) {
    r = LANG_RE.test(code);
    if (langMemo.size > 1000) langMemo.clear();
    langMemo.set(code, r);
  }
  return r;
}

/** Whether one of `kids[0..i)` has the primitive value `v` for literal `up`. */
function seenBefore(kids: El[], i: number, up: string, v: unknown): boolean {
  for (let j = 0; j < i; j++) {
    const w = kids[j].lits[up];
    if (w === v || (w !== w && v !== v)) return true;
  }
  return false;
}

function allStrings(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

/** `o` has exactly one own key, `key`. */
function onlyKey(o: Json, key: string): boolean {
  let n = 0;
  for (const k in o) if (++n > 1 || k !== key) return false;
  return n === 1;
}

const DTMI_ID_V2 = new RegExp(DTMI_ID_PATTERN_V2);
const DTMI_ID_V3 = new RegExp(DTMI_ID_PATTERN_V3);

/**
 * Whether `text` matches identifier pattern `pattern` (and, with `dtmi`, is a DTMI at all: parseDtmi's grammar and
 * length limit). Ids are mostly distinct strings, so they are tested directly (a compiled regex tests one faster than
 * a memo finds it). The metamodel's DTMI patterns are narrower than parseDtmi's grammar: for them only its length
 * limit remains to check.
 */
function testId(pattern: string, text: string, dtmi = false): boolean {
  const narrow = pattern === DTMI_ID_PATTERN_V3 ? DTMI_ID_V3 : pattern === DTMI_ID_PATTERN_V2 ? DTMI_ID_V2 : undefined;
  if (dtmi && !(narrow ? text.length <= MAX_DTMI_LENGTH : parseDtmi(text))) return false;
  return (narrow ?? re(pattern)).test(text);
}

function startsWithAny(s: string, prefixes: string[]): boolean {
  // most ids differ from every prefix in the two characters after `dtmi:` (one test instead of one per prefix)
  if (!RESERVED_HEADS.has(s.charCodeAt(5) * 65536 + s.charCodeAt(6))) return false;
  for (let i = 0; i < prefixes.length; i++) if (s.startsWith(prefixes[i])) return true;
  return false;
}

const NO_SUPP: Map<string, [string, SupplementalProp]> = new Map();
const NO_IGNORED: Set<string> = new Set();

function setRec(el: El, rec: 'idents' | 'suppVals' | 'undefProps', key: string, value: unknown): void {
  if (el[rec] === EMPTY) el[rec] = {};
  (el[rec] as Record<string, unknown>)[key] = value;
}

/** Every supplemental (extension) property id. */
const SUPP_PROP_IDS = new Set(Object.values(META.supplementalTypes).flatMap((t) => Object.keys(t.properties ?? {})));

const RESERVED_START = [...new Set(Object.values(META.reservedIdPrefixes).flat())];

/** The two characters after `dtmi:` of each reserved prefix (all are longer than that). */
const RESERVED_HEADS = new Set(RESERVED_START.map((p) => p.charCodeAt(5) * 65536 + p.charCodeAt(6)));

const definableCache: Record<VersionKey, Map<string, Set<string>>> = { 2: new Map(), 3: new Map(), 4: new Map() };

/** Classes an inline definition may have where `cls` is expected: concrete, not elemental (primitives are terms). */
function definableAs(cls: string, vk: VersionKey): Set<string> {
  let r = definableCache[vk].get(cls);
  if (!r) {
    const elemental = classDef(cls)?.elementalSubclasses?.[vk] ?? [];
    r = new Set(concreteSubclasses(cls, Number(vk)).filter((c) => !elemental.includes(c)));
    definableCache[vk].set(cls, r);
  }
  return r;
}

/** Auto-generated id (spec "Automatic Identifier Assignment"): parent id + `:_prop` or `:_prop:__<name|index>`. */
function autoId(json: Json, at: { parent?: El; prop?: string; info?: PropDef['_']; index?: number }): string {
  const p = at.parent!;
  const seg = at.info?.dtmiSegment;
  if (at.info?.plural) {
    let segVal: unknown = seg ? (json[seg] ?? json[Object.keys(json).find((k) => k.startsWith(`dtmi:dtdl:property:${seg};`)) ?? '']) : at.index;
    if (Array.isArray(segVal) && segVal.length === 1) segVal = segVal[0];
    if (segVal && typeof segVal === 'object' && '@value' in (segVal as Json)) segVal = (segVal as Json)['@value'];
    if (seg && typeof segVal !== 'string' && typeof segVal !== 'number') return `_:b${++blank}`;
    return itemId(p.id, at.prop!, String(segVal));
  }
  return childId(p.id, `:_${at.prop}`);
}

/** The id used in messages about an element: its @id, or its auto-generated id when it sits in a parent. */
function eidOf(json: Json, at: { parent?: El; prop?: string; info?: PropDef['_']; index?: number }, rawId: unknown): string | undefined {
  return typeof rawId === 'string' ? rawId : at.parent ? autoId(json, at) : undefined;
}

/** Error fields of a top-level document (made only when an error is reported). */
function topFields(json: Json, doc: number, path: JsonPath): ErrorFields {
  return { primaryId: typeof json['@id'] === 'string' ? (json['@id'] as string) : undefined, where: { doc, path } };
}

const VK: Record<number, VersionKey> = { 2: '2', 3: '3', 4: '4' };

/** The name of the modeling limits in force, for messages. */
function limitsName(ctx: ActiveContext): string {
  return ctx.limitSpec ? `the '${ctx.limitSpec}' limit extension` : `the DTDL v${ctx.version} core limits`;
}

function isActiveSupp(ctx: ActiveContext, d: string): boolean {
  const st = META.supplementalTypes[d];
  if (!st) return false;
  const ec = st.extensionContext;
  return ec === `dtmi:dtdl:context;${ctx.version}` || ctx.extensions.includes(ec);
}
