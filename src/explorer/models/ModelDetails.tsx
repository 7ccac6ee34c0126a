/** One model: resolved contents (inherited included), its DTDL definition, decommission and delete. */
import { useState } from 'react';
import { ancestorsOf, referrersOf, resolveContents, type ModelIndex } from './modelIndex.ts';
import { decommission, remove, showTwinsOf, type ActionOutcome } from './modelActions.ts';

interface Props {
  index: ModelIndex;
  id: string;
  onClose?: () => void;
  /** The contents table; off in the narrow models column, where the inspector shows them. */
  showContents?: boolean;
}

export function ModelDetails({ index, id, onClose, showContents = true }: Props) {
  const node = index.byId.get(id);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [showJson, setShowJson] = useState(false);
  if (!node) return <p className="muted">Model {id} is not in the workspace.</p>;
  const contents = resolveContents(index, id);
  const ancestors = ancestorsOf(index, id);
  const referrers = referrersOf(index, id);
  const act = async (f: (id: string, index: ModelIndex) => Promise<ActionOutcome>) => {
    setBusy(true);
    setConfirming(false);
    setOutcome(await f(id, index));
    setBusy(false);
  };
  return (
    <section className="model-details" aria-label={`Model ${node.displayName}`}>
      <header>
        <h3>{node.displayName}</h3>
        {onClose ? (
          <button type="button" onClick={onClose} aria-label="Close model details">×</button>
        ) : null}
      </header>
      <code className="model-id">{id}</code>
      {node.decommissioned ? <p className="badge warn">Decommissioned</p> : null}
      {ancestors.length ? <p className="muted">Extends: {ancestors.join(' → ')}</p> : null}
      {referrers.length ? <p className="muted">Used by: {referrers.join(', ')}</p> : null}
      <div className="row-actions">
        <button type="button" disabled={busy} onClick={() => void act((m) => showTwinsOf(m))}>
          Show its twins
        </button>
        <button type="button" disabled={busy || node.decommissioned} onClick={() => void act(decommission)}>
          Decommission
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={() => void act(remove)}>
              Confirm delete
            </button>
            <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
          </>
        ) : (
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            Delete model
          </button>
        )}
      </div>
      {outcome ? (
        outcome.ok ? (
          <p role="status" className="ok">{outcome.message}</p>
        ) : (
          <div role="alert" className="refusal">
            <strong>Refused ({outcome.code}):</strong> {outcome.message}
            {outcome.hint ? <div>{outcome.hint}</div> : null}
          </div>
        )
      ) : null}
      {showContents ? (
        <table className="contents-table" aria-label="Contents">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Schema / target</th>
              <th scope="col">Defined in</th>
            </tr>
          </thead>
          <tbody>
            {contents.map((c) => (
              <tr key={c.name} className={c.definedIn !== id ? 'inherited' : undefined}>
                <td>{c.name}</td>
                <td>
                  {c.kind}
                  {c.coTypes.length ? ` (${c.coTypes.join(', ')})` : ''}
                </td>
                <td>{c.kind === 'Relationship' ? `→ ${c.target ?? 'any twin'}` : c.schema ?? ''}</td>
                <td>{c.definedIn === id ? 'this model' : `inherited from ${index.byId.get(c.definedIn)?.displayName ?? c.definedIn}`}</td>
              </tr>
            ))}
            {!contents.length ? (
              <tr>
                <td colSpan={4} className="muted">No contents.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : (
        <p className="muted">
          {contents.length} contents ({contents.filter((c) => c.definedIn !== id).length} inherited): see the inspector or the model graph.
        </p>
      )}
      <button type="button" aria-expanded={showJson} onClick={() => setShowJson((v) => !v)}>
        {showJson ? 'Hide definition' : 'Show definition'}
      </button>
      {showJson ? (
        <pre className="model-json" aria-label="Model definition">
          {JSON.stringify(node.definition, null, 2)}
        </pre>
      ) : null}
    </section>
  );
}
