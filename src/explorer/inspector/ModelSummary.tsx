/** Inspector of a model selection: its id, names and resolved contents (including inherited ones). */
import { useModelCatalog } from '../state/modelCatalog.ts';
import { modelColor, modelShortName } from '../graph/modelColors.ts';

export function ModelSummary({ modelId }: { modelId: string }) {
  const iface = useModelCatalog((s) => s.interfaces.get(modelId));
  const model = useModelCatalog((s) => s.models.find((m) => m.id === modelId));
  return (
    <div className="model-summary">
      <header className="inspector-head">
        <h3><span className="swatch" style={{ background: modelColor(modelId) }} aria-hidden="true" /> {model?.displayName?.en ?? modelShortName(modelId)}</h3>
        <p className="muted">{modelId}{model?.decommissioned ? ' · decommissioned' : ''}</p>
      </header>
      {iface ? (
        <table className="contents-table">
          <thead><tr><th>Name</th><th>Kind</th><th>Schema / target</th><th>From</th></tr></thead>
          <tbody>
            {[...iface.contents.values()].map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{c.kind}</td>
                <td>{c.kind === 'Relationship' ? (c.target ?? 'any') : c.kind === 'Component' ? c.componentSchema : c.schema ? (c.schema.kind === 'primitive' ? c.schema.name : c.schema.kind) : ''}</td>
                <td>{c.definedIn === modelId ? '' : modelShortName(c.definedIn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">Model not resolved.</p>}
    </div>
  );
}
