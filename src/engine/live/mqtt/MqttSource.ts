/**
 * An MQTT-over-WebSocket source inside the engine worker (mqtt.js; its browser build runs in workers): connects,
 * subscribes to the mapping rules' topics, maps each message to patches / telemetry on the public engine.
 * Reconnects with exponential backoff (1 s doubling to 30 s, reset on connect). A malformed message (not JSON,
 * missing path, unknown twin, invalid value) is counted and logged with its reason; it never stops the source.
 */
import type { TwinEngine } from '../../TwinEngine.ts';
import type { Result } from '../../types.ts';
import { mapMessage, validateMapping, type MqttMapping } from './mapping.ts';

export interface MqttConfig {
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  mappings: MqttMapping[];
}

export type MqttState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export interface MqttStatus {
  state: MqttState;
  url: string | null;
  received: number;
  applied: number;
  malformed: number;
  rejected: number;
  reconnects: number;
  lastError: string | null;
  recent: Array<{ time: string; topic: string; payload: string; outcome: string }>;
}

/** The part of an mqtt.js client this source uses. */
export interface MqttClientLike {
  on(event: 'connect' | 'reconnect' | 'close' | 'offline', cb: () => void): unknown;
  on(event: 'error', cb: (e: Error) => void): unknown;
  on(event: 'message', cb: (topic: string, payload: Uint8Array) => void): unknown;
  subscribe(topics: string[], opts: { qos: 0 | 1 | 2 }, cb?: (e: Error | null) => void): unknown;
  end(force?: boolean): unknown;
  options: { reconnectPeriod?: number };
}
export type MqttConnect = (url: string, opts: Record<string, unknown>) => MqttClientLike;

export type SourceLog = (level: 'info' | 'warn' | 'error', message: string) => void;

const MIN_BACKOFF = 1000;
const MAX_BACKOFF = 30_000;

export class MqttSource {
  private client: MqttClientLike | null = null;
  private mappings: MqttMapping[] = [];
  private decoder = new TextDecoder();
  private backoff = MIN_BACKOFF;
  readonly status: MqttStatus = { state: 'disconnected', url: null, received: 0, applied: 0, malformed: 0, rejected: 0, reconnects: 0, lastError: null, recent: [] };

  constructor(private engine: TwinEngine, private connectFn: () => Promise<MqttConnect>, private log: SourceLog) {}

  async connect(config: MqttConfig): Promise<Result<MqttStatus>> {
    if (typeof config?.url !== 'string' || !/^wss?:\/\//.test(config.url)) return { ok: false, error: { code: 'InvalidArgument', message: 'The broker URL starts with ws:// or wss://.' } };
    if (!Array.isArray(config.mappings) || !config.mappings.length) return { ok: false, error: { code: 'InvalidArgument', message: 'Add at least one mapping rule.' } };
    for (const m of config.mappings) {
      const problem = validateMapping(m);
      if (problem) return { ok: false, error: { code: 'InvalidArgument', message: problem } };
    }
    this.disconnect();
    const connect = await this.connectFn();
    this.mappings = config.mappings.map((m) => ({ ...m, values: { ...m.values } }));
    Object.assign(this.status, { state: 'connecting', url: config.url, received: 0, applied: 0, malformed: 0, rejected: 0, reconnects: 0, lastError: null, recent: [] });
    this.backoff = MIN_BACKOFF;
    const client = connect(config.url, {
      reconnectPeriod: MIN_BACKOFF,
      connectTimeout: 10_000,
      clean: true,
      ...(config.username ? { username: config.username } : {}),
      ...(config.password ? { password: config.password } : {}),
      clientId: config.clientId || `twinscape-${Math.random().toString(16).slice(2, 10)}`,
    });
    this.client = client;
    client.on('connect', () => {
      if (this.client !== client) return;
      this.status.state = 'connected';
      this.backoff = MIN_BACKOFF;
      client.options.reconnectPeriod = MIN_BACKOFF;
      const topics = [...new Set(this.mappings.map((m) => m.topic))];
      client.subscribe(topics, { qos: 0 }, (e) => {
        if (e) this.fail(`subscribe failed: ${e.message}`);
        else this.log('info', `Connected to ${config.url}; subscribed to ${topics.join(', ')}`);
      });
    });
    client.on('reconnect', () => {
      if (this.client !== client) return;
      this.status.state = 'reconnecting';
      this.status.reconnects++;
      this.backoff = Math.min(MAX_BACKOFF, this.backoff * 2);
      client.options.reconnectPeriod = this.backoff;
    });
    client.on('close', () => {
      if (this.client !== client || this.status.state === 'disconnected') return;
      if (this.status.state === 'connected') this.log('warn', `Connection to ${config.url} closed; reconnecting`);
      this.status.state = 'reconnecting';
    });
    client.on('error', (e) => {
      if (this.client === client) this.fail(e.message);
    });
    client.on('message', (topic, payload) => {
      if (this.client === client) this.onMessage(topic, payload);
    });
    return { ok: true, value: this.snapshot() };
  }

  disconnect(): void {
    const c = this.client;
    this.client = null;
    if (c) {
      c.end(true);
      this.log('info', 'Disconnected');
    }
    this.status.state = 'disconnected';
  }

  snapshot(): MqttStatus {
    return { ...this.status, recent: [...this.status.recent] };
  }

  private fail(message: string): void {
    this.status.lastError = message;
    this.status.state = 'error';
    this.log('error', message);
  }

  private remember(topic: string, text: string, outcome: string): void {
    const r = this.status.recent;
    r.push({ time: new Date().toISOString(), topic, payload: text.length > 200 ? text.slice(0, 197) + '...' : text, outcome });
    if (r.length > 50) r.shift();
  }

  private onMessage(topic: string, payload: Uint8Array): void {
    this.status.received++;
    const text = this.decoder.decode(payload);
    const mapped = mapMessage(this.mappings, topic, text);
    if (!mapped.ok) {
      this.status.malformed++;
      this.remember(topic, text, `malformed: ${mapped.reason}`);
      this.log('warn', `Malformed message on ${topic}: ${mapped.reason}`);
      return;
    }
    this.remember(topic, text, 'ok');
    for (const a of mapped.actions) {
      const p = a.kind === 'patch' ? this.engine.patchTwin(a.twinId, a.patch) : this.engine.publishTelemetry(a.twinId, a.payload);
      void (p as Promise<Result<unknown>>).then((r) => {
        if (r.ok) {
          this.status.applied++;
          return;
        }
        this.status.malformed++;
        this.status.rejected++;
        this.log('warn', `Message on ${topic} rejected by the engine: ${r.error.code}: ${r.error.message}`);
      });
    }
  }
}
