/**
 * A typed editor for one DTDL value, generated from its resolved schema: text, numbers, boolean, enum
 * dropdown, date / dateTime / time / duration, Object (fields set or unset), Map (add/remove keys) and Array
 * (add/remove items). Unknown schemas (geospatial...) fall back to a JSON text area.
 */
import { useId, useState } from 'react';
import type { SchemaInfo } from '../../dtdl/index.ts';
import { defaultValue, isDuration, isoToLocalInput, isNumeric, localInputToIso, parseNumber } from './schemaDefaults.ts';

export interface ValueEditorProps {
  schema: SchemaInfo | undefined;
  value: unknown;
  onChange(value: unknown): void;
  /** Accessible name of the control. */
  label: string;
  readOnly?: boolean;
}

export function ValueEditor(props: ValueEditorProps) {
  const { schema } = props;
  if (!schema) return <JsonEditor {...props} />;
  switch (schema.kind) {
    case 'primitive':
      return <PrimitiveEditor {...props} name={schema.name} />;
    case 'enum':
      return (
        <select aria-label={props.label} value={props.value === undefined ? '' : String(props.value)} disabled={props.readOnly}
          onChange={(e) => {
            const found = schema.values.find((v) => String(v.value) === e.target.value);
            props.onChange(found ? found.value : e.target.value);
          }}>
          {!schema.values.some((v) => v.value === props.value) && <option value={props.value === undefined ? '' : String(props.value)}>{props.value === undefined ? '(unset)' : `${String(props.value)} (not in enum)`}</option>}
          {schema.values.map((v) => (
            <option key={String(v.value)} value={String(v.value)}>{v.displayName?.en ?? v.name} ({String(v.value)})</option>
          ))}
        </select>
      );
    case 'object':
      return <ObjectEditor {...props} schema={schema} />;
    case 'map':
      return <MapEditor {...props} schema={schema} />;
    case 'array':
      return <ArrayEditor {...props} schema={schema} />;
  }
}

function PrimitiveEditor({ name, value, onChange, label, readOnly }: ValueEditorProps & { name: string }) {
  if (name === 'boolean') {
    return <input type="checkbox" aria-label={label} checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />;
  }
  if (isNumeric(name)) return <NumberInput name={name} value={value} onChange={onChange} label={label} readOnly={readOnly} />;
  if (name === 'date') return <input type="date" aria-label={label} value={typeof value === 'string' ? value : ''} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />;
  if (name === 'dateTime') {
    return <input type="datetime-local" step="1" aria-label={label} value={isoToLocalInput(value)} readOnly={readOnly} onChange={(e) => onChange(localInputToIso(e.target.value))} />;
  }
  if (name === 'time') return <input type="time" step="1" aria-label={label} value={typeof value === 'string' ? value.slice(0, 8) : ''} readOnly={readOnly} onChange={(e) => onChange(e.target.value.length === 5 ? `${e.target.value}:00` : e.target.value)} />;
  if (name === 'duration') return <DurationInput value={value} onChange={onChange} label={label} readOnly={readOnly} />;
  if (name === 'string' || name === 'uuid') {
    return <input type="text" aria-label={label} value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} />;
  }
  return <JsonEditor schema={undefined} value={value} onChange={onChange} label={label} readOnly={readOnly} />;
}

function NumberInput({ name, value, onChange, label, readOnly }: { name: string; value: unknown; onChange(v: unknown): void; label: string; readOnly?: boolean }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The value changed from outside (live update, undo): show it.
    setShown(value);
    setText(value === undefined ? '' : String(value));
  }
  const parsed = parseNumber(text, name);
  return (
    <span className="value-number">
      <input type="number" aria-label={label} value={text} readOnly={readOnly} aria-invalid={text !== '' && parsed === null}
        step={name === 'double' || name === 'float' || name === 'decimal' ? 'any' : 1}
        onChange={(e) => {
          setText(e.target.value);
          const n = parseNumber(e.target.value, name);
          if (n !== null) {
            setShown(n);
            onChange(n);
          }
        }} />
      {text !== '' && parsed === null && <span className="field-error" role="alert">not a valid {name}</span>}
    </span>
  );
}

function DurationInput({ value, onChange, label, readOnly }: { value: unknown; onChange(v: unknown): void; label: string; readOnly?: boolean }) {
  const text = typeof value === 'string' ? value : '';
  return (
    <span className="value-duration">
      <input type="text" aria-label={label} placeholder="PT15M" value={text} readOnly={readOnly} aria-invalid={text !== '' && !isDuration(text)} onChange={(e) => onChange(e.target.value)} />
      {text !== '' && !isDuration(text) && <span className="field-error" role="alert">ISO 8601 duration, e.g. PT15M</span>}
    </span>
  );
}

