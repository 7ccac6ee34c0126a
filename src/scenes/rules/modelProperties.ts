/**
 * Property names a twin of a DTDL model has (its own and inherited through `extends`, plus components),
 * for expression autocompletion. Reads the raw DTDL JSON as ADT returns it (includeModelDefinition).
 */
type Json = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const hasType = (c: Json, t: string) => asArray(c['@type']).includes(t);

export function modelPropertyNames(models: ReadonlyArray<{ id: string; model?: unknown }>): Map<string, string[]> {
  const byId = new Map<string, Json>();
  for (const m of models) if (m.model && typeof m.model === 'object') byId.set(m.id, m.model as Json);
  const cache = new Map<string, string[]>();
  const resolve = (id: string, seen: Set<string>): string[] => {
    const hit = cache.get(id);
    if (hit) return hit;
    const def = byId.get(id);
    if (!def || seen.has(id)) return [];
    seen.add(id);
    const out = new Set<string>();
    for (const ext of asArray(def.extends)) {
      if (typeof ext === 'string') resolve(ext, seen).forEach((p) => out.add(p));
      else if (ext && typeof ext === 'object') collect(ext as Json, out, seen);
    }
    collect(def, out, seen);
    const list = [...out].sort();
    cache.set(id, list);
    return list;
  };
  const collect = (def: Json, out: Set<string>, seen: Set<string>) => {
    for (const c of asArray(def.contents)) {
      if (!c || typeof c !== 'object') continue;
      const content = c as Json;
      const name = content.name;
      if (typeof name !== 'string') continue;
      if (hasType(content, 'Property')) out.add(name);
      else if (hasType(content, 'Component') && typeof content.schema === 'string') {
        for (const p of resolve(content.schema, new Set(seen))) out.add(`${name}.${p}`);
      }
    }
  };
  const result = new Map<string, string[]>();
  for (const id of byId.keys()) result.set(id, resolve(id, new Set()));
  return result;
}
