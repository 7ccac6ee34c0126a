/** The selected element's popover: widgets (gauge, value, link, data history trend) and the rule inspector (inputs, value, match). */
import { collectReferences, compileExpression, toText } from '../expressions/index.ts';
import { evaluateWidgets, inspectElement, type SceneRuntime } from '../rules/index.ts';
import type { TwinToObjectMapping } from '../model/index.ts';
import { navigate } from '../../app/routing/useRoute.ts';
import { TwinProperties } from './TwinProperties.tsx';
import { TrendWidget } from './TrendWidget.tsx';

export function Inspector({ element, runtime, version }: { element: TwinToObjectMapping; runtime: SceneRuntime; version: number }) {
  void version;
  const twins = (id: string) => runtime.twin(id);
  const behaviors = runtime.behaviorsOf(element.id);
  const widgets = evaluateWidgets(element, behaviors, twins);
  const rules = inspectElement(element, behaviors, twins);
  const scope: Record<string, Record<string, unknown> | undefined> = { PrimaryTwin: twins(element.primaryTwinID) };
  for (const [a, t] of Object.entries(element.twinAliases ?? {})) scope[a] = twins(t);
  const inputsOf = (expr: string) => {
    const c = compileExpression(expr);
    if (!c.ok) return '';
    return collectReferences(c.value).map((r) => {
      let v: unknown = scope[r.root];
      for (const p of r.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
      return `${[r.root, ...r.path].join('.')} = ${toText(v)}`;
    }).join(', ');
  };
  return (
    <section className="scenes-panel" aria-label="Inspector">
      <header className="scenes-panel-head"><h2>{element.displayName}</h2></header>
      <p className="small">Twin <button type="button" className="link" onClick={() => navigate(`/explorer?twin=${encodeURIComponent(element.primaryTwinID)}`)}>{element.primaryTwinID}</button></p>
      {widgets.length > 0 && (
        <ul className="widgets" aria-label="Widgets">
          {widgets.map((w) => (
            <li key={w.behaviorId + w.id} data-widget={w.type}>
              {w.type === 'Data history' ? <TrendWidget widget={w} version={version} /> : w.type === 'Gauge' && typeof w.value === 'number' ? (
                <div className="gauge"><span>{w.label}</span>
                  <meter min={w.min} max={w.max} value={w.value} style={{ accentColor: w.color }} aria-label={w.label} />
                  <strong>{w.value}{w.units ? ` ${w.units}` : ''}</strong></div>
              ) : w.type === 'Link' && w.url ? (
                <a href={w.url} target={w.url.startsWith('/') ? undefined : '_blank'} rel="noopener noreferrer">{w.label}</a>
              ) : (
                <div><span>{w.label}</span>: <strong>{w.error ? <span className="error">{w.error}</span> : toText(w.value)}</strong></div>
              )}
            </li>
          ))}
        </ul>
      )}
      <TwinProperties twin={twins(element.primaryTwinID)} />
      <table className="rule-inspector" aria-label="Rule inspector">
        <thead><tr><th>Rule</th><th>Inputs</th><th>Value</th><th>Match</th></tr></thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.behaviorId + r.ruleId}>
              <td title={r.expression}>{r.displayName}</td>
              <td className="small">{inputsOf(r.expression)}</td>
              <td>{r.error ? <span className="error">{r.error}</span> : toText(r.value)}</td>
              <td>{r.matched.length ? r.matched.length + ' condition(s)' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
