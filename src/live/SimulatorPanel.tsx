/** Connections > Simulator: generators (random walk, sine, step, constant) per twin or per model, run in the engine worker. */
import { useState, type FormEvent } from 'react';
import type { GeneratorKind, SimGenerator } from '../engine/live/index.ts';
import { live } from './liveClient.ts';
import { usePoll } from './usePoll.ts';

export function SimulatorPanel() {
  const [gens, refresh] = usePoll(() => live('listGenerators'), 500);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ id: 'gen-1', target: 'Room-101', targetKind: 'twin', property: 'co2', mode: 'property', kind: 'randomWalk' as GeneratorKind, a: '600', b: '400', c: '2000', d: '25', rateHz: '1', integer: false });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const params = (): SimGenerator['params'] => ({ ...kindParams(), ...(form.integer ? { integer: true } : {}) });
  const kindParams = (): SimGenerator['params'] => {
    const n = (s: string) => Number(s);
    switch (form.kind) {
      case 'constant': return { value: n(form.a) };
      case 'replay': return form.a.trim() ? { sourceTwinId: form.a.trim() } : {};
      case 'sine': return { offset: n(form.a), amplitude: n(form.b), periodS: n(form.c) };
      case 'step': return { values: form.a.split(',').map(Number).filter((x) => Number.isFinite(x)), holdS: n(form.b) };
      default: return { value: n(form.a), min: n(form.b), max: n(form.c), step: n(form.d) };
    }
  };
  const labels: Record<GeneratorKind, string[]> = {
    randomWalk: ['Start', 'Min', 'Max', 'Max step'],
    sine: ['Offset', 'Amplitude', 'Period (s)'],
    step: ['Values (comma separated)', 'Hold (s)'],
    constant: ['Value'],
    replay: ['Source twin (empty: each twin replays its own history)'],
  };

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const g: SimGenerator = {
      id: form.id.trim(), property: form.property.trim(), mode: form.mode as SimGenerator['mode'], kind: form.kind, params: params(), rateHz: Number(form.rateHz),
      ...(form.targetKind === 'twin' ? { twinId: form.target.trim() } : { modelId: form.target.trim() }),
    };
    const r = await live('upsertGenerator', g);
    setError(r.ok ? null : r.error.message);
    refresh();
  };
  const act = async (p: Promise<{ ok: boolean; error?: { message: string } } | void>) => {
    const r = await p;
    setError(r && !r.ok ? r.error?.message ?? 'failed' : null);
    refresh();
  };

  return (
    <section aria-label="Simulator" className="live-card">
      <h3>Simulator</h3>
      <p className="muted">Runs inside the engine worker: property patches or telemetry at a rate per twin.</p>
      <div className="live-row">
        <button type="button" onClick={() => void act(live('loadDemoSimulation'))}>Load demo sensors</button>
        <button type="button" onClick={() => void act(Promise.all((gens ?? []).map((g) => live('startGenerator', g.id))).then(() => undefined))}>Start all</button>
        <button type="button" onClick={() => void act(live('stopAllGenerators'))}>Stop all</button>
      </div>
      <form className="live-form" onSubmit={(e) => void save(e)} aria-label="Generator">
        <label>Id <input value={form.id} onChange={set('id')} /></label>
        <label>Target <select aria-label="Target kind" value={form.targetKind} onChange={set('targetKind')}><option value="twin">Twin</option><option value="model">Every twin of model</option></select></label>
        <label>{form.targetKind === 'twin' ? 'Twin id' : 'Model id'} <input aria-label="Target id" value={form.target} onChange={set('target')} /></label>
        <label>Property / telemetry <input aria-label="Property" value={form.property} onChange={set('property')} /></label>
        <label>Mode <select aria-label="Mode" value={form.mode} onChange={set('mode')}><option value="property">Property patch</option><option value="telemetry">Telemetry</option></select></label>
        <label>Generator <select aria-label="Generator kind" value={form.kind} onChange={(e) => { const kind = e.target.value as GeneratorKind; setForm((f) => ({ ...f, kind, ...(kind === 'replay' ? { a: '' } : {}) })); }}>
          <option value="randomWalk">Random walk</option><option value="sine">Sine</option><option value="step">Step</option><option value="constant">Constant</option><option value="replay">Replay recorded history</option>
        </select></label>
        {labels[form.kind].map((l, i) => (
          <label key={l}>{l} <input aria-label={l} value={form[(['a', 'b', 'c', 'd'] as const)[i]!]} onChange={set((['a', 'b', 'c', 'd'] as const)[i]!)} /></label>
        ))}
        <label><input type="checkbox" checked={form.integer} onChange={(e) => setForm((f) => ({ ...f, integer: e.target.checked }))} /> Whole numbers</label>
        <label>Rate (/s) <input aria-label="Rate" type="number" step="0.1" min="0.1" max="100" value={form.rateHz} onChange={set('rateHz')} /></label>
        <button type="submit" className="primary">Save generator</button>
      </form>
      {error && <p role="alert" className="field-error">{error}</p>}
      <table className="live-table" aria-label="Generators">
        <thead><tr><th>Id</th><th>Target</th><th>Value</th><th>Rate</th><th>Generated</th><th>Applied</th><th>Failed</th><th title="Updates not generated: the engine could not keep up with the rate">Skipped</th><th /></tr></thead>
        <tbody>
          {(gens ?? []).map((g) => (
            <tr key={g.id} data-testid={`generator-${g.id}`}>
              <td>{g.id}</td>
              <td>{g.twinId ?? g.modelId}</td>
              <td>{g.mode} {g.property} ({g.kind})</td>
              <td>{g.rateHz}/s</td>
              <td data-testid="generated">{g.generated}</td>
              <td>{g.applied}</td>
              <td title={g.lastError ?? ''}>{g.failed}</td>
              <td data-testid="skipped">{g.skipped}</td>
              <td>
                {g.running
                  ? <button type="button" className="small" onClick={() => void act(live('stopGenerator', g.id))}>Stop {g.id}</button>
                  : <button type="button" className="small" onClick={() => void act(live('startGenerator', g.id))}>Start {g.id}</button>}
                <button type="button" className="small danger" onClick={() => void act(live('deleteGenerator', g.id))}>Delete {g.id}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
