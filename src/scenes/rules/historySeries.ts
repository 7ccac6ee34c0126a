/**
 * ADT's "Data history" widget over the engine's data history: each time series' expression must name one twin
 * property (`PrimaryTwin.temperature`, `Floor.co2`, `PrimaryTwin.thermostat.setpoint`); it resolves to the bound
 * twin's id and the history key. Anything else (a computation) is an error value the widget shows.
 */
import { compileExpression } from '../expressions/index.ts';
import type { TwinToObjectMapping } from '../model/index.ts';

/** ADT's default quick time span: 15 minutes. */
export const DEFAULT_TREND_SPAN_MS = 15 * 60 * 1000;

export interface HistorySeries {
  id: string;
  label: string;
  unit?: string;
  expression: string;
  twinId?: string;
  property?: string;
  error?: string;
}

export function resolveHistorySeries(element: Pick<TwinToObjectMapping, 'primaryTwinID' | 'twinAliases'>, s: { id?: unknown; expression?: unknown; label?: unknown; unit?: unknown }): HistorySeries {
  const expression = String(s.expression ?? '');
  const base: HistorySeries = {
    id: String(s.id ?? expression), label: String(s.label ?? '') || expression, expression,
    ...(s.unit !== undefined && s.unit !== '' ? { unit: String(s.unit) } : {}),
  };
  const c = compileExpression(expression);
  if (!c.ok) return { ...base, error: c.error.message };
  const n = c.value;
  // A property reference only: a member chain down to an identifier.
  const path: string[] = [];
  let cur = n;
  // `a.b` parses with a literal property name; `a["b"]` (computed, a string literal) names a property too
  while (cur.kind === 'member' && cur.property.kind === 'literal' && typeof cur.property.value === 'string') {
    path.unshift(cur.property.value);
    cur = cur.object;
  }
  if (cur.kind !== 'identifier' || !path.length) return { ...base, error: 'A trend shows one twin property, e.g. PrimaryTwin.temperature' };
  const twinId = cur.name === 'PrimaryTwin' ? element.primaryTwinID : element.twinAliases?.[cur.name];
  if (!twinId) return { ...base, error: `${cur.name} is not a twin alias of this element` };
  return { ...base, twinId, property: path.join('.') };
}

export interface TrendPoint {
  t: number;
  v: number;
}

/** Numeric points of history rows (ADT PropertyEvents), in time order; deletes and non-numbers are gaps left out. */
export function toTrendPoints(rows: ReadonlyArray<{ TimeStamp: string; SourceTimeStamp?: string; Value: unknown; Action?: string }>): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (const r of rows) {
    if (r.Action === 'Delete') continue;
    const v = typeof r.Value === 'number' ? r.Value : typeof r.Value === 'boolean' ? Number(r.Value) : NaN;
    const t = Date.parse(r.TimeStamp);
    if (Number.isFinite(v) && Number.isFinite(t)) out.push({ t, v });
  }
  return out.sort((a, b) => a.t - b.t);
}

/**
 * An SVG path of points in a width x height box over [from, to] (x) and the points' own min..max (y, padded
 * when flat); the last value is carried to `to` so a quiet property still draws up to now.
 */
export function trendPath(points: readonly TrendPoint[], from: number, to: number, width: number, height: number): { d: string; min: number; max: number } | null {
  if (!points.length || to <= from) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const p of points) { if (p.v < min) min = p.v; if (p.v > max) max = p.v; }
  const lo = min === max ? min - 1 : min;
  const hi = min === max ? max + 1 : max;
  const x = (t: number) => ((Math.min(Math.max(t, from), to) - from) / (to - from)) * width;
  const y = (v: number) => height - ((v - lo) / (hi - lo)) * height;
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(x(points[0].t))},${f(y(points[0].v))}`;
  for (let i = 1; i < points.length; i++) {
    // a step chart: a property keeps its value until the next update
    d += `H${f(x(points[i].t))}V${f(y(points[i].v))}`;
  }
  d += `H${f(x(to))}`;
  return { d, min, max };
}
