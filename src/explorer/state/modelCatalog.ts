/**
 * The models of the workspace as the explorer needs them: raw ModelData from the engine, and the interfaces
 * resolved by src/dtdl's parser (inherited contents, schemas) for typed editors, relationship rules and
 * subtype filters. Reloaded when the model count changes.
 */
import { create } from 'zustand';
import { engine } from '../../app/engine/index.ts';
import { parseModels, type InterfaceInfo } from '../../dtdl/index.ts';
import type { ModelData } from '../../engine/types.ts';

export interface ModelCatalogState {
  models: ModelData[];
  interfaces: ReadonlyMap<string, InterfaceInfo>;
  /** model -> its direct `extends` (for subtype expansion). */
  parents: ReadonlyMap<string, readonly string[]>;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  refresh(): Promise<void>;
}

let generation = 0;

export const useModelCatalog = create<ModelCatalogState>((set) => ({
  models: [],
  interfaces: new Map(),
  parents: new Map(),
  status: 'idle',
  error: null,
  refresh: async () => {
    const mine = ++generation;
    set({ status: 'loading' });
    const listed = await engine.listModels({ includeModelDefinition: true });
    if (mine !== generation) return;
    if (!listed.ok) {
      set({ status: 'error', error: `${listed.error.code}: ${listed.error.message}` });
      return;
    }
    const models = listed.value;
    const parents = new Map<string, string[]>();
    for (const m of models) parents.set(m.id, directExtends(m.model));
    let interfaces: ReadonlyMap<string, InterfaceInfo> = new Map();
    let error: string | null = null;
    try {
      const parsed = await parseModels(models.map((m) => m.model).filter((m) => m !== undefined));
      if (parsed.ok) interfaces = parsed.model.interfaces;
      else error = `${parsed.errors.length} model error(s): ${parsed.errors[0]?.cause ?? ''}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (mine !== generation) return;
    set({ models, parents, interfaces, status: 'ready', error });
  },
}));

/** Direct parents from a raw DTDL interface (`extends` is a DTMI, an array of DTMIs, or inline interfaces). */
export function directExtends(model: unknown): string[] {
  if (!model || typeof model !== 'object') return [];
  const ext = (model as Record<string, unknown>).extends;
  const list = Array.isArray(ext) ? ext : ext === undefined ? [] : [ext];
  return list
    .map((e) => (typeof e === 'string' ? e : e && typeof e === 'object' ? (e as Record<string, unknown>)['@id'] : undefined))
    .filter((e): e is string => typeof e === 'string');
}

/** English (or first) value of a DTDL language string. */
export function langText(value: Record<string, string> | string | undefined, fallback = ''): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  return value.en ?? Object.values(value)[0] ?? fallback;
}
