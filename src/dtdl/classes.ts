/** Class hierarchy helpers over the metamodel: is-a, concrete subclasses, term/DTMI classification. */
import { META, type ClassDef, type PropDef, type PropRule, type SupplementalProp, type SupplementalTypeDef, type VersionKey } from './metamodel.ts';

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
