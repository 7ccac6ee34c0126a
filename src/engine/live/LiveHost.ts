/**
 * Live data inside the engine worker, over the public TwinEngine: event routes and their endpoints (in-app
 * event log, BroadcastChannel, webhooks), user functions in sandbox workers, and the simulator. Reached from
 * the UI through WorkerHost.liveCall(method, ...args) (see LiveApi). Sources that need the UI thread (MQTT,
 * CSV files) patch through the engine and report problems with `logSource`.
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type CloudEvent, type Result } from '../types.ts';
import { FunctionHost, type FunctionInfo } from '../functions/FunctionHost.ts';
import { demoFunctions } from '../functions/demoFunctions.ts';
import { spawnWorkerSandbox } from '../functions/spawnWorkerSandbox.ts';
import type { SpawnSandbox, UserFunction } from '../functions/types.ts';
import { RouteTable } from '../routes/RouteTable.ts';
import { WebhookEndpoint, type FetchLike } from '../routes/WebhookEndpoint.ts';
import {
  BROADCAST_CHANNEL_PREFIX, BROADCAST_ENDPOINT, EVENT_LOG_ENDPOINT, type DeadLetter, type EndpointInfo, type EventRoute,
} from '../routes/types.ts';
import { LiveLog, eventTwinId, type LiveLogLevel, type LiveLogPage, type LiveLogQuery } from './LiveLog.ts';
import { Simulator, type SimGenerator, type SimGeneratorInfo } from './Simulator.ts';
import { demoGenerators } from './demoSimulation.ts';
import { CsvReplay, type ReplayState, type ReplayStatus } from './CsvReplay.ts';
import { indexedDbConfigStore, type LiveConfig, type LiveConfigStore } from './LiveConfigStore.ts';
import { MqttSource, type MqttConfig, type MqttConnect, type MqttStatus } from './mqtt/index.ts';

export interface LiveHostOptions {
  spawnSandbox?: SpawnSandbox | null;
  fetch?: FetchLike | null;
  broadcast?: ((name: string) => { postMessage(m: unknown): void; close(): void } | null) | null;
  workspace?: () => string | null;
  /** mqtt.js's connect (loaded on first use by default). */
  mqttConnect?: () => Promise<MqttConnect>;
  /** Where routes, functions and generators are kept (default: IndexedDB when present; null: not kept). */
  configStore?: LiveConfigStore | null;
}

export interface LiveStatus {
  routes: number;
  functions: number;
  generatorsRunning: number;
  eventsSeen: number;
  lastSeq: number;
}

export class LiveHost {
  private logBuf = new LiveLog();
  private routes = new RouteTable();
  private webhooks = new Map<string, WebhookEndpoint>();
  private counters = new Map<string, { delivered: number }>([[EVENT_LOG_ENDPOINT, { delivered: 0 }], [BROADCAST_ENDPOINT, { delivered: 0 }]]);
  private functions: FunctionHost;
  private sim: Simulator;
  private channel: { postMessage(m: unknown): void; close(): void } | null = null;
  private channelName = '';
  private eventsSeen = 0;
  private fetcher: FetchLike | null;
  private mqtt: MqttSource;
  private replay: CsvReplay;
  private configStore: LiveConfigStore | null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private mqttInUse: MqttConfig | null = null;
  private replayState: ReplayState | null = null;
  /** While the saved configuration is being restored, nothing is saved (it would save a partial state). */
  private restoring = true;
  /** Resolves once the saved configuration is restored; liveCall waits for it. */
  readonly ready: Promise<void>;

