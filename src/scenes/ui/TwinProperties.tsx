/**
 * The primary twin's properties, editable (ADT's "property inspector patch mode"): a change is sent to the
 * engine as a JSON Patch and comes back as an event, which recolours the scene like any other change.
 */
import { useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { toText } from '../expressions/index.ts';

export function TwinProperties({ twin }: { twin: Record<string, unknown> | undefined }) {
  const [error, setError] = useState<string | null>(null);
  if (!twin) return <p className="warn small">Twin not loaded (missing, or the engine is not ready).</p>;
  const id = String(twin.$dtId);
  const props = Object.entries(twin).filter(([k, v]) => !k.startsWith('$') && (v === null || typeof v !== 'object'));
  const save = async (key: string, old: unknown, text: string) => {
    let value: unknown = text;
    if (typeof old === 'number') {
      value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) { setError(`${key} must be a number`); return; }
    } else if (typeof old === 'boolean') value = text === 'true';
    if (value === old) return;
    const r = await engine.patchTwin(id, [{ op: 'replace', path: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value }]);
    setError(r.ok ? null : `${r.error.code}: ${r.error.message}`);
  };
  return (
    <details className="twin-props" open>
      <summary>Properties of {id}</summary>
      <form onSubmit={(e) => e.preventDefault()} aria-label={`Properties of ${id}`}>
        {props.map(([k, v]) => (
          <label key={k + toText(v)} className="prop-row">{k}
            <input defaultValue={toText(v)} aria-label={k}
              onKeyDown={(e) => { if (e.key === 'Enter') void save(k, v, (e.target as HTMLInputElement).value); }}
              onBlur={(e) => void save(k, v, e.target.value)} />
          </label>
        ))}
      </form>
      {error && <p role="alert" className="error small">{error}</p>}
    </details>
  );
}
