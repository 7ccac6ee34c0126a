/**
 * The viewer's twin data: the package snapshot, then every change from a live source or `updateTwin`.
 * Kept outside React so a scene switch rebuilds its SceneRuntime from the latest values. Read-only towards
 * the outside world: it only ever receives.
 */
import { sceneRules } from '../../scenes/index.ts';
import type { TwinChangeEvent } from './events.ts';

type Twin = Record<string, unknown>;
export interface TwinChange {
  twinId: string;
  /** The twin after the change (a copy), null when deleted. */
  twin: Twin | null;
}
/** Where a change came from: the package's snapshot, or data given / streamed to the viewer. */
export type ChangeOrigin = 'snapshot' | 'live';
type Listener = (events: TwinChangeEvent[], changes: TwinChange[], origin: ChangeOrigin) => void;

export class LiveTwins {
  private readonly twins = new Map<string, Twin>();
  private readonly listeners = new Set<Listener>();

  constructor(initial: readonly Twin[] = []) {
    this.replaceAll(initial);
  }

  all(): Twin[] {
    return [...this.twins.values()];
  }

  get(id: string): Twin | undefined {
    return this.twins.get(id);
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Replaces every twin (the `data` property): reported as Create events. */
  replaceAll(twins: readonly Twin[]): void {
    this.twins.clear();
    const events: TwinChangeEvent[] = [];
    for (const t of twins) {
      if (!t || typeof t.$dtId !== 'string') continue;
      events.push({ type: 'Microsoft.DigitalTwins.Twin.Create', subject: t.$dtId, data: t });
    }
    this.apply(events);
  }

  /** Applies ADT change events; an Update of an unknown twin creates it from the patch's values. */
  apply(events: readonly TwinChangeEvent[], origin: ChangeOrigin = 'live'): TwinChange[] {
    const changes: TwinChange[] = [];
    const effective: TwinChangeEvent[] = [];
    for (const ev of events) {
      const id = ev.subject;
      if (ev.type === 'Microsoft.DigitalTwins.Twin.Delete') {
        if (!this.twins.delete(id)) continue;
        changes.push({ twinId: id, twin: null });
        effective.push(ev);
      } else if (ev.type === 'Microsoft.DigitalTwins.Twin.Create') {
        const t = structuredClone(ev.data as Twin);
        this.twins.set(id, t);
        changes.push({ twinId: id, twin: structuredClone(t) });
        effective.push(ev);
      } else if (ev.type === 'Microsoft.DigitalTwins.Twin.Update') {
        const patch = (ev.data as { patch: sceneRules.PatchOp[] }).patch;
        const current = this.twins.get(id);
        const r = sceneRules.applyJsonPatch(current ?? { $dtId: id }, patch);
        if (!r.ok) continue;
        this.twins.set(id, r.doc);
        changes.push({ twinId: id, twin: structuredClone(r.doc) });
        effective.push(current ? ev : { type: 'Microsoft.DigitalTwins.Twin.Create', subject: id, data: r.doc });
      }
    }
    if (effective.length) for (const l of this.listeners) l(effective, changes, origin);
    return changes;
  }
}
