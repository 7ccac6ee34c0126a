/** Connections > MQTT: broker over WebSocket, mapping rules (topic + JSON paths -> twin patches / telemetry), status, message log. */
import { useEffect, useState, type FormEvent } from 'react';
import type { MqttMapping } from '../engine/live/mqtt/index.ts';
import { live } from './liveClient.ts';
import { usePoll } from './usePoll.ts';

const EXAMPLE: MqttMapping[] = [
  { topic: 'twinscape/+/climate', twinId: '{1}', mode: 'property', values: { temperature: '$.t' } },
  { topic: 'twinscape/sensors/#', twinId: '$.device', mode: 'telemetry', values: { reading: '$.value' } },
];

export function MqttPanel() {
  const [status, refresh] = usePoll(() => live('mqttStatus'), 500);
  const [url, setUrl] = useState('ws://127.0.0.1:9001');
  const [username, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [rules, setRules] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [error, setError] = useState<string | null>(null);
  // The connection in use (e.g. restored after a reload) fills the form.
  useEffect(() => {
    let alive = true;
    void live('mqttConfig').then((c) => {
      if (!alive || !c) return;
      setUrl(c.url);
      setUser(c.username ?? '');
      setPassword(c.password ?? '');
      setRules(JSON.stringify(c.mappings, null, 2));
    });
    return () => {
      alive = false;
    };
  }, []);

  const connect = async (ev: FormEvent) => {
    ev.preventDefault();
    let mappings: MqttMapping[];
    try {
      mappings = JSON.parse(rules) as MqttMapping[];
    } catch (e) {
      setError(`The mapping rules are not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const r = await live('mqttConnect', { url: url.trim(), username, password, mappings });
    setError(r.ok ? null : r.error.message);
    refresh();
  };

  return (
    <section aria-label="MQTT" className="live-card">
      <h3>MQTT over WebSocket</h3>
      <form className="live-form" aria-label="MQTT connection" onSubmit={(e) => void connect(e)}>
        <label className="wide">Broker URL <input aria-label="Broker URL" value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        <label>User <input aria-label="MQTT user" value={username} onChange={(e) => setUser(e.target.value)} autoComplete="off" /></label>
        <label>Password <input aria-label="MQTT password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" /></label>
        <label className="wide">Mapping rules (JSON: topic, twinId as literal / {'{N}'} / $.path, mode, values property → $.path)
          <textarea aria-label="Mapping rules" className="mono" rows={7} value={rules} onChange={(e) => setRules(e.target.value)} />
        </label>
        <button type="submit" className="primary">Connect</button>
        <button type="button" onClick={() => void live('mqttDisconnect').then(refresh)}>Disconnect</button>
      </form>
      {error && <p role="alert" className="field-error">{error}</p>}
      {status && (
        <>
          <p>
            Status: <b data-testid="mqtt-state">{status.state}</b>
            {' · '}received <span data-testid="mqtt-received">{status.received}</span>
            {' · '}applied <span data-testid="mqtt-applied">{status.applied}</span>
            {' · '}malformed <span data-testid="mqtt-malformed">{status.malformed}</span>
            {' · '}reconnects {status.reconnects}
            {status.lastError && <span className="field-error"> · {status.lastError}</span>}
          </p>
          <ol className="live-dead" aria-label="MQTT messages">
            {[...status.recent].reverse().map((m, i) => (
              <li key={`${m.time}-${i}`} className={m.outcome === 'ok' ? '' : 'warn-text'}>{m.time.slice(11, 23)} {m.topic} {m.payload} → {m.outcome}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
