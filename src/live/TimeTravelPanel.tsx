/** Time travel: a slider over recorded history showing every twin's property values at that moment; plays back at chosen speeds. */
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../app/engine/index.ts';
import { useTimeTravel } from '../app/timeTravel/index.ts';
import { buildTimeIndex, recordedProperties, valuesAt, type HistoryRow, type TimeIndex } from './timeTravel.ts';

const SPEEDS = [1, 10, 60, 600];

export function TimeTravelPanel() {
  const [index, setIndex] = useState<TimeIndex | null>(null);
  const [t, setT] = useState(0);
  const [speed, setSpeed] = useState(10);
  const [playing, setPlaying] = useState(false);
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const load = async () => {
    const r = await engine.propertyHistory({ from: new Date(Date.now() - 86_400_000).toISOString(), limit: 500_000 });
    if (!r.ok) return setMessage(r.error.message);
    const idx = buildTimeIndex(r.value as HistoryRow[]);
    setIndex(idx);
    setT(idx.from);
    setMessage(`${r.value.length} recorded change(s) from ${new Date(idx.from).toLocaleTimeString()} to ${new Date(idx.to).toLocaleTimeString()}`);
  };

  useEffect(() => {
    if (!playing || !index) return;
    const step = 100;
    const timer = setInterval(() => {
      setT((now) => {
        const next = now + step * speed;
        if (next >= index.to) {
          setPlaying(false);
          return index.to;
        }
        return next;
      });
    }, step);
    return () => clearInterval(timer);
  }, [playing, speed, index]);

  const values = useMemo(() => (index ? valuesAt(index, t) : new Map<string, Record<string, unknown>>()), [index, t]);
  // The 3D scenes show the same moment (their rules read these values) while "Show in 3D scenes" is on.
  const [drive, setDrive] = useState(true);
  const recorded = useMemo(() => (index ? recordedProperties(index) : null), [index]);
  const shownMoment = useTimeTravel((s) => s.moment);
  useEffect(() => {
    if (index && recorded && drive) useTimeTravel.getState().show(t, values, recorded);
  }, [index, recorded, drive, t, values]);
  const rows = [...values].filter(([id]) => id.toLowerCase().includes(filter.toLowerCase())).sort(([a], [b]) => a.localeCompare(b));

  return (
    <section aria-label="Time travel" className="live-card">
      <h3>Time travel</h3>
      <div className="live-row">
        <button type="button" onClick={() => void load()}>Load recorded history</button>
        {message && <span role="status" data-testid="time-status">{message}</span>}
      </div>
      {index && (
        <>
          <div className="live-row">
            <input type="range" aria-label="Moment" min={index.from} max={index.to} step={1} value={t} onChange={(e) => { setPlaying(false); setT(Number(e.target.value)); }} style={{ flex: 1 }} />
            <output data-testid="moment">{new Date(t).toISOString()}</output>
          </div>
          <div className="live-row">
            <button type="button" onClick={() => { if (t >= index.to) setT(index.from); setPlaying((p) => !p); }}>{playing ? 'Pause playback' : 'Play'}</button>
            <label>Speed <select aria-label="Playback speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>{SPEEDS.map((s) => <option key={s} value={s}>{s}x</option>)}</select></label>
            <input type="search" aria-label="Filter twins" placeholder="Filter twins" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <div className="live-row">
            <label><input type="checkbox" checked={drive} onChange={(e) => { setDrive(e.target.checked); if (!e.target.checked) useTimeTravel.getState().backToLive(); }} /> Show this moment in the 3D scenes</label>
            {shownMoment !== null && <button type="button" onClick={() => { setDrive(false); useTimeTravel.getState().backToLive(); }}>Back to live</button>}
          </div>
          <table className="live-table" aria-label="Values at moment">
            <thead><tr><th>Twin</th><th>Values at this moment</th></tr></thead>
            <tbody>
              {rows.map(([id, rec]) => (
                <tr key={id} data-testid={`tt-${id}`}><td>{id}</td><td className="mono">{Object.entries(rec).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('  ')}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
