/**
 * Behaviors of the scene: list (remove from scene) and the quick "colour by value" builder: an expression
 * (validated as you type, with property suggestions from the selected element's twins), two thresholds
 * giving three [min, max) ranges with colours, an optional floating label template, a layer.
 * The preview shows what the selected element would look like with the draft behavior, live.
 */
import { useMemo, useState } from 'react';
import { parseExpression } from '../expressions/index.ts';
import {
  newRangeBehavior, removeBehavior, upsertBehavior, upsertLayer, type Behavior, type Layer, type TwinToObjectMapping,
} from '../model/index.ts';
import { evaluateElement, resolveHistorySeries, type TwinLookup } from '../rules/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';
import { useModelProperties } from './useModelProperties.ts';

const PALETTE = ['#33A1FD', '#26C485', '#FEE440', '#F79824', '#C32F27', '#EE92C2'];

export function BehaviorEditor({ sceneId, behaviors, layers, element, sceneElements, twins }: {
  sceneId: string;
  behaviors: Behavior[];
  layers: Layer[];
  element: TwinToObjectMapping | null;
  sceneElements: TwinToObjectMapping[];
  twins: TwinLookup;
}) {
  const edit = useSceneStore((s) => s.edit);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('Temperature');
  const [expr, setExpr] = useState('PrimaryTwin.temperature');
  const [low, setLow] = useState('19');
  const [high, setHigh] = useState('24');
  const [colors, setColors] = useState([PALETTE[0], PALETTE[1], PALETTE[4]]);
  const [label, setLabel] = useState('');
  const [trend, setTrend] = useState(true);
  const [layer, setLayer] = useState('');
  const [target, setTarget] = useState<'element' | 'all'>('element');
  const [error, setError] = useState<string | null>(null);

  const parsed = useMemo(() => parseExpression(expr), [expr]);
  // A trend needs one property (of the primary twin or of an alias, which each element binds itself).
  const isPropertyRef = useMemo(() => {
    const r = resolveHistorySeries({ primaryTwinID: 'x', twinAliases: {} }, { expression: expr });
    return !r.error || r.error.endsWith('is not a twin alias of this element');
  }, [expr]);
  const modelProps = useModelProperties();
  const suggestions = useMemo(() => {
    if (!element) return [];
    const out: string[] = [];
    const add = (root: string, twin: Record<string, unknown> | undefined) => {
      const model = (twin?.$metadata as { $model?: string } | undefined)?.$model;
      const names = new Set([...(model ? modelProps.get(model) ?? [] : []), ...Object.keys(twin ?? {}).filter((k) => !k.startsWith('$'))]);
      out.push(`${root}.$dtId`, ...[...names].sort().map((k) => `${root}.${k}`));
    };
    add('PrimaryTwin', twins(element.primaryTwinID));
    for (const [a, t] of Object.entries(element.twinAliases ?? {})) add(a, twins(t));
    return out;
  }, [element, twins, modelProps]);

  const draft = useMemo(() => {
    const lo = Number(low);
    const hi = Number(high);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo >= hi) return null;
    return newRangeBehavior({
      displayName: name || 'Behavior', valueExpression: expr,
      ranges: [
        { min: '-Infinity', max: lo, color: colors[0] },
        { min: lo, max: hi, color: colors[1] },
        { min: hi, max: 'Infinity', color: colors[2] },
      ],
      ...(label.trim() ? { floatingLabel: label } : {}),
      trend: trend && isPropertyRef,
    });
  }, [name, expr, low, high, colors, label, trend, isPropertyRef]);
  const preview = draft && element ? evaluateElement(element, [draft], twins) : null;

  const create = () => {
    if (!parsed.ok) { setError(`Expression: ${parsed.error.message}`); return; }
    if (!draft) { setError('Thresholds must be numbers, low < high'); return; }
    const ids = target === 'all' ? sceneElements.map((e) => e.id) : element ? [element.id] : [];
    if (!ids.length) { setError('Select an element first (or target all elements)'); return; }
    const err = edit((d) => {
      const r = upsertBehavior(d, sceneId, draft, ids);
      if (!r.ok || !layer) return r;
      const existing = r.value.configuration.layers.find((l) => l.id === layer || l.displayName === layer);
      return { ok: true, value: upsertLayer(r.value, { id: existing?.id, displayName: existing?.displayName ?? layer, behaviorIDs: [...(existing?.behaviorIDs ?? []), draft.id] }).doc };
    });
    setError(err?.message ?? null);
    if (!err) setOpen(false);
  };

  return (
    <section className="scenes-panel" aria-label="Behaviors">
      <header className="scenes-panel-head">
        <h2>Behaviors ({behaviors.length})</h2>
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Cancel' : 'New behavior'}</button>
      </header>
      <ul className="scenes-list" aria-label="Behavior list">
        {behaviors.map((b) => (
          <li key={b.id}>
            <span className="grow">{b.displayName}</span>
            <span className="muted small">{layers.filter((l) => l.behaviorIDs.includes(b.id)).map((l) => l.displayName).join(', ')}</span>
            <button type="button" aria-label={`Remove ${b.displayName} from scene`} onClick={() => edit((d) => removeBehavior(d, b.id, sceneId))}>✕</button>
          </li>
        ))}
      </ul>
      {open && (
        <form className="behavior-form" aria-label="New behavior" onSubmit={(e) => { e.preventDefault(); create(); }}>
          <label>Name <input value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label>Value expression
            <input list="scenes-expr-suggestions" value={expr} onChange={(e) => setExpr(e.target.value)} aria-invalid={!parsed.ok} spellCheck={false} />
          </label>
          <datalist id="scenes-expr-suggestions">{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
          {!parsed.ok && <p className="error small" role="alert">{parsed.error.message} (at {parsed.error.offset + 1})</p>}
          <div className="row">
            <label>Below <input type="color" aria-label="Colour below low" value={colors[0]} onChange={(e) => setColors([e.target.value, colors[1], colors[2]])} /></label>
            <label>Low <input aria-label="Low threshold" value={low} onChange={(e) => setLow(e.target.value)} size={5} /></label>
            <label>Between <input type="color" aria-label="Colour between" value={colors[1]} onChange={(e) => setColors([colors[0], e.target.value, colors[2]])} /></label>
            <label>High <input aria-label="High threshold" value={high} onChange={(e) => setHigh(e.target.value)} size={5} /></label>
            <label>Above <input type="color" aria-label="Colour above high" value={colors[2]} onChange={(e) => setColors([colors[0], colors[1], e.target.value])} /></label>
          </div>
          <label>Floating label (optional) <input value={label} placeholder="${PrimaryTwin.temperature} °C" onChange={(e) => setLabel(e.target.value)} /></label>
          <label className="check" title={isPropertyRef ? undefined : 'A trend needs the value to be one twin property'}><input type="checkbox" checked={trend && isPropertyRef} disabled={!isPropertyRef} onChange={(e) => setTrend(e.target.checked)} /> Trend in the popover (data history)</label>
          <label>Layer
            <input list="scenes-layers" value={layer} onChange={(e) => setLayer(e.target.value)} placeholder="Default layer" />
          </label>
          <datalist id="scenes-layers">{layers.map((l) => <option key={l.id} value={l.displayName} />)}</datalist>
          <fieldset className="row">
            <legend>Applies to</legend>
            <label className="check"><input type="radio" checked={target === 'element'} onChange={() => setTarget('element')} /> Selected element</label>
            <label className="check"><input type="radio" checked={target === 'all'} onChange={() => setTarget('all')} /> All elements of the scene</label>
          </fieldset>
          {preview && (
            <p className="small" data-testid="behavior-preview">Preview on {element?.displayName}:{' '}
              <span className="swatch" style={{ background: preview.colorings[0]?.color ?? 'transparent' }} /> {preview.colorings[0]?.color ?? 'no colour'}
              {preview.labels[0] && <> · “{preview.labels[0].text}”</>}
              {preview.problems[0] && <span className="error"> · {preview.problems[0].message}</span>}
            </p>
          )}
          {error && <p role="alert" className="error">{error}</p>}
          <button type="submit" className="primary">Create behavior</button>
        </form>
      )}
    </section>
  );
}
