import { useEngineStore } from '../engine/index.ts';

const statusText = { starting: 'Engine starting…', ready: 'Engine ready', error: 'Engine error' } as const;

export function StatusBar() {
  const status = useEngineStore((s) => s.status);
  const error = useEngineStore((s) => s.error);
  const stats = useEngineStore((s) => s.stats);
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span role="status" aria-live="polite" data-engine-status={status} className={`engine-status engine-${status}`}>
        {statusText[status]}
        {error && <span className="engine-error">: {error}{status !== 'error' ? ' (restarted)' : ' — restarting'}</span>}
      </span>
      <span className="counts" aria-label="Counts">
        <span data-testid="count-models">{stats.models} models</span>
        <span data-testid="count-twins">{stats.twins} twins</span>
        <span data-testid="count-relationships">{stats.relationships} relationships</span>
      </span>
    </footer>
  );
}
