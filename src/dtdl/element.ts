/** The parser's internal element record (before the public object model is built). */
import type { ActiveContext } from './context.ts';
import type { JsonPath } from './errors.ts';

export interface El {
  id: string;
  /** The id was generated (no `@id` given). */
  auto: boolean;
  /** Material class name (Interface, Property, ...). */
  cls: string;
  version: 2 | 3 | 4;
  /** Supplemental (extension/semantic) types by DTMI. */
  supp: string[];
  /** Undefined co-types (open-world extension types), as written. */
  undefTypes: string[];
  /**
   * Literal properties (core), normalized: strings, numbers, booleans, lang maps. This object starts as
   * `{ id, type, languageMajorVersion }` and becomes the element of the published object model.
   */
  lits: Record<string, unknown>;
  /** Object properties (core): element ids of values (inline children or references), in order. */
  objs: Record<string, string[]>;
  /** Identifier properties (core), e.g. Relationship target. */
  idents: Record<string, string>;
  /** Supplemental property values by property name: literals or element ids. */
  suppVals: Record<string, unknown>;
  /** Undefined properties as written (open world). */
  undefProps: Record<string, unknown>;
  parent?: El;
  parentProp?: string;
  /** Id of the partition root (the enclosing Interface or top-level element). */
  partition: string;
  doc: number;
  /** Top-level elements: the JSON object they were parsed from (the object model's `source`). */
  src: unknown;
  /** For documents that came from the resolver: the requested DTMI. */
  docDtmi?: string;
  path: JsonPath;
  ctx: ActiveContext;
  /** The element is a standard (metamodel) element, not user input. */
  standard?: boolean;
  /** Supplemental values that must conform to another property's value (e.g. `minimum` to `schema`), checked later. */
  deferred?: Array<[string, number, string]>;
  /** Some (non-supplemental) reference of this element names a standard element (set by resolution). */
  stdRef: boolean;
  /** Aliased standard element id (v3/v4 primitive -> v2 id). */
  aliasFor?: string;
  /** Interfaces, set by the inheritance check: 0 not visited, 1 visiting, 2 done. */
  inh: number;
  /** Interfaces: depth of the extends hierarchy above. */
  depth: number;
  /** Interfaces: transitive parents (not including itself), computed on request. */
  anc?: string[];
  /** Interfaces: an upper bound of the number of transitive parents. */
  ancBound: number;
  /** Interfaces: effective contents (own + inherited), name -> content id, once built (see ModelChecker.effOf). */
  eff?: Map<string, string>;
  /** Interfaces whose effective contents are left lazy: own contents (by name) and the one parent inherited from. */
  effOwn?: Map<string, string>;
  effParent?: El;
  /** Interfaces: the number of effective contents. */
  effSize: number;
  /** The element itself: an element is its own node in the model checker's walks (standard elements get one). */
  el: El;
  /** Cycle search of the model checker: 0 unseen, 1 on the stack, 2 done. */
  color: number;
  /** The same for the Interface graph (components and parents). */
  gcolor: number;
  /** Descendant walks of the model checker: the last walk that reached this element, and its best depth there. */
  walk: number;
  best: number;
  cycleReported?: boolean;
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
