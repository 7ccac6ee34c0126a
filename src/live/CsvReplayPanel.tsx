/** Connections > CSV replay: a file of time,twinId,property,value rows replayed at 1x-1000x in the engine worker. */
import { useState } from 'react';
import { live } from './liveClient.ts';
import { usePoll } from './usePoll.ts';

export function CsvReplayPanel() {
  const [status, refresh] = usePoll(() => live('replayStatus'), 500);
  const [file, setFile] = useState<File | null>(null);
  const [speed, setSpeed] = useState('10');
  const [mode, setMode] = useState<'property' | 'telemetry'>('property');
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    if (!file) return;
    const r = await live('startReplay', await file.text(), Number(speed), mode);
    setError(r.ok ? null : r.error.message);
    refresh();
  };

  return (
    <section aria-label="CSV replay" className="live-card">
      <h3>CSV replay</h3>
      <div className="live-form">
        <label>CSV file (time, twinId, property, value) <input aria-label="CSV file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
        <label>Speed <select aria-label="Replay speed" value={speed} onChange={(e) => setSpeed(e.target.value)}>
          {['1', '10', '100', '1000'].map((s) => <option key={s} value={s}>{s}x</option>)}
        </select></label>
        <label>As <select aria-label="Replay mode" value={mode} onChange={(e) => setMode(e.target.value as 'property' | 'telemetry')}>
          <option value="property">Property patches</option><option value="telemetry">Telemetry</option>
        </select></label>
        <button type="button" className="primary" disabled={!file} onClick={() => void start()}>Start replay</button>
        <button type="button" onClick={() => void live('stopReplay').then(refresh)}>Stop replay</button>
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
      {status && status.total + status.malformed > 0 && (
        <p data-testid="replay-status">
          {status.running ? 'Replaying' : 'Idle'} · sent {status.sent}/{status.total} · applied {status.applied} · rejected {status.rejected} · malformed rows {status.malformed}
        </p>
      )}
    </section>
  );
}
