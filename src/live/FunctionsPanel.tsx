/** User functions: JavaScript triggered by an event filter, run in a sandboxed worker with a time limit. */
import { useState, type FormEvent } from 'react';
import { functionApiTypes } from '../engine/functions/demoFunctions.ts';
import { CodeEditor } from './CodeEditor.tsx';
import { live } from './liveClient.ts';
import { usePoll } from './usePoll.ts';

const TEMPLATE = `async function onEvent(event, api) {
  api.log(event.type, event.subject);
}
`;

interface Draft {
  name: string;
  code: string;
  filter: string;
  timeoutMs: string;
  allowNetwork: boolean;
  enabled: boolean;
}

const blank: Draft = { name: 'my-function', code: TEMPLATE, filter: "type = 'Microsoft.DigitalTwins.Twin.Update'", timeoutMs: '1000', allowNetwork: false, enabled: true };

export function FunctionsPanel() {
  const [fns, refresh] = usePoll(() => live('listFunctions'), 1000);
  const [draft, setDraft] = useState<Draft>(blank);
  const [docKey, setDocKey] = useState('new:0');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const open = (d: Draft, key: string) => {
    setDraft(d);
    setDocKey(key);
    setError(null);
    setSaved(null);
  };
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const r = await live('upsertFunction', { ...draft, timeoutMs: Number(draft.timeoutMs) });
    setError(r.ok ? null : r.error.message);
    setSaved(r.ok ? `Saved ${draft.name}` : null);
    refresh();
  };

  return (
    <section aria-label="User functions" className="live-card live-functions">
      <div className="live-fn-list">
        <h3>Functions</h3>
        <div className="live-row">
          <button type="button" onClick={() => open(blank, `new:${Date.now()}`)}>New function</button>
          <button type="button" onClick={() => void live('loadDemoFunctions').then((r) => { if (!r.ok) setError(r.error.message); refresh(); })}>Load demo functions</button>
        </div>
        <ul aria-label="Function list">
          {(fns ?? []).map((f) => (
            <li key={f.name} data-testid={`function-${f.name}`}>
              <button type="button" className="link" onClick={() => open({ ...f, timeoutMs: String(f.timeoutMs) }, `${f.name}:${Date.now()}`)}>{f.name}</button>
              <span className="muted"> runs {f.stats.runs} · failures {f.stats.failures} · timeouts {f.stats.timeouts}{f.stats.lastDurationMs !== null ? ` · last ${f.stats.lastDurationMs} ms` : ''}</span>
              {!f.enabled && <span className="badge">off</span>}
            </li>
          ))}
        </ul>
      </div>
      <form className="live-fn-editor" aria-label="Function" onSubmit={(e) => void save(e)}>
        <div className="live-form">
          <label>Name <input aria-label="Function name" value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} /></label>
          <label className="wide">Trigger filter <input aria-label="Trigger filter" className="mono" value={draft.filter} onChange={(e) => setDraft((d) => ({ ...d, filter: e.target.value }))} /></label>
          <label>Time limit (ms) <input aria-label="Time limit" type="number" min="10" max="60000" value={draft.timeoutMs} onChange={(e) => setDraft((d) => ({ ...d, timeoutMs: e.target.value }))} /></label>
          <label><input type="checkbox" checked={draft.allowNetwork} onChange={(e) => setDraft((d) => ({ ...d, allowNetwork: e.target.checked }))} /> Allow network</label>
          <label><input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} /> Enabled</label>
        </div>
        <CodeEditor value={draft.code} docKey={docKey} label="Function code" onChange={(code) => setDraft((d) => ({ ...d, code }))} />
        <div className="live-row">
          <button type="submit" className="primary">Save function</button>
          <button type="button" className="danger" onClick={() => void live('deleteFunction', draft.name).then(refresh)}>Delete function</button>
          {saved && <span role="status">{saved}</span>}
        </div>
        {error && <p role="alert" className="field-error">{error}</p>}
        <details>
          <summary>Function API</summary>
          <pre>{functionApiTypes}</pre>
        </details>
      </form>
    </section>
  );
}
