/** Standard elements of the metamodel (primitive schemas, geospatial schemas, units, ...), by id. */
import { META } from './metamodel.ts';

export interface StandardElement {
  id: string;
  /** Material class name, or the unit-type / prefix name for units. */
  cls: string;
  types: string[];
  json: Record<string, unknown>;
  /** v3/v4 primitive ids alias their v2 id. */
  aliasFor?: string;
  version: number;
}

let index: Map<string, StandardElement> | undefined;

export function standardElements(): Map<string, StandardElement> {
  if (index) return index;
  index = new Map();
  for (const json of META.elements) {
    const id = json['@id'] as string;
    const types = ([] as string[]).concat(json['@type'] as string | string[]);
    const material = types.find((t) => t !== 'Alias' && META.classes[t]) ?? types[0];
    const ctx = String(json['@context'] ?? '');
    const version = Number(ctx.slice(ctx.lastIndexOf(';') + 1)) || 2;
    index.set(id, { id, cls: material, types, json, aliasFor: json.aliasFor as string | undefined, version });
    // nested standard elements with their own ids (e.g. QuantitativeTypes units are EnumValues of unit Enums)
    for (const ev of ([] as unknown[]).concat(json.enumValues ?? [])) {
      if (ev && typeof ev === 'object' && typeof (ev as Record<string, unknown>)['@id'] === 'string') {
        const evj = ev as Record<string, unknown>;
        const evTypes = ([] as string[]).concat((evj['@type'] as string | string[] | undefined) ?? 'EnumValue');
        index.set(evj['@id'] as string, { id: evj['@id'] as string, cls: 'EnumValue', types: evTypes, json: evj, version });
      }
    }
  }
  return index;
}

/** Follows alias chains: `dtmi:dtdl:instance:Schema:double;4` -> `...;2`. */
const canonical = new Map<string, string>();

export function canonicalId(id: string): string {
  const known = canonical.get(id);
  if (known !== undefined) return known;
  const idx = standardElements();
  let cur = id;
  for (let i = 0; i < 4; i++) {
    const a = idx.get(cur)?.aliasFor;
    if (!a) break;
    cur = a;
  }
  // only standard ids are kept (a fixed set); other ids are their own canonical id
  if (idx.has(id)) canonical.set(id, cur);
  return cur;
}
