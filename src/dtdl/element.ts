/** The parser's internal element record (before the public object model is built). */
import type { ActiveContext } from './context.ts';
import type { JsonPath } from './errors.ts';
import type { ClassFacts } from './classes.ts';

/** Shared empty record: most elements have no identifiers, supplemental or undefined properties (never written: replaced by a new object on the first write). */
export const NONE: Record<string, never> = Object.freeze({}) as Record<string, never>;

// small per-element states packed in one number (fewer fields per record: elements are many)
const AUTO = 1;
const STD_REF = 2;
const CYCLE_REPORTED = 4;
const INH = 3; // bits 3-4
const COLOR = 5; // bits 5-6
const GCOLOR = 7; // bits 7-8

/**
 * One element. A class (not a literal) so that every record has one shape and rarely needed states share one field:
 * a RealEstateCore parse makes about 1,900 of these.
 */
export class El {
  /** The element itself: an element is its own node in the model checker's walks (standard elements get one). */
  declare readonly el: El;
  declare id: string;
  /** Material class name (Interface, Property, ...). */
  declare cls: string;
  /** What the metamodel says of that class. */
  declare facts: ClassFacts;
  /** Supplemental (extension/semantic) types by DTMI. */
  declare supp: string[];
  /** Undefined co-types (open-world extension types), as written. */
  declare undefTypes: string[];
  /**
   * Literal properties (core), normalized: strings, numbers, booleans, lang maps. This object starts as
   * `{ id, type, languageMajorVersion }` and becomes the element of the published object model.
   */
  declare lits: Record<string, unknown>;
  /** Object properties (core): element ids of values (inline children or references), in order. */
  declare objs: Record<string, string[]>;
  /** Identifier properties (core), e.g. Relationship target. */
  declare idents: Record<string, string>;
  /** Supplemental property values by property name: literals or element ids. */
  declare suppVals: Record<string, unknown>;
  /** Undefined properties as written (open world). */
  declare undefProps: Record<string, unknown>;
  declare parent: El | undefined;
  declare parentProp: string | undefined;
  /** Id of the partition root (the enclosing Interface or top-level element). */
  declare partition: string;
  declare doc: number;
  /** Top-level elements: the JSON object they were parsed from (the object model's `source`). */
  declare src: unknown;
  /** For documents that came from the resolver: the requested DTMI. */
  declare docDtmi: string | undefined;
  declare path: JsonPath;
  declare ctx: ActiveContext;
  /** The DTDL version of the element's context (read on most steps: kept, not derived). */
  declare readonly version: 2 | 3 | 4;
  /** Supplemental values that must conform to another property's value (e.g. `minimum` to `schema`), checked later. */
  declare deferred: Array<[string, number, string]> | undefined;
  /** Interfaces: depth of the extends hierarchy above. */
  declare depth: number;
  /** Interfaces: transitive parents (not including itself), computed on request. */
  declare anc: string[] | undefined;
  /** Interfaces: an upper bound of the number of transitive parents. */
  declare ancBound: number;
  /** Interfaces: effective contents (own + inherited), name -> content id, once built (see ModelChecker.effOf). */
  declare eff: Map<string, string> | undefined;
  /** Interfaces whose effective contents are left lazy: own contents (by name) and the one parent inherited from. */
  declare effOwn: Map<string, string> | undefined;
  declare effParent: El | undefined;
  /** Interfaces: the number of effective contents. */
  declare effSize: number;
  /** Descendant walks of the model checker: the last walk that reached this element, and its best depth there. */
  declare walk: number;
  declare best: number;
  /** The small states below, packed. */
  declare private flags: number;

  constructor(
    id: string,
    auto: boolean,
    facts: ClassFacts,
    supp: string[],
    undefTypes: string[],
    lits: Record<string, unknown>,
    parent: El | undefined,
    parentProp: string | undefined,
    partition: string,
    doc: number,
    src: unknown,
    docDtmi: string | undefined,
    path: JsonPath,
    ctx: ActiveContext,
  ) {
    (this as { el: El }).el = this;
    this.id = id;
    this.cls = facts.name;
    this.facts = facts;
    this.supp = supp;
    this.undefTypes = undefTypes;
    this.lits = lits;
    this.objs = NONE;
    this.idents = NONE;
    this.suppVals = NONE;
    this.undefProps = NONE;
    this.parent = parent;
    this.parentProp = parentProp;
    this.partition = partition;
    this.doc = doc;
    this.src = src;
    this.docDtmi = docDtmi;
    this.path = path;
    this.ctx = ctx;
    this.version = ctx.version;
    this.deferred = undefined;
    this.depth = 0;
    this.anc = undefined;
    this.ancBound = 0;
    this.eff = undefined;
    this.effOwn = undefined;
    this.effParent = undefined;
    this.effSize = 0;
    this.walk = 0;
    this.best = 0;
    this.flags = auto ? AUTO : 0;
  }


  /** The id was generated (no `@id` given). */
  get auto(): boolean {
    return (this.flags & AUTO) !== 0;
  }

  /** Some (non-supplemental) reference of this element names a standard element (set by resolution). */
  get stdRef(): boolean {
    return (this.flags & STD_REF) !== 0;
  }

  set stdRef(v: boolean) {
    this.flags = v ? this.flags | STD_REF : this.flags & ~STD_REF;
  }

  get cycleReported(): boolean {
    return (this.flags & CYCLE_REPORTED) !== 0;
  }

  set cycleReported(v: boolean) {
    this.flags = v ? this.flags | CYCLE_REPORTED : this.flags & ~CYCLE_REPORTED;
  }

  /** Interfaces, set by the inheritance check: 0 not visited, 1 visiting, 2 done. */
  get inh(): number {
    return (this.flags >> INH) & 3;
  }

  set inh(v: number) {
    this.flags = (this.flags & ~(3 << INH)) | (v << INH);
  }

  /** Cycle search of the model checker: 0 unseen, 1 on the stack, 2 done. */
  get color(): number {
    return (this.flags >> COLOR) & 3;
  }

  set color(v: number) {
    this.flags = (this.flags & ~(3 << COLOR)) | (v << COLOR);
  }

  /** The same for the Interface graph (components and parents). */
  get gcolor(): number {
    return (this.flags >> GCOLOR) & 3;
  }

  set gcolor(v: number) {
    this.flags = (this.flags & ~(3 << GCOLOR)) | (v << GCOLOR);
  }
}
export interface Ref {
  from: El;
  prop: string;
  target: string;
  /** Allowed class of the target and allowed DTDL versions. */
  cls?: string;
  versions?: number[];
  path: JsonPath;
  supplemental?: boolean;
  /** Set by resolution: the element referred to (user elements), or that the target is a standard element. */
  el: El | undefined;
  std: boolean;
}
