/**
 * The stored models with their resolved DTDL object model (from src/dtdl's parseModels), plus the lookups the
 * engine needs: inheritance (IS_OF_MODEL with ADT's version rule), references between models, ModelData.
 */
import { parseModels, type InterfaceInfo, type ObjectModel, type ParsingError } from '../../dtdl/index.ts';
import type { Dtmi, ModelData } from '../types.ts';
import type { StoredModel } from '../storage/Store.ts';
import { dtmiSatisfies } from './dtmi.ts';

const EMPTY: ObjectModel = { elements: new Map(), interfaces: new Map() };

export type BuildResult = { ok: true; registry: ModelRegistry } | { ok: false; errors: ParsingError[]; unresolved?: Dtmi[] };

export class ModelRegistry {
  private isOfCache = new Map<string, boolean>();
  private referrers: Map<Dtmi, Set<Dtmi>> | null = null;

  private constructor(readonly stored: ReadonlyMap<Dtmi, StoredModel>, readonly objectModel: ObjectModel) {}

  static empty(): ModelRegistry {
    return new ModelRegistry(new Map(), EMPTY);
  }

  /** Parses every stored model together (the DTDL parser resolves references between them). */
  static async build(models: StoredModel[]): Promise<BuildResult> {
    const stored = new Map(models.map((m) => [m.id, m] as const));
    if (!models.length) return { ok: true, registry: new ModelRegistry(stored, EMPTY) };
    const result = await parseModels(models.map((m) => m.model));
    if (!result.ok) return { ok: false, errors: result.errors, ...(result.unresolved ? { unresolved: result.unresolved } : {}) };
    return { ok: true, registry: new ModelRegistry(stored, result.model) };
  }

  /** Same object model, other stored records (decommissioning changes no DTDL). */
  withStored(models: StoredModel[]): ModelRegistry {
    return new ModelRegistry(new Map(models.map((m) => [m.id, m] as const)), this.objectModel);
  }

  get size(): number {
    return this.stored.size;
  }

  get(id: Dtmi): StoredModel | undefined {
    return this.stored.get(id);
  }

  interface(id: Dtmi): InterfaceInfo | undefined {
    return this.stored.has(id) ? this.objectModel.interfaces.get(id) : undefined;
  }

  all(): StoredModel[] {
    return [...this.stored.values()];
  }

  /** Is a twin of model `model` "of model" `wanted` (itself or an ancestor, ADT's version rule)? */
  isOfModel(model: Dtmi, wanted: Dtmi): boolean {
    const k = `${model} ${wanted}`;
    let v = this.isOfCache.get(k);
    if (v === undefined) {
      v = dtmiSatisfies(model, wanted) || (this.objectModel.interfaces.get(model)?.ancestors ?? []).some((a) => dtmiSatisfies(a, wanted));
      this.isOfCache.set(k, v);
    }
    return v;
  }

  satisfyingModels(wanted: Dtmi, candidates: Iterable<Dtmi>): Dtmi[] {
    const out: Dtmi[] = [];
    for (const c of candidates) if (this.isOfModel(c, wanted)) out.push(c);
    return out;
  }

  /** Stored models that extend `id` directly or use it as a component schema. */
  referencedBy(id: Dtmi): Dtmi[] {
    if (!this.referrers) {
      this.referrers = new Map();
      for (const m of this.stored.values()) {
        for (const dep of directDependencies(m.model)) {
          if (dep === m.id) continue;
          let s = this.referrers.get(dep);
          if (!s) this.referrers.set(dep, (s = new Set()));
          s.add(m.id);
        }
      }
    }
    return [...(this.referrers.get(id) ?? [])];
  }

  /** The models `ids` depend on (extends, component schemas), transitively, plus themselves. */
  dependencyClosure(ids: Dtmi[]): Set<Dtmi> {
    const out = new Set<Dtmi>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      const m = this.stored.get(id);
      if (m) stack.push(...directDependencies(m.model));
    }
    return out;
  }

  modelData(id: Dtmi, includeModelDefinition: boolean): ModelData | undefined {
    const m = this.stored.get(id);
    return m ? toModelData(m, includeModelDefinition) : undefined;
  }
}

export function toModelData(m: StoredModel, includeModelDefinition: boolean): ModelData {
  const src = (m.model ?? {}) as Record<string, unknown>;
  const data: ModelData = {
    id: m.id,
    displayName: langString(src.displayName),
    description: langString(src.description),
    uploadTime: m.uploadTime,
    decommissioned: m.decommissioned,
  };
  if (includeModelDefinition) data.model = m.model;
  return data;
}

function langString(v: unknown): Record<string, string> {
  if (typeof v === 'string') return { en: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) if (typeof s === 'string') out[k] = s;
    return out;
  }
  return {};
}

/**
 * DTMIs a DTDL interface document references by id: `extends` and Component `schema`s (strings), also inside
 * inline contents. Inline interface definitions (objects) are followed for their own references.
 */
export function directDependencies(doc: unknown): Dtmi[] {
  const out = new Set<Dtmi>();
  const visitInterface = (iface: unknown) => {
    if (!iface || typeof iface !== 'object') return;
    const o = iface as Record<string, unknown>;
    const ext = o.extends;
    for (const e of Array.isArray(ext) ? ext : ext === undefined ? [] : [ext]) {
      if (typeof e === 'string') out.add(e);
      else visitInterface(e);
    }
    const contents = Array.isArray(o.contents) ? o.contents : [];
    for (const c of contents) {
      if (!c || typeof c !== 'object') continue;
      const cc = c as Record<string, unknown>;
      const types = Array.isArray(cc['@type']) ? cc['@type'] : [cc['@type']];
      if (types.includes('Component')) {
        if (typeof cc.schema === 'string') out.add(cc.schema);
        else visitInterface(cc.schema);
      }
    }
  };
  visitInterface(doc);
  return [...out];
}