  constructor(private engine: TwinEngine, private opts: LiveHostOptions = {}) {
    this.fetcher = opts.fetch === undefined ? defaultFetch() : opts.fetch;
    const spawn = opts.spawnSandbox === undefined ? spawnWorkerSandbox : opts.spawnSandbox;
    this.functions = new FunctionHost(engine, spawn, (name, level, message) => this.logBuf.add({ kind: 'function', level, source: name, message }));
    this.sim = new Simulator(engine, (id, message) => this.logBuf.add({ kind: 'simulator', level: 'error', source: id, message }));
    this.mqtt = new MqttSource(engine, opts.mqttConnect ?? loadMqtt, (level, message) => this.logBuf.add({ kind: 'source', level, source: 'mqtt', message }));
    this.replay = new CsvReplay(engine, (level, message) => this.logBuf.add({ kind: 'source', level, source: 'csv', message }), (state) => {
      this.replayState = state;
      this.persist(state && state.next > 0 ? 1000 : 100);
    });
    void engine.subscribe((events) => this.onEvents(events));
    this.configStore = opts.configStore === undefined ? indexedDbConfigStore() : opts.configStore;
    this.ready = this.restore().catch((e: unknown) => {
      this.logBuf.add({ kind: 'system', level: 'error', source: 'config', message: `Could not restore the live configuration: ${e instanceof Error ? e.message : String(e)}` });
    }).finally(() => {
      this.restoring = false;
    });
  }

  // ------------------------------------------------------------------ log

  log(q: LiveLogQuery = {}): LiveLogPage {
    return this.logBuf.list(q);
  }

  clearLog(): void {
    this.logBuf.clear();
  }

  /** Entries from sources running on the UI thread (MQTT, CSV replay). */
  logSource(source: string, level: LiveLogLevel, message: string): void {
    this.logBuf.add({ kind: 'source', level, source: String(source), message: String(message) });
  }

  status(): LiveStatus {
    return {
      routes: this.routes.size,
      functions: this.functions.list().length,
      generatorsRunning: this.sim.list().filter((g) => g.running).length,
      eventsSeen: this.eventsSeen,
      lastSeq: this.logBuf.list({ limit: 1 }).lastSeq,
    };
  }

  // ------------------------------------------------------------------ routes and endpoints

  listRoutes(): EventRoute[] {
    return this.routes.list();
  }

  upsertRoute(route: EventRoute): Result<EventRoute> {
    const r = this.routes.upsert(route, (name) => this.counters.has(name));
    if (r.ok) this.logBuf.add({ kind: 'route', level: 'info', source: r.value.id, message: `Route ${r.value.id} -> ${r.value.endpointName}: ${r.value.filter}` });
    return this.persisted(r);
  }

  deleteRoute(id: string): Result<void> {
    return this.persisted(this.routes.delete(id));
  }

  listEndpoints(): EndpointInfo[] {
    const out: EndpointInfo[] = [
      { name: EVENT_LOG_ENDPOINT, kind: 'log', delivered: this.counters.get(EVENT_LOG_ENDPOINT)!.delivered, failed: 0, deadLettered: 0 },
      { name: BROADCAST_ENDPOINT, kind: 'broadcast', delivered: this.counters.get(BROADCAST_ENDPOINT)!.delivered, failed: 0, deadLettered: 0 },
    ];
    for (const w of this.webhooks.values()) {
      out.push({ name: w.name, kind: 'webhook', url: w.url, delivered: w.delivered, failed: w.failed, deadLettered: w.deadLetters.length });
    }
    return out;
  }

