/** Filter / highlight the canvas by id or display name, model (with subtypes) and property predicates. */
import { useExplorer } from '../state/explorerStore.ts';
import { predicateOps, type PredicateOp, type PropertyPredicate } from '../state/filters.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { modelShortName } from './modelColors.ts';

export function FilterBar() {
  const filter = useExplorer((s) => s.filter);
  const setFilter = useExplorer((s) => s.setFilter);
  const resetFilter = useExplorer((s) => s.resetFilter);
  const models = useModelCatalog((s) => s.models);
  const setPredicate = (i: number, patch: Partial<PropertyPredicate>) =>
    setFilter({ predicates: filter.predicates.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <div className="filter-bar" role="search" aria-label="Filter twins">
      <input type="search" aria-label="Filter by id or display name" placeholder="id or name…" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} />
      <select aria-label="Filter by model" value={filter.models[0] ?? ''} onChange={(e) => setFilter({ models: e.target.value ? [e.target.value] : [] })}>
        <option value="">any model</option>
        {models.map((m) => <option key={m.id} value={m.id}>{m.displayName?.en ?? modelShortName(m.id)} ({m.id})</option>)}
      </select>
      <label title="Also match twins of models that extend it">
        <input type="checkbox" checked={filter.includeSubtypes} onChange={(e) => setFilter({ includeSubtypes: e.target.checked })} /> with subtypes
      </label>
      {filter.predicates.map((p, i) => (
        <span key={i} className="predicate" aria-label={`Property condition ${i + 1}`}>
          <input type="text" aria-label="Property" placeholder="property" value={p.property} onChange={(e) => setPredicate(i, { property: e.target.value })} />
          <select aria-label="Operator" value={p.op} onChange={(e) => setPredicate(i, { op: e.target.value as PredicateOp })}>
            {predicateOps.map((op) => <option key={op} value={op}>{op}</option>)}
          </select>
          {p.op !== 'exists' && p.op !== 'missing' && (
            <input type="text" aria-label="Value" placeholder="value" value={p.value ?? ''} onChange={(e) => setPredicate(i, { value: e.target.value })} />
          )}
          <button type="button" className="small" aria-label={`Remove condition ${i + 1}`} onClick={() => setFilter({ predicates: filter.predicates.filter((_, j) => j !== i) })}>×</button>
        </span>
      ))}
      <button type="button" onClick={() => setFilter({ predicates: [...filter.predicates, { property: '', op: '=', value: '' }] })}>+ Property condition</button>
      <select aria-label="Filter mode" value={filter.mode} onChange={(e) => setFilter({ mode: e.target.value as 'highlight' | 'filter' })}>
        <option value="highlight">highlight matches</option>
        <option value="filter">hide the rest</option>
      </select>
      <button type="button" onClick={resetFilter}>Clear</button>
    </div>
  );
}
