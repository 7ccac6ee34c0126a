/**
 * "Delete all models": leaves first (models nobody extends or uses as a component), one engine delete each, as
 * ADT Explorer does; confirmed first, with progress, and a list of what the engine refused.
 */
import { useState } from 'react';
import { engine, useEngineStore } from '../../app/engine/index.ts';
import { useModelCatalog } from '../state/index.ts';
import { deletionOrder, type ModelIndex } from './modelIndex.ts';

type State = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; deleted: number; refused: string[] };

export function DeleteAllModels({ index }: { index: ModelIndex }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    const order = deletionOrder(index);
    const refused: string[] = [];
    let deleted = 0;
    setState({ kind: 'running', done: 0, total: order.length });
    for (let i = 0; i < order.length; i++) {
      const r = await engine.deleteModel(order[i]);
      if (r.ok) deleted++;
      else refused.push(`${order[i]}: ${r.error.code}: ${r.error.message}`);
      setState({ kind: 'running', done: i + 1, total: order.length });
    }
    useEngineStore.setState({ stats: await engine.stats() });
    await useModelCatalog.getState().refresh();
    setState({ kind: 'done', deleted, refused });
  };
  if (state.kind === 'idle') {
    return (
      <button type="button" disabled={!index.byId.size} onClick={() => setState({ kind: 'confirm' })}>
        Delete all models…
      </button>
    );
  }
  if (state.kind === 'confirm') {
    return (
      <div className="models-import" role="group" aria-label="Delete all models">
        <p>
          Delete all {index.byId.size} models? Twins keep their data but lose their model. This cannot be undone.
        </p>
        <button type="button" className="danger" onClick={() => void run()}>
          Delete {index.byId.size} models
        </button>{' '}
        <button type="button" onClick={() => setState({ kind: 'idle' })}>Cancel</button>
      </div>
    );
  }
  if (state.kind === 'running') {
    return (
      <div className="models-import" role="status">
        Deleting models: {state.done} of {state.total}
        <progress aria-label="Model deletion progress" max={state.total} value={state.done} />
      </div>
    );
  }
  return (
    <div className={`models-import ${state.refused.length ? 'failed' : 'ok'}`} role={state.refused.length ? 'alert' : 'status'}>
      <span>
        Deleted {state.deleted} model{state.deleted === 1 ? '' : 's'}.{state.refused.length ? ` ${state.refused.length} refused:` : ''}
      </span>
      {state.refused.length ? (
        <ul className="models-problems">
          {state.refused.slice(0, 20).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" aria-label="Dismiss" onClick={() => setState({ kind: 'idle' })}>×</button>
    </div>
  );
}