function ObjectEditor({ schema, value, onChange, label, readOnly }: ValueEditorProps & { schema: Extract<SchemaInfo, { kind: 'object' }> }) {
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <fieldset className="value-object" aria-label={label}>
      {schema.fields.map((f) => (
        <FieldRow key={f.name} name={f.name} label={`${label}.${f.name}`} schema={f.schema} value={obj[f.name]} readOnly={readOnly}
          onChange={(v) => {
            const next = { ...obj };
            if (v === undefined) delete next[f.name];
            else next[f.name] = v;
            onChange(next);
          }} />
      ))}
    </fieldset>
  );
}

/** A named value that may be set or unset (object fields, properties). */
export function FieldRow({ name, label, schema, value, onChange, readOnly, note }: {
  name: string; label: string; schema: SchemaInfo | undefined; value: unknown; onChange(v: unknown): void; readOnly?: boolean; note?: string;
}) {
  const id = useId();
  const isSet = value !== undefined;
  return (
    <div className={`field-row${isSet ? '' : ' unset'}`} data-field={name}>
      <label htmlFor={id} className="field-name">{name}{note && <span className="field-note"> {note}</span>}</label>
      <span id={id} className="field-value">
        {isSet ? <ValueEditor schema={schema} value={value} onChange={onChange} label={label} readOnly={readOnly} /> : <span className="muted">unset</span>}
      </span>
      {!readOnly && (isSet
        ? <button type="button" className="small" aria-label={`Unset ${label}`} onClick={() => onChange(undefined)}>Unset</button>
        : <button type="button" className="small" aria-label={`Set ${label}`} onClick={() => onChange(defaultValue(schema))}>Set</button>)}
    </div>
  );
}

function MapEditor({ schema, value, onChange, label, readOnly }: ValueEditorProps & { schema: Extract<SchemaInfo, { kind: 'map' }> }) {
  const map = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const [newKey, setNewKey] = useState('');
  return (
    <fieldset className="value-map" aria-label={label}>
      {Object.entries(map).map(([k, v]) => (
        <div key={k} className="map-entry">
          <span className="map-key">{k}</span>
          <ValueEditor schema={schema.mapValue.schema} value={v} label={`${label}[${k}]`} readOnly={readOnly}
            onChange={(nv) => onChange({ ...map, [k]: nv })} />
          {!readOnly && <button type="button" className="small" aria-label={`Remove key ${k} from ${label}`} onClick={() => {
            const next = { ...map };
            delete next[k];
            onChange(next);
          }}>Remove</button>}
        </div>
      ))}
      {!readOnly && (
        <div className="map-add">
          <input type="text" aria-label={`New key for ${label}`} placeholder={schema.mapKey.name || 'key'} value={newKey} onChange={(e) => setNewKey(e.target.value)} />
          <button type="button" className="small" disabled={newKey === '' || newKey in map} onClick={() => {
            onChange({ ...map, [newKey]: defaultValue(schema.mapValue.schema) });
            setNewKey('');
          }}>Add key</button>
        </div>
      )}
    </fieldset>
  );
}

function ArrayEditor({ schema, value, onChange, label, readOnly }: ValueEditorProps & { schema: Extract<SchemaInfo, { kind: 'array' }> }) {
  const list = Array.isArray(value) ? value : [];
  return (
    <fieldset className="value-array" aria-label={label}>
      {list.map((item, i) => (
        <div key={i} className="array-item">
          <ValueEditor schema={schema.elementSchema} value={item} label={`${label}[${i}]`} readOnly={readOnly}
            onChange={(nv) => onChange(list.map((x, j) => (j === i ? nv : x)))} />
          {!readOnly && <button type="button" className="small" aria-label={`Remove item ${i} of ${label}`} onClick={() => onChange(list.filter((_, j) => j !== i))}>Remove</button>}
        </div>
      ))}
      {!readOnly && <button type="button" className="small" onClick={() => onChange([...list, defaultValue(schema.elementSchema)])}>Add item</button>}
    </fieldset>
  );
}

function JsonEditor({ value, onChange, label, readOnly }: ValueEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 1));
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="value-json">
      <textarea aria-label={label} rows={3} value={text} readOnly={readOnly} onChange={(e) => {
        setText(e.target.value);
        try {
          onChange(JSON.parse(e.target.value));
          setError(null);
        } catch {
          setError('not valid JSON');
        }
      }} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}
