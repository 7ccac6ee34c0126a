/**
 * The published records of Interfaces: the element record (in `ObjectModel.elements`) and the resolved Interface
 * (in `ObjectModel.interfaces`). Their inherited parts — effective contents, ancestors — are computed on first access
 * by getters on the prototype, shared by every record: most consumers touch few Interfaces, and defining an accessor
 * on each object was a measurable part of a parse (three `defineProperty` calls per Interface). Being getters, these
 * parts are not own properties: spread or structured cloning copies a record without them.
 */
import type { ContentInfo, Dtmi, InterfaceInfo, LangString } from './types.ts';

/** Effective contents of an Interface by id: name -> content id (the model checker's, see ModelChecker.contentsOf). */
export type EffectiveContents = (id: string) => Map<string, string>;

export interface ContentsBuilder {
  contentsOf(id: string): Map<string, ContentInfo>;
  ancestorsOf(id: string): string[];
}

const EFF = Symbol('effectiveContents');
const BUILD = Symbol('contentsBuilder');
const MEMO = Symbol('memo');
const ANCESTORS = Symbol('ancestors');

/**
 * The element record of an Interface: `{ id, type: 'Interface', languageMajorVersion, ...literals }` like any element,
 * plus `contents` (name -> content id, inherited ones included) once the model is built.
 */
export class InterfaceElement {
  [key: string]: unknown;
  declare private [EFF]: EffectiveContents | undefined;
  declare private [MEMO]: Record<string, string> | undefined;
  id: string;
  type: string;
  languageMajorVersion: number;

  constructor(id: string, languageMajorVersion: number) {
    this.id = id;
    this.type = 'Interface';
    this.languageMajorVersion = languageMajorVersion;
  }

  /** Makes `contents` the effective contents (own and inherited), computed on first read. */
  static resolveContents(e: InterfaceElement, eff: EffectiveContents): void {
    e[EFF] = eff;
  }

  get contents(): unknown {
    const eff = this[EFF];
    return eff ? (this[MEMO] ??= Object.fromEntries(eff(this.id))) : undefined;
  }

  /** An Interface whose contents are not resolved publishes its own contents (ids) as a plain property. */
  set contents(v: unknown) {
    Object.defineProperty(this, 'contents', { value: v, writable: true, enumerable: true, configurable: true });
  }
}

/** An Interface with its inherited parts: `ancestors` and `contents` (inherited included) are computed on first read. */
export class ResolvedInterface implements InterfaceInfo {
  declare private [BUILD]: ContentsBuilder;
  declare private [ANCESTORS]: Dtmi[] | undefined;
  declare private [MEMO]: Map<string, ContentInfo> | undefined;
  id: Dtmi;
  languageMajorVersion: number;
  extends: Dtmi[];
  declare displayName?: LangString;
  declare description?: LangString;
  declare comment?: string;
  declare source?: unknown;

  constructor(id: Dtmi, languageMajorVersion: number, parents: Dtmi[], build: ContentsBuilder) {
    this.id = id;
    this.languageMajorVersion = languageMajorVersion;
    this.extends = parents;
    this[BUILD] = build;
  }

  get ancestors(): Dtmi[] {
    return (this[ANCESTORS] ??= this[BUILD].ancestorsOf(this.id) as Dtmi[]);
  }

  get contents(): Map<string, ContentInfo> {
    return (this[MEMO] ??= this[BUILD].contentsOf(this.id));
  }
}
