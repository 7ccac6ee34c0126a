/** Data history: a twin's numeric property over a time range, drawn with uPlot (min / max / avg per bucket); CSV export. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import 'uplot/dist/uPlot.min.css';
import { engine } from '../app/engine/index.ts';
import { historyCsv } from './downsample.ts';
import { drawHistoryChart } from './historyChart.ts';

const RANGES: Array<[string, number]> = [['Last 5 minutes', 5 * 60_000], ['Last hour', 3_600_000], ['Last day', 86_400_000], ['Everything', 0]];

interface Series {
  twinId: string;
  property: string;
  times: number[];
  values: number[];
}

export function HistoryPanel() {
  const [twinId, setTwin] = useState('Room-101');
  const [property, setProperty] = useState('temperature');
  const [range, setRange] = useState(RANGES[0]![1]);
  const [series, setSeries] = useState<Series | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const chart = useRef<HTMLDivElement>(null);

  const load = async (ev?: FormEvent) => {
    ev?.preventDefault();
    const from = range ? new Date(Date.now() - range).toISOString() : undefined;
    const r = await engine.propertyHistory({ twinId: twinId.trim(), property: property.trim(), ...(from ? { from } : {}) });
    if (!r.ok) {
      setMessage(r.error.message);
      setSeries(null);
      return;
    }
    const times: number[] = [];
    const values: number[] = [];
    for (const row of r.value) {
      if (typeof row.Value !== 'number' || row.Action === 'Delete') continue;
      times.push(Date.parse(row.SourceTimeStamp ?? row.TimeStamp));
      values.push(row.Value);
    }
    setSeries({ twinId: twinId.trim(), property: property.trim(), times, values });
    setMessage(`${values.length} point(s)`);
  };

  useEffect(() => {
    const el = chart.current;
    if (!el || !series || !series.values.length) return;
    const { plot, drawn } = drawHistoryChart(el, series.times, series.values);
    el.dataset.points = String(series.values.length);
    el.dataset.drawn = String(drawn);
    return () => plot.destroy();
  }, [series]);

  const exportCsv = () => {
    if (!series) return;
    const csv = historyCsv(series.times.map((time, i) => ({ time, twinId: series.twinId, property: series.property, value: series.values[i] })));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    a.download = `${series.twinId}-${series.property}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  return (
    <section aria-label="History" className="live-card">
      <h3>Data history</h3>
      <form className="live-form" aria-label="History query" onSubmit={(e) => void load(e)}>
        <label>Twin id <input aria-label="History twin" value={twinId} onChange={(e) => setTwin(e.target.value)} /></label>
        <label>Property <input aria-label="History property" value={property} onChange={(e) => setProperty(e.target.value)} /></label>
        <label>Range <select aria-label="Range" value={range} onChange={(e) => setRange(Number(e.target.value))}>
          {RANGES.map(([l, ms]) => <option key={l} value={ms}>{l}</option>)}
        </select></label>
        <button type="submit" className="primary">Show chart</button>
        <button type="button" disabled={!series?.values.length} onClick={exportCsv}>Export CSV</button>
      </form>
      {message && <p role="status" data-testid="history-status">{message}</p>}
      <div ref={chart} className="history-chart" data-testid="history-chart" />
    </section>
  );
}
