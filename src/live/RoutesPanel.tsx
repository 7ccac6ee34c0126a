/** Event routes (ADT event-filter language) and their endpoints: event log, BroadcastChannel, webhooks. */
import { useState, type FormEvent } from 'react';
import { live } from './liveClient.ts';
import { usePoll } from './usePoll.ts';

interface FilterError {
  message: string;
  position?: number;
}

export function RoutesPanel() {
  const [routes, refreshRoutes] = usePoll(() => live('listRoutes'), 2000);
  const [endpoints, refreshEndpoints] = usePoll(() => live('listEndpoints'), 1000);
  const [dead] = usePoll(() => live('listDeadLetters'), 2000);
  const [id, setId] = useState('route-1');
  const [endpointName, setEndpoint] = useState('event-log');
  const [filter, setFilter] = useState("type = 'Microsoft.DigitalTwins.Twin.Update'");
  const [error, setError] = useState<FilterError | null>(null);
  const [hook, setHook] = useState({ name: 'my-webhook', url: 'http://127.0.0.1:8080/events' });
  const [hookError, setHookError] = useState<string | null>(null);

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const r = await live('upsertRoute', { id: id.trim(), endpointName, filter });
    if (r.ok) setError(null);
    else setError({ message: r.error.message, position: (r.error.details as { position?: number } | undefined)?.position });
    refreshRoutes();
  };
  const addHook = async (ev: FormEvent) => {
    ev.preventDefault();
    const r = await live('upsertWebhook', hook.name.trim(), hook.url.trim());
    setHookError(r.ok ? null : r.error.message);
    refreshEndpoints();
  };

  return (
    <section aria-label="Event routes" className="live-card">
      <h3>Event routes</h3>
      <p className="muted">
        ADT filters: <code>type = '…'</code>, <code>STARTS_WITH($body.$metadata.$model, '…')</code>, <code>$body.temperature &lt;= 5.5</code>, AND / OR / NOT, IN (…), <code>true</code>.
      </p>
      <form className="live-form" aria-label="Route" onSubmit={(e) => void save(e)}>
        <label>Route id <input value={id} onChange={(e) => setId(e.target.value)} /></label>
        <label>Endpoint <select aria-label="Endpoint" value={endpointName} onChange={(e) => setEndpoint(e.target.value)}>
          {(endpoints ?? [{ name: 'event-log' }]).map((ep) => <option key={ep.name} value={ep.name}>{ep.name}</option>)}
        </select></label>
        <label className="wide">Filter <input aria-label="Filter" className="mono" value={filter} onChange={(e) => { setFilter(e.target.value); setError(null); }} aria-invalid={!!error} /></label>
        <button type="submit" className="primary">Save route</button>
      </form>
      {error && (
        <div role="alert" className="field-error">
          <div>{error.message}</div>
          {error.position !== undefined && (
            <pre className="filter-caret" data-testid="filter-caret">{filter + '\n' + ' '.repeat(Math.max(0, error.position - 1)) + '^'}</pre>
          )}
        </div>
      )}
      <table className="live-table" aria-label="Routes">
        <thead><tr><th>Route</th><th>Endpoint</th><th>Filter</th><th /></tr></thead>
        <tbody>
          {(routes ?? []).map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td><td>{r.endpointName}</td><td className="mono">{r.filter}</td>
              <td><button type="button" className="small danger" onClick={() => void live('deleteRoute', r.id).then(refreshRoutes)}>Delete {r.id}</button></td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>Endpoints</h4>
      <table className="live-table" aria-label="Endpoints">
        <thead><tr><th>Name</th><th>Kind</th><th>Delivered</th><th>Failed attempts</th><th>Dead letters</th></tr></thead>
        <tbody>
          {(endpoints ?? []).map((ep) => (
            <tr key={ep.name} data-testid={`endpoint-${ep.name}`}>
              <td>{ep.name}{ep.url ? ` (${ep.url})` : ''}</td><td>{ep.kind}</td><td data-testid="delivered">{ep.delivered}</td><td>{ep.failed}</td><td>{ep.deadLettered}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        The <b>broadcast</b> endpoint posts <code>{'{ routeId, event }'}</code> on the BroadcastChannel <code>twinscape-events:default</code>: other pages and embedded viewers of this origin can listen.
      </p>
      <form className="live-form" aria-label="Webhook" onSubmit={(e) => void addHook(e)}>
        <label>Webhook name <input value={hook.name} onChange={(e) => setHook((h) => ({ ...h, name: e.target.value }))} /></label>
        <label className="wide">URL <input aria-label="Webhook URL" value={hook.url} onChange={(e) => setHook((h) => ({ ...h, url: e.target.value }))} /></label>
        <button type="submit">Add webhook</button>
      </form>
      {hookError && <p role="alert" className="field-error">{hookError}</p>}
      {!!dead?.length && (
        <>
          <h4>Dead letters</h4>
          <ul className="live-dead" aria-label="Dead letters">
            {dead.slice(-50).map((d) => <li key={d.eventId + d.time}>{d.time.slice(11, 19)} {d.endpointName} ← {d.routeId}: {d.eventType} after {d.attempts} attempt(s): {d.reason}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}
