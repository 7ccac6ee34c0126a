/**
 * The editable properties of a twin (or the values of a new one): modelled properties with typed editors,
 * inherited ones marked, components as groups, unmodelled keys flagged, `$metadata` times read-only.
 */
import type { ContentInfo } from '../../dtdl/index.ts';
import { modelShortName } from '../graph/modelColors.ts';
import type { ResolvedShape } from './resolvedProperties.ts';
import { FieldRow, ValueEditor } from './ValueEditor.tsx';

export interface PropertiesFormProps {
  modelId: string;
  shape: ResolvedShape;
  value: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  /** The stored `$metadata`, for last-update times (absent when creating). */
  metadata?: Record<string, unknown>;
  /** Only writable properties (creation dialog) or all. */
  writableOnly?: boolean;
}

function lastUpdate(metadata: Record<string, unknown> | undefined, name: string): string | undefined {
  const m = metadata?.[name] as { lastUpdateTime?: string } | undefined;
  return m?.lastUpdateTime;
}

function set(obj: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const next = { ...obj };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}

function PropertyRows({ props, modelId, value, onChange, metadata, prefix }: {
  props: ContentInfo[]; modelId: string; value: Record<string, unknown>; onChange(n: Record<string, unknown>): void;
  metadata?: Record<string, unknown>; prefix: string;
}) {
  return (
    <>
      {props.map((p) => {
        const when = lastUpdate(metadata, p.name);
        const inherited = p.definedIn !== modelId ? `(from ${modelShortName(p.definedIn)})` : undefined;
        return (
          <div key={p.name} className="property">
            <FieldRow name={p.name} label={`${prefix}${p.name}`} schema={p.schema} value={value[p.name]} note={inherited}
              onChange={(v) => onChange(set(value, p.name, v))} />
            {when && <span className="meta-time muted" title="$metadata lastUpdateTime">updated {when}</span>}
          </div>
        );
      })}
    </>
  );
}

export function PropertiesForm({ modelId, shape, value, onChange, metadata, writableOnly }: PropertiesFormProps) {
  const props = writableOnly ? shape.properties.filter((p) => p.writable !== false) : shape.properties;
  return (
    <div className="properties-form">
      {props.length === 0 && shape.components.length === 0 && <p className="muted">This model declares no properties.</p>}
      <PropertyRows props={props} modelId={modelId} value={value} onChange={onChange} metadata={metadata} prefix="" />
      {shape.components.map(({ content, properties }) => {
        const comp = (value[content.name] as Record<string, unknown> | undefined) ?? { $metadata: {} };
        return (
          <fieldset key={content.name} className="component" aria-label={`Component ${content.name}`}>
            <legend>{content.name} <span className="muted">component · {content.componentSchema ? modelShortName(content.componentSchema) : ''}</span></legend>
            <PropertyRows props={properties} modelId={content.componentSchema ?? ''} value={comp}
              metadata={comp.$metadata as Record<string, unknown> | undefined} prefix={`${content.name}.`}
              onChange={(n) => onChange(set(value, content.name, { ...n, $metadata: comp.$metadata ?? {} }))} />
          </fieldset>
        );
      })}
      {shape.unmodelled.length > 0 && (
        <fieldset className="unmodelled" aria-label="Unmodelled properties">
          <legend><span className="warn-text">Not in the model</span></legend>
          {shape.unmodelled.map((k) => (
            <div key={k} className="property unmodelled-row" data-unmodelled={k}>
              <span className="field-name">{k} <span className="badge warn-text" title="The model does not declare this property">unmodelled</span></span>
              <ValueEditor schema={undefined} value={value[k]} label={k} readOnly onChange={() => undefined} />
              <button type="button" className="small" aria-label={`Remove ${k}`} onClick={() => onChange(set(value, k, undefined))}>Remove</button>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}
