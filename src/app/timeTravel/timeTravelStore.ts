/**
 * The moment the app shows, shared by the views: null is live; otherwise the Live view's time travel publishes
 * the values every twin's recorded properties had at that moment, and the 3D scenes evaluate their rules on them.
 */
import { create } from 'zustand';

export interface TimeTravelState {
  /** The moment shown (ms since the epoch), or null: live values. */
  moment: number | null;
  /** Each twin's recorded properties and their values at the moment (a property recorded only later is absent). */
  values: ReadonlyMap<string, Record<string, unknown>>;
  /** Each twin's properties that have recorded history at all. */
  recorded: ReadonlyMap<string, ReadonlySet<string>>;
  show(moment: number, values: ReadonlyMap<string, Record<string, unknown>>, recorded: ReadonlyMap<string, ReadonlySet<string>>): void;
  backToLive(): void;
}

export const useTimeTravel = create<TimeTravelState>()((set) => ({
  moment: null,
  values: new Map(),
  recorded: new Map(),
  show(moment, values, recorded) { set({ moment, values, recorded }); },
  backToLive() { set({ moment: null, values: new Map(), recorded: new Map() }); },
}));

/**
 * A twin as it was at the moment: its recorded properties take their value then (or are absent when the first
 * record is later: the value then is unknown); properties never recorded keep their current value.
 */
export function twinAtMoment(
  current: Record<string, unknown>, values: Record<string, unknown> | undefined, recorded: ReadonlySet<string> | undefined,
): Record<string, unknown> {
  if (!recorded?.size) return current;
  const out = { ...current };
  for (const key of recorded) {
    if (values && Object.prototype.hasOwnProperty.call(values, key)) out[key] = values[key];
    else delete out[key];
  }
  return out;
}
