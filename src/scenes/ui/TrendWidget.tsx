/**
 * The "Data history" widget of an element's popover: each time series read from the engine's data history
 * (engine.propertyHistory, ADT AdtPropertyEvents rows) over a quick time range, drawn as a step chart, and
 * re-read (at most once a second) when a twin event arrives.
 */
import { useEffect, useRef, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { toTrendPoints, trendPath, type TrendPoint, type WidgetState } from '../rules/index.ts';

const SPANS: Array<[string, number]> = [['15 min', 15 * 60_000], ['1 h', 3_600_000], ['24 h', 86_400_000], ['7 d', 7 * 86_400_000]];
const W = 240;
const H = 56;
const COLORS = ['#33a1fd', '#f79824', '#26c485', '#c32f27'];

export function TrendWidget({ widget, version }: { widget: WidgetState; version: number }) {
  const [span, setSpan] = useState(widget.spanMs ?? SPANS[0][1]);
  const [data, setData] = useState<{ to: number; series: Array<{ points: TrendPoint[]; error?: string }> } | null>(null);
  const [tick, setTick] = useState(0);
  // Twin events bump `version`: re-read at most once a second — a second after the last read, not after the last
  // event (the panels' version changes several times a second while events stream in: a timer restarted by each
  // would never fire).
  const lastRead = useRef(Date.now());
  useEffect(() => {
    const t = setTimeout(() => { lastRead.current = Date.now(); setTick((n) => n + 1); }, Math.max(0, lastRead.current + 1000 - Date.now()));
    return () => clearTimeout(t);
  }, [version]);
  const seriesKey = JSON.stringify(widget.series ?? []);
  useEffect(() => {
    let cancelled = false;
    const to = Date.now();
    const from = new Date(to - span).toISOString();
    void Promise.all((widget.series ?? []).map(async (s) => {
      if (s.error || !s.twinId || !s.property) return { points: [], error: s.error ?? 'No property' };
      const r = await engine.propertyHistory({ twinId: s.twinId, property: s.property, from, limit: 5000 });
      return r.ok ? { points: toTrendPoints(r.value) } : { points: [], error: `${r.error.code}: ${r.error.message}` };
    })).then((series) => { if (!cancelled) setData({ to, series }); });
    return () => { cancelled = true; };
  }, [seriesKey, span, tick, widget.series]);

  return (
    <div className="trend" aria-label={`Trend ${widget.label}`} role="group">
      <div className="trend-head">
        <span>{widget.label}</span>
        <select aria-label="Trend time range" value={span} onChange={(e) => setSpan(Number(e.target.value))}>
          {SPANS.some(([, ms]) => ms === span) ? null : <option value={span}>{Math.round(span / 60_000)} min</option>}
          {SPANS.map(([l, ms]) => <option key={ms} value={ms}>{l}</option>)}
        </select>
      </div>
      <svg width={W} height={H + 4} viewBox={`0 -2 ${W} ${H + 4}`} role="img" aria-label={`${widget.label} chart`}>
        {data?.series.map((s, i) => {
          const p = trendPath(s.points, data.to - span, data.to, W, H);
          return p ? <path key={i} d={p.d} fill="none" stroke={COLORS[i % COLORS.length]} strokeWidth={1.5} data-points={s.points.length} /> : null;
        })}
      </svg>
      <ul className="trend-legend">
        {(widget.series ?? []).map((s, i) => {
          const d = data?.series[i];
          const last = d?.points[d.points.length - 1];
          return (
            <li key={s.id} data-series={s.expression} data-points={d?.points.length ?? 0} style={{ color: COLORS[i % COLORS.length] }}>
              {s.label}: {d?.error ?? s.error ? <span className="error">{d?.error ?? s.error}</span>
                : last ? <strong>{last.v}{s.unit ? ` ${s.unit}` : ''}</strong> : <span className="muted">no history in this range</span>}
              {d && d.points.length > 1 && <span className="muted small"> ({d.points.length} values, {Math.min(...d.points.map((p) => p.v))}–{Math.max(...d.points.map((p) => p.v))})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
