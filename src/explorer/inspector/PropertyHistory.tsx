/**
 * History tab: each property's past values from the engine's data history (AdtPropertyEvents rows), numbers
 * as a small line chart (SVG, no innerHTML), other values as a list.
 */
import { useEffect, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { downloadBlob } from '../../app/files/downloadBlob.ts';
import type { PropertyEvent } from '../../engine/TwinEngine.ts';

export function groupHistory(rows: readonly PropertyEvent[]): Map<string, PropertyEvent[]> {
  const byKey = new Map<string, PropertyEvent[]>();
  for (const r of rows) {
    const list = byKey.get(r.Key);
    if (list) list.push(r);
    else byKey.set(r.Key, [r]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.TimeStamp.localeCompare(b.TimeStamp));
  return byKey;
}

export function PropertyHistory({ twinId, refreshKey }: { twinId: string; refreshKey: unknown }) {
  const [rows, setRows] = useState<PropertyEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void engine.propertyHistory({ twinId, limit: 5000 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setRows(r.value);
        setError(null);
      } else setError(`${r.error.code}: ${r.error.message}`);
    });
    return () => {
      live = false;
    };
  }, [twinId, refreshKey]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!rows) return <p className="muted">Loading history…</p>;
  if (rows.length === 0) return <p className="muted">No recorded property changes for this twin yet.</p>;
  const groups = groupHistory(rows);
  return (
    <div className="history" aria-label="Property history">
      <HistoryExport twinId={twinId} />
      {[...groups].map(([key, list]) => (
        <section key={key} className="history-property" aria-label={`History of ${key}`}>
          <h4>{key} <span className="muted">({list.length} change{list.length === 1 ? '' : 's'})</span></h4>
          {list.every((r) => typeof r.Value === 'number') && list.length > 1 ? <Sparkline rows={list} name={key} /> : null}
          <ol className="history-values">
            {list.slice(-8).reverse().map((r, i) => (
              <li key={i}><time dateTime={r.TimeStamp}>{r.TimeStamp.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time> {r.Action === 'Delete' ? <em>removed</em> : formatValue(r.Value)}</li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** Downloads every stored property event of the twin (not only the rows shown), in ADT data history's columns. */
function HistoryExport({ twinId }: { twinId: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const download = async (format: 'csv' | 'ndjson') => {
    const r = await engine.exportHistory({ table: 'AdtPropertyEvents', twinId, format });
    if (!r.ok) {
      setFailure(`${r.error.code}: ${r.error.message}`);
      return;
    }
    setFailure(null);
    const base = `${twinId.replace(/[^\w.-]+/g, '_')}-property-history`;
    if (format === 'csv') downloadBlob(r.value, `${base}.csv`, 'text/csv');
    else downloadBlob(r.value, `${base}.ndjson`, 'application/x-ndjson');
  };
  return (
    <div className="history-export">
      <button type="button" onClick={() => void download('csv')}>Export CSV</button>
      <button type="button" onClick={() => void download('ndjson')}>Export NDJSON</button>
      {failure ? <p className="error" role="alert">{failure}</p> : null}
    </div>
  );
}

function formatValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Sparkline({ rows, name }: { rows: PropertyEvent[]; name: string }) {
  const W = 240;
  const H = 60;
  const xs = rows.map((r) => Date.parse(r.TimeStamp));
  const ys = rows.map((r) => r.Value as number);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const px = (x: number) => (x1 === x0 ? W / 2 : ((x - x0) / (x1 - x0)) * (W - 8) + 4);
  const py = (y: number) => (y1 === y0 ? H / 2 : H - 4 - ((y - y0) / (y1 - y0)) * (H - 8));
  const points = rows.map((_, i) => `${px(xs[i]).toFixed(1)},${py(ys[i]).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={W} height={H} role="img" aria-label={`${name} from ${y0} to ${y1}`}>
      <polyline points={points} fill="none" stroke="var(--accent)" strokeWidth={1.5} />
      {rows.map((_, i) => <circle key={i} cx={px(xs[i])} cy={py(ys[i])} r={2} fill="var(--accent)" />)}
    </svg>
  );
}
