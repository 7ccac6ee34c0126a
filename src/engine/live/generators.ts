/**
 * Value generators of the simulator: pure functions of their state and the elapsed time. `replay` plays back a
 * twin property's recorded history (loaded by the Simulator when it starts), one recorded value per round, looping.
 */
export type GeneratorKind = 'randomWalk' | 'sine' | 'step' | 'constant' | 'replay';

export interface GeneratorParams {
  /** constant: the value; randomWalk: the start value. */
  value?: number;
  min?: number;
  max?: number;
  /** randomWalk: the largest change per update. */
  step?: number;
  /** sine: value = offset + amplitude * sin(2π t / periodS + phase). */
  amplitude?: number;
  offset?: number;
  periodS?: number;
  /** step: cycles through these values, holding each for holdS seconds. */
  values?: number[];
  holdS?: number;
  /** Round every value to a whole number (for integer properties). */
  integer?: boolean;
  /** replay: whose recorded history of the property is played (default: each target twin's own). */
  sourceTwinId?: string;
}

export interface GeneratorState {
  last: number | null;
  /** replay: the recorded values, and the index of the next one. */
  series?: unknown[];
  next?: number;
}

/** The next value of a replay: the recorded values in order, from the start again after the last. */
export function nextReplayValue(state: GeneratorState): unknown {
  const series = state.series ?? [];
  if (!series.length) return null;
  const i = (state.next ?? 0) % series.length;
  state.next = i + 1;
  return series[i];
}

/** The next value for a twin (index `i` spreads phases across twins of one model) at `t` seconds since start. */
export function nextValue(kind: GeneratorKind, p: GeneratorParams, state: GeneratorState, t: number, i: number, random: () => number): number {
  const v = rawValue(kind, p, state, t, i, random);
  return p.integer ? Math.round(v) : v;
}

function rawValue(kind: GeneratorKind, p: GeneratorParams, state: GeneratorState, t: number, i: number, random: () => number): number {
  switch (kind) {
    case 'constant':
      return p.value ?? 0;
    case 'sine': {
      const period = p.periodS && p.periodS > 0 ? p.periodS : 60;
      return round((p.offset ?? 0) + (p.amplitude ?? 1) * Math.sin((2 * Math.PI * t) / period + i * 0.7));
    }
    case 'step': {
      const values = p.values && p.values.length ? p.values : [0, 1];
      const hold = p.holdS && p.holdS > 0 ? p.holdS : 1;
      return values[(Math.floor(t / hold) + i) % values.length]!;
    }
    case 'replay':
      return state.last ?? 0; // replayed values come from nextReplayValue (the recorded series), not from here
    case 'randomWalk': {
      const min = p.min ?? -Infinity;
      const max = p.max ?? Infinity;
      const start = state.last ?? p.value ?? (Number.isFinite(min) && Number.isFinite(max) ? (min + max) / 2 : 0);
      const next = Math.min(max, Math.max(min, start + (random() * 2 - 1) * (p.step ?? 1)));
      return round(next);
    }
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
