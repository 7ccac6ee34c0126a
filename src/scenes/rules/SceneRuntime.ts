/**
 * The live side of a scene, without React or three: keeps a cache of the twins the scene's elements read,
 * applies committed engine events (ADT CloudEvents: Twin.Create / Update (JSON Patch) / Delete) and
 * re-evaluates only the elements bound to the changed twins (one index entry per twin, fanned out to every
 * element that reads it). Listeners get the ids of elements whose visible state changed.
 */
import type { Behavior, Layer, Scene, ScenesConfiguration, TwinToObjectMapping } from '../model/types.ts';
import { applyJsonPatch, type PatchOp } from './applyJsonPatch.ts';
import { evaluateElement, type ElementState } from './evaluateElement.ts';

/** The fields of a CloudEvent the runtime reads (structurally compatible with the engine's CloudEvent). */
export interface TwinChangeEvent {
  type: string;
  subject: string;
  data: unknown;
}

/** The virtual layer of behaviors that belong to no layer (as in ADT's viewer). */
export const DEFAULT_LAYER_ID = '__default__';

type Twin = Record<string, unknown>;
type Listener = (changed: string[]) => void;

export function elementsOf(scene: Scene): TwinToObjectMapping[] {
  return scene.elements.filter((e): e is TwinToObjectMapping => e.type === 'TwinToObjectMapping');
}

/** Behaviors targeting an element (through their data sources), filtered by visible layers (null = all). */
export function behaviorsForElement(
  elementId: string, behaviors: readonly Behavior[], layers: readonly Layer[], visibleLayerIds: ReadonlySet<string> | null,
): Behavior[] {
  return behaviors.filter((b) => {
    if (!b.datasources.some((d) => d.type === 'ElementTwinToObjectMappingDataSource' && (d.elementIDs as string[]).includes(elementId))) return false;
    if (!visibleLayerIds) return true;
    const inLayers = layers.filter((l) => l.behaviorIDs.includes(b.id));
    if (inLayers.length === 0) return visibleLayerIds.has(DEFAULT_LAYER_ID);
    return inLayers.some((l) => visibleLayerIds.has(l.id));
  });
}

export class SceneRuntime {
  private readonly twins = new Map<string, Twin>();
  private readonly byTwin = new Map<string, Set<string>>();
  private readonly elements = new Map<string, TwinToObjectMapping>();
  private readonly behaviorsByElement = new Map<string, Behavior[]>();
  private readonly states = new Map<string, ElementState>();
  private readonly signatures = new Map<string, string>();
  private readonly listeners = new Set<Listener>();
  private readonly lookup = (id: string) => this.twins.get(id);

  constructor(config: ScenesConfiguration, sceneId: string, visibleLayerIds: ReadonlySet<string> | null = null) {
    const scene = config.scenes.find((s) => s.id === sceneId);
    for (const el of scene ? elementsOf(scene) : []) {
      this.elements.set(el.id, el);
      this.behaviorsByElement.set(el.id, behaviorsForElement(el.id, config.behaviors, config.layers, visibleLayerIds));
      for (const twinId of [el.primaryTwinID, ...Object.values(el.twinAliases ?? {})]) {
        let set = this.byTwin.get(twinId);
        if (!set) this.byTwin.set(twinId, (set = new Set()));
        set.add(el.id);
      }
    }
    for (const id of this.elements.keys()) this.evaluate(id);
  }

  /** Twin ids the scene reads (primary twins and aliases of its elements). */
  twinIds(): string[] {
    return [...this.byTwin.keys()];
  }

  elementIdsForTwin(twinId: string): string[] {
    return [...(this.byTwin.get(twinId) ?? [])];
  }

  state(elementId: string): ElementState | undefined {
    return this.states.get(elementId);
  }

  allStates(): ElementState[] {
    return [...this.states.values()];
  }

  behaviorsOf(elementId: string): Behavior[] {
    return this.behaviorsByElement.get(elementId) ?? [];
  }

  twin(id: string): Twin | undefined {
    return this.twins.get(id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads (or replaces) twins, e.g. from the initial query. Returns the elements whose state changed. */
  setTwins(twins: readonly Twin[]): string[] {
    const touched = new Set<string>();
    for (const t of twins) {
      const id = t.$dtId;
      if (typeof id !== 'string' || !this.byTwin.has(id)) continue;
      this.twins.set(id, t);
      for (const e of this.byTwin.get(id) ?? []) touched.add(e);
    }
    return this.reevaluate(touched);
  }

  /** Applies a batch of committed engine events. Returns (and notifies) the elements whose state changed. */
  applyEvents(events: readonly TwinChangeEvent[]): string[] {
    const touched = new Set<string>();
    for (const ev of events) {
      const id = ev.subject;
      const readers = this.byTwin.get(id);
      if (!readers) continue;
      if (ev.type === 'Microsoft.DigitalTwins.Twin.Create') {
        if (ev.data && typeof ev.data === 'object') this.twins.set(id, ev.data as Twin);
      } else if (ev.type === 'Microsoft.DigitalTwins.Twin.Delete') {
        this.twins.delete(id);
      } else if (ev.type === 'Microsoft.DigitalTwins.Twin.Update') {
        const current = this.twins.get(id);
        const patch = (ev.data as { patch?: PatchOp[] } | null)?.patch;
        if (!current || !Array.isArray(patch)) continue;
        this.twins.set(id, applyJsonPatch(current, patch).doc);
      } else {
        continue;
      }
      for (const e of readers) touched.add(e);
    }
    return this.reevaluate(touched);
  }

  private reevaluate(touched: Set<string>): string[] {
    const changed: string[] = [];
    for (const id of touched) if (this.evaluate(id)) changed.push(id);
    if (changed.length) for (const l of this.listeners) l(changed);
    return changed;
  }

  private evaluate(elementId: string): boolean {
    const el = this.elements.get(elementId);
    if (!el) return false;
    const s = evaluateElement(el, this.behaviorsByElement.get(elementId) ?? [], this.lookup);
    const sig = signature(s);
    this.states.set(elementId, s);
    if (this.signatures.get(elementId) === sig) return false;
    this.signatures.set(elementId, sig);
    return true;
  }
}

function signature(s: ElementState): string {
  let out = '';
  for (const c of s.colorings) out += 'c' + c.color + '|';
  for (const b of s.badges) out += 'b' + b.iconName + b.color + b.label + '|';
  for (const l of s.labels) out += 'l' + l.id + l.text + '|';
  for (const p of s.problems) out += 'p' + p.message + '|';
  return out + s.missingTwins.join(',');
}