  upsertWebhook(name: string, url: string): Result<EndpointInfo> {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,49}$/.test(name) || name === EVENT_LOG_ENDPOINT || name === BROADCAST_ENDPOINT) {
      return err('InvalidArgument', 'An endpoint name starts with a letter, has letters, digits, - or _, and is not a built-in name.');
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (_e) {
      return err('InvalidArgument', `Not a URL: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return err('InvalidArgument', 'A webhook URL is http or https.');
    if (!this.fetcher) return err('OperationNotAllowed', 'This environment cannot make HTTP requests.');
    const w = new WebhookEndpoint(name, parsed.href, this.fetcher);
    this.webhooks.set(name, w);
    this.counters.set(name, { delivered: 0 });
    this.persist();
    return ok({ name, kind: 'webhook', url: w.url, delivered: 0, failed: 0, deadLettered: 0 });
  }

  deleteEndpoint(name: string): Result<void> {
    if (!this.webhooks.has(name)) return err('NotFound', `There is no webhook endpoint named ${name}.`);
    if (this.routes.list().some((r) => r.endpointName === name)) return err('OperationNotAllowed', `Routes still deliver to ${name}; delete them first.`);
    this.webhooks.delete(name);
    this.counters.delete(name);
    this.persist();
    return ok(undefined);
  }

  listDeadLetters(): DeadLetter[] {
    return [...this.webhooks.values()].flatMap((w) => w.deadLetters);
  }

  // ------------------------------------------------------------------ functions

  listFunctions(): FunctionInfo[] {
    return this.functions.list();
  }

  upsertFunction(fn: Partial<UserFunction> & { name: string; code: string; filter: string }): Result<FunctionInfo> {
    const r = this.functions.upsert(fn);
    if (r.ok) this.logBuf.add({ kind: 'function', level: 'info', source: fn.name, message: `Saved; triggered by ${fn.filter}` });
    else this.logBuf.add({ kind: 'function', level: 'error', source: String(fn?.name ?? ''), message: `Not saved: ${r.error.message}` });
    return this.persisted(r);
  }

  deleteFunction(name: string): Result<void> {
    return this.persisted(this.functions.delete(name));
  }

  loadDemoFunctions(): Result<FunctionInfo[]> {
    const out: FunctionInfo[] = [];
    for (const fn of demoFunctions) {
      const r = this.upsertFunction(fn);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }

  // ------------------------------------------------------------------ simulator

  listGenerators(): SimGeneratorInfo[] {
    return this.sim.list();
  }

  upsertGenerator(g: SimGenerator): Result<SimGeneratorInfo> {
    return this.persisted(this.sim.upsert(g));
  }

  deleteGenerator(id: string): Result<void> {
    return this.persisted(this.sim.delete(id));
  }

  async startGenerator(id: string): Promise<Result<SimGeneratorInfo>> {
    const r = await this.sim.start(id);
    this.logBuf.add({ kind: 'simulator', level: r.ok ? 'info' : 'error', source: id, message: r.ok ? `Started (${r.value.twins} twin(s) at ${r.value.rateHz}/s)` : `Could not start: ${r.error.message}` });
    return this.persisted(r);
  }

  stopGenerator(id: string): Result<void> {
    if (!this.sim.stop(id)) return err('NotFound', `Generator ${id} is not running.`);
    this.logBuf.add({ kind: 'simulator', level: 'info', source: id, message: 'Stopped' });
    return this.persisted(ok(undefined));
  }

  stopAllGenerators(): void {
    this.sim.stopAll();
    this.persist();
  }

  /** The demo building's sensors: temperature and humidity readings as telemetry, one generator per sensor. */
  loadDemoSimulation(): Result<SimGeneratorInfo[]> {
    const out: SimGeneratorInfo[] = [];
    for (const g of demoGenerators()) {
      const r = this.sim.upsert(g);
      if (!r.ok) return r;
      out.push(r.value);
    }
    this.persist();
    return ok(out);
  }

  // ------------------------------------------------------------------ MQTT

  async mqttConnect(config: MqttConfig): Promise<Result<MqttStatus>> {
    const r = await this.mqtt.connect(config);
    if (r.ok) this.mqttInUse = structuredClone(config);
    return this.persisted(r);
  }

  mqttDisconnect(): void {
    this.mqtt.disconnect();
    this.mqttInUse = null;
    this.persist();
  }

  mqttStatus(): MqttStatus {
    return this.mqtt.snapshot();
  }

  /** The connection in use (kept with the workspace; restored after a reload), or null. */
  mqttConfig(): MqttConfig | null {
    return this.mqttInUse ? structuredClone(this.mqttInUse) : null;
  }

  // ------------------------------------------------------------------ CSV replay

  startReplay(csv: string, speed: number, mode: 'property' | 'telemetry' = 'property'): Result<ReplayStatus> {
    return this.replay.start(csv, speed, mode);
  }

  stopReplay(): void {
    this.replay.stop();
  }

  replayStatus(): ReplayStatus {
    return { ...this.replay.status };
  }

  async idle(): Promise<void> {
    await this.functions.idle();
    for (const w of this.webhooks.values()) await w.idle();
  }

  dispose(): void {
    this.sim.stopAll();
    this.functions.dispose();
    this.channel?.close();
    this.mqtt.disconnect();
  }

  // ------------------------------------------------------------------ persistence

  private persisted<T>(r: Result<T>): Result<T> {
    if (r.ok) this.persist();
    return r;
  }

  private workspaceKey(): string {
    return this.opts.workspace?.() ?? 'default';
  }

  private config(): LiveConfig {
    return {
      version: 1,
      routes: this.routes.list(),
      webhooks: [...this.webhooks.values()].map((w) => ({ name: w.name, url: w.url })),
      functions: this.functions.list().map(({ stats: _s, ...fn }) => fn),
      generators: this.sim.list().map(({ running: _r, twins: _t, generated: _g, applied: _a, failed: _f, skipped: _s, lastError: _l, ...g }) => g),
      running: this.sim.list().filter((g) => g.running).map((g) => g.id),
      mqtt: this.mqttInUse,
      replay: this.replayState,
    };
  }

  /** Saves the configuration within `ms` (one save per period; it reads the state at that time). */
  private persist(ms = 100): void {
    if (!this.configStore || this.saveTimer || this.restoring) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.configStore!.save(this.workspaceKey(), this.config()).catch((e: unknown) => {
        this.logBuf.add({ kind: 'system', level: 'error', source: 'config', message: `Could not save the live configuration: ${e instanceof Error ? e.message : String(e)}` });
      });
    }, ms);
  }

  private async restore(): Promise<void> {
    if (!this.configStore) return;
    const cfg = await this.configStore.load(this.workspaceKey());
    if (!cfg) return;
    for (const w of cfg.webhooks) this.upsertWebhook(w.name, w.url);
    for (const r of cfg.routes) this.routes.upsert(r, (name) => this.counters.has(name));
    for (const f of cfg.functions) {
      const r = this.functions.upsert(f);
      if (!r.ok) this.logBuf.add({ kind: 'function', level: 'error', source: f.name, message: `Not restored: ${r.error.message}` });
    }
    for (const g of cfg.generators) this.sim.upsert(g);
    // Sources that were running when the page went away start again.
    const sources: Array<Promise<unknown>> = [];
    for (const id of cfg.running ?? []) {
      sources.push(this.sim.start(id).then((r) => {
        this.logBuf.add({ kind: 'simulator', level: r.ok ? 'info' : 'error', source: id, message: r.ok ? `Restarted after reload (${r.value.twins} twin(s) at ${r.value.rateHz}/s)` : `Could not restart after reload: ${r.error.message}` });
      }));
    }
    if (cfg.mqtt) {
      const config = cfg.mqtt;
      sources.push(this.mqtt.connect(config).then((r) => {
        if (r.ok) this.mqttInUse = config;
        else this.logBuf.add({ kind: 'source', level: 'error', source: 'mqtt', message: `Could not reconnect after reload: ${r.error.message}` });
      }));
    }
    if (cfg.replay) {
      const r = this.replay.start(cfg.replay.csv, cfg.replay.speed, cfg.replay.mode, cfg.replay.next);
      if (!r.ok) this.logBuf.add({ kind: 'source', level: 'error', source: 'csv', message: `Could not resume the replay after reload: ${r.error.message}` });
    }
    await Promise.all(sources);
  }

  // ------------------------------------------------------------------ delivery

  private onEvents(events: CloudEvent[]): void {
    for (const event of events) {
      this.eventsSeen++;
      for (const route of this.routes.match(event)) this.deliver(route, event);
      this.functions.dispatch(event);
    }
  }

  private deliver(route: EventRoute, event: CloudEvent): void {
    const name = route.endpointName;
    if (name === EVENT_LOG_ENDPOINT) {
      this.logBuf.add({ kind: 'event', level: 'info', source: route.id, message: `${event.type} ${eventTwinId(event)} ${summary(event)}`, event });
    } else if (name === BROADCAST_ENDPOINT) {
      this.broadcastChannel()?.postMessage({ routeId: route.id, event });
    } else {
      const w = this.webhooks.get(name);
      if (!w) return;
      w.deliver(event, route.id);
      return;
    }
    this.counters.get(name)!.delivered++;
  }

  private broadcastChannel(): { postMessage(m: unknown): void; close(): void } | null {
    const ws = this.opts.workspace?.() ?? 'default';
    const name = `${BROADCAST_CHANNEL_PREFIX}:${ws}`;
    if (this.channel && this.channelName === name) return this.channel;
    this.channel?.close();
    const factory = this.opts.broadcast === undefined ? defaultBroadcast : this.opts.broadcast;
    this.channel = factory ? factory(name) : null;
    this.channelName = name;
    return this.channel;
  }
}

function summary(event: CloudEvent): string {
  let s: string;
  try {
    s = JSON.stringify(event.type === 'Microsoft.DigitalTwins.Twin.Update' ? (event.data as { patch?: unknown }).patch : event.data);
  } catch (_e) {
    s = '';
  }
  return s.length > 160 ? s.slice(0, 157) + '...' : s;
}

async function loadMqtt(): Promise<MqttConnect> {
  const mod = await import('mqtt');
  return ((mod as unknown as { connect?: unknown }).connect ?? (mod as unknown as { default: { connect: unknown } }).default.connect) as MqttConnect;
}

function defaultFetch(): FetchLike | null {
  return typeof fetch === 'function' ? (url, init) => fetch(url, init) : null;
}

function defaultBroadcast(name: string): { postMessage(m: unknown): void; close(): void } | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
}

/** The methods the UI may call through WorkerHost.liveCall. */
export const LIVE_METHODS = [
  'log', 'clearLog', 'logSource', 'status',
  'listRoutes', 'upsertRoute', 'deleteRoute', 'listEndpoints', 'upsertWebhook', 'deleteEndpoint', 'listDeadLetters',
  'listFunctions', 'upsertFunction', 'deleteFunction', 'loadDemoFunctions',
  'listGenerators', 'upsertGenerator', 'deleteGenerator', 'startGenerator', 'stopGenerator', 'stopAllGenerators', 'loadDemoSimulation',
  'mqttConnect', 'mqttDisconnect', 'mqttStatus', 'mqttConfig', 'startReplay', 'stopReplay', 'replayStatus',
] as const;
export type LiveMethod = (typeof LIVE_METHODS)[number];
export type LiveApi = Pick<LiveHost, LiveMethod>;
/** Typed dispatcher WorkerHost exposes: `liveCall('upsertRoute', route)`. */
export type LiveCall = <K extends LiveMethod>(method: K, ...args: Parameters<LiveApi[K]>) => Promise<Awaited<ReturnType<LiveApi[K]>>>;

export function callLive<K extends LiveMethod>(host: LiveHost, method: K, args: Parameters<LiveApi[K]>): Promise<Awaited<ReturnType<LiveApi[K]>>> {
  if (!(LIVE_METHODS as readonly string[]).includes(method)) return Promise.reject(new Error(`Unknown live method ${String(method)}`));
  return host.ready.then(() => (host[method] as (...a: unknown[]) => unknown).apply(host, args)) as Promise<Awaited<ReturnType<LiveApi[K]>>>;
}
