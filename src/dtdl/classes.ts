/** Class hierarchy helpers over the metamodel: is-a, concrete subclasses, term/DTMI classification. */
import { META, type ClassDef, type DescendantControl, type PropDef, type PropRule, type SupplementalProp, type SupplementalTypeDef, type VersionKey } from './metamodel.ts';

const ancestorsCache = new Map<string, Set<string>>();

export function classAncestors(name: string): Set<string> {
  let s = ancestorsCache.get(name);
  if (s) return s;
  s = new Set<string>();
  let c: string | undefined = name;
  while (c && META.classes[c]) {
    s.add(c);
    c = META.classes[c].parentClass;
  }
  if (!META.classes[name]) s.add(name);
  ancestorsCache.set(name, s);
  return s;
}

export function isA(cls: string, ancestor: string): boolean {
  return classAncestors(cls).has(ancestor);
}

export function classDef(name: string): ClassDef | undefined {
  return META.classes[name];
}

/** A property a class requires in a DTDL version (minCount >= 1), with its bit in the class's property set. */
export interface RequiredProp {
  name: string;
  def: PropDef;
  bit: number;
}

/**
 * What the parser reads about a material class for every element of it, derived once per class: one lookup per
 * element instead of one per fact.
 */
export class ClassFacts {
  /** Small and dense: per-context memos are arrays indexed by it. */
  readonly index: number;
  /** One bit per property (for the set of properties an element has; classes have at most a few dozen). */
  readonly bits = new Map<string, number>();
  private readonly requiredBy: Partial<Record<VersionKey, RequiredProp[]>> = {};
  /** The model checker's memo: the descendant controls that apply to the class, by DTDL version. */
  readonly controls: Array<DescendantControl[] | undefined> = [];

  constructor(
    readonly name: string,
    readonly def: ClassDef,
    index: number,
  ) {
    this.index = index;
    const names = Object.keys(def.properties);
    if (names.length > 30) throw new Error(`class ${name} has too many properties for a bit set`);
    names.forEach((n, i) => this.bits.set(n, 1 << i));
  }

  /** The properties the class requires in a DTDL version. */
  required(vk: VersionKey): RequiredProp[] {
    let r = this.requiredBy[vk];
    if (!r) {
      r = Object.entries(this.def.properties)
        .filter(([, d]) => d[vk]?.allowed && d[vk]?.minCount)
        .map(([name, def]) => ({ name, def, bit: this.bits.get(name)! }));
      this.requiredBy[vk] = r;
    }
    return r;
  }
}

const factsCache = new Map<string, ClassFacts>();

/** The facts of material class `name` (undefined for a name the metamodel does not define). */
export function classFacts(name: string): ClassFacts | undefined {
  let f = factsCache.get(name);
  if (!f) {
    const def = META.classes[name];
    if (!def) return undefined;
    f = new ClassFacts(name, def, factsCache.size);
    factsCache.set(name, f);
  }
  return f;
}

const concreteCache: Record<number, Map<string, string[]>> = { 2: new Map(), 3: new Map(), 4: new Map() };
const NONE: string[] = [];

/** Concrete subclasses of a class in a DTDL version (memoized: callers must not modify the result). */
export function concreteSubclasses(name: string, version: number): string[] {
  const byName = concreteCache[version];
  if (!byName) return META.classes[name]?.concreteSubclasses?.[String(version) as VersionKey] ?? NONE;
  let r = byName.get(name);
  if (!r) {
    r = META.classes[name]?.concreteSubclasses?.[String(version) as VersionKey] ?? NONE;
    byName.set(name, r);
  }
  return r;
}

export function propDef(cls: string, prop: string): PropDef | undefined {
  return META.classes[cls]?.properties[prop];
}

export function propRule(cls: string, prop: string, version: number): PropRule | undefined {
  return META.classes[cls]?.properties[prop]?.[String(version) as VersionKey];
}

const CLASS_RE = /^dtmi:dtdl:class:(\w+);(\d+)$/;
const PROP_RE = /^dtmi:dtdl:property:(\w+);(\d+)$/;

const classCache = new Map<string, { name: string; version: number } | null>();

export function classFromDtmi(dtmi: string): { name: string; version: number } | undefined {
  let r = classCache.get(dtmi);
  if (r === undefined) {
    const m = CLASS_RE.exec(dtmi);
    r = m ? { name: m[1], version: Number(m[2]) } : null;
    if (classCache.size < 10_000) classCache.set(dtmi, r);
  }
  return r ?? undefined;
}

const propCache = new Map<string, { name: string; version: number } | null>();

export function propFromDtmi(dtmi: string): { name: string; version: number } | undefined {
  let r = propCache.get(dtmi);
  if (r === undefined) {
    const m = PROP_RE.exec(dtmi);
    r = m ? { name: m[1], version: Number(m[2]) } : null;
    if (propCache.size < 10_000) propCache.set(dtmi, r);
  }
  return r ?? undefined;
}

/** Every DTMI any known context defines: a term or DTMI outside the active context is "irrelevant", not undefined. */
export const KNOWN_DTMIS: Set<string> = new Set();
for (const ctx of Object.values(META.contexts)) for (const d of Object.values(ctx)) KNOWN_DTMIS.add(d);

const chainCache = new Map<string, SupplementalTypeDef[]>();

/** Supplemental type lookups with inheritance along `parent` (memoized: callers must not modify the result). */
export function suppChain(id: string): SupplementalTypeDef[] {
  let out = chainCache.get(id);
  if (out) return out;
  out = [];
  let cur: string | undefined = id;
  const seen = new Set<string>();
  while (cur && META.supplementalTypes[cur] && !seen.has(cur)) {
    seen.add(cur);
    out.push(META.supplementalTypes[cur]);
    cur = META.supplementalTypes[cur].parent;
  }
  if (META.supplementalTypes[id]) chainCache.set(id, out);
  return out;
}

export function suppIsA(id: string, ancestor: string): boolean {
  let cur: string | undefined = id;
  const seen = new Set<string>();
  while (cur && !seen.has(cur)) {
    if (cur === ancestor) return true;
    seen.add(cur);
    cur = META.supplementalTypes[cur]?.parent;
  }
  return false;
}

const propsCache = new Map<string, Array<[string, SupplementalProp]>>();

/** The properties of a supplemental type, inherited ones included (memoized: callers must not modify the result). */
export function suppProps(id: string): Array<[string, SupplementalProp]> {
  let out = propsCache.get(id);
  if (out) return out;
  out = [];
  for (const s of suppChain(id)) for (const e of Object.entries(s.properties ?? {})) out.push(e);
  if (META.supplementalTypes[id]) propsCache.set(id, out);
  return out;
}
