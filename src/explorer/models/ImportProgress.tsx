import type { ImportState } from './useModelImport.ts';

/** Progress bar and outcome of a model import, with every problem located (file, line, model, validation id, fix). */
export function ImportProgress({ state, onClose }: { state: ImportState; onClose(): void }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'reading' || state.phase === 'uploading') {
    const label = state.phase === 'reading' ? `Reading ${state.total} file${state.total === 1 ? '' : 's'}…` : `Validating and storing ${state.models} models from ${state.files} files…`;
    return (
      <div className="models-import" role="status">
        <div>{label}</div>
        {state.phase === 'reading' ? (
          <progress aria-label="Model import progress" max={state.total} value={state.done} />
        ) : state.progress && state.progress.total > 0 ? (
          <progress aria-label="Model import progress" max={state.progress.total} value={state.progress.done} />
        ) : (
          <progress aria-label="Model import progress" />
        )}
      </div>
    );
  }
  const skipped = state.skipped.length ? (
    <p className="muted">
      Not read (not .json): {state.skipped.slice(0, 5).join(', ')}
      {state.skipped.length > 5 ? ` and ${state.skipped.length - 5} more` : ''}
    </p>
  ) : null;
  if (state.phase === 'done') {
    return (
      <div className="models-import ok" role="status">
        <span>
          Imported {state.models} model{state.models === 1 ? '' : 's'} from {state.files} file{state.files === 1 ? '' : 's'}.
        </span>
        <button type="button" onClick={onClose} aria-label="Dismiss import result">×</button>
        {skipped}
      </div>
    );
  }
  return (
    <div className="models-import failed" role="alert" aria-label="Model import errors">
      <div className="models-import-head">
        <strong>
          Nothing was imported: {state.problems.length} problem{state.problems.length === 1 ? '' : 's'} in {state.models} model{state.models === 1 ? '' : 's'}.
        </strong>
        <button type="button" onClick={onClose} aria-label="Dismiss import errors">×</button>
      </div>
      <ul className="models-problems">
        {state.problems.map((p, i) => (
          <li key={i}>
            <div className="where">
              {p.file ?? 'batch'}
              {p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''}
              {p.modelId ? <span className="muted"> — {p.modelId}</span> : null}
            </div>
            {p.validationId ? <code className="validation-id">{p.validationId}</code> : null}
            <div className="cause">{p.cause}</div>
            {p.action ? <div className="action">Fix: {p.action}</div> : null}
          </li>
        ))}
      </ul>
      {skipped}
    </div>
  );
}
