import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore, type LocalEngine } from '../index.ts';
import type { CloudEvent, Twin } from '../types.ts';
import { LiveHost } from './LiveHost.ts';
import type { LiveConfig, LiveConfigStore } from './LiveConfigStore.ts';
import type { SandboxPort, SpawnSandbox } from '../functions/types.ts';

// A user-function sandbox on Node's worker_threads (the browser uses a Blob-URL Worker).

const SHIM = `const { parentPort } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (m) => parentPort.postMessage(m);
parentPort.on('message', (d) => { if (typeof self.onmessage === 'function') self.onmessage({ data: d }); });
`;

const dir = mkdtempSync(join(tmpdir(), 'twinscape-sandbox-'));
let n = 0;

export const spawnNodeSandbox: SpawnSandbox = (source) => {
  const file = join(dir, `fn-${++n}.cjs`);
  writeFileSync(file, SHIM + source);
  const worker = new Worker(file);
  const port: SandboxPort = {
    postMessage: (m) => worker.postMessage(m),
    onmessage: null,
    onerror: null,
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (data) => port.onmessage?.({ data }));
  worker.on('error', (e: Error) => port.onerror?.({ message: e.message }));
  return port;
};

const demo = readFileSync(new URL('../../../public/demo/building.json', import.meta.url), 'utf8');
const hosts: LiveHost[] = [];

async function setup(opts: ConstructorParameters<typeof LiveHost>[1] = {}): Promise<{ engine: LocalEngine; live: LiveHost }> {
  const engine = await createLocalEngine({ store: new MemoryStore() });
  const imported = await engine.importGraph(demo, 'adt-explorer-json');
  if (!imported.ok) throw new Error(imported.error.message);
  const live = new LiveHost(engine, { spawnSandbox: spawnNodeSandbox, broadcast: null, fetch: null, configStore: null, ...opts });
  hosts.push(live);
  return { engine, live };
}

async function twin(engine: LocalEngine, id: string): Promise<Twin> {
  const r = await engine.getTwin(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

describe('LiveHost routes', () => {
  it('refuses an invalid filter with its position and routes matching events to the event log only', async () => {
    const { engine, live } = await setup();
    const bad = live.upsertRoute({ id: 'r1', endpointName: 'event-log', filter: "type = 'x' AND AND" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.details).toEqual({ position: 16 });
    expect(live.upsertRoute({ id: 'r1', endpointName: 'nowhere', filter: 'true' }).ok).toBe(false);
    const good = live.upsertRoute({ id: 'hot-rooms', endpointName: 'event-log', filter: "type = 'Microsoft.DigitalTwins.Twin.Update' AND $body.modelId = 'dtmi:twinscape:demo:Room;1'" });
    expect(good.ok).toBe(true);
    await engine.patchTwin('Room-101', [{ op: 'replace', path: '/temperature', value: 30 }]);
    await engine.patchTwin('Floor-1', [{ op: 'replace', path: '/averageTemperature', value: 1 }]);
    await until(() => live.status().eventsSeen >= 2);
    const events = live.log({ kinds: ['event'] }).entries;
    expect(events.map((e) => e.event?.subject)).toEqual(['Room-101']);
    expect(events[0]!.message).toContain('"value":30');
    expect(live.log({ kinds: ['event'], text: 'floor' }).entries).toHaveLength(0);
    expect(live.log({ after: events[0]!.seq, kinds: ['event'] }).entries).toHaveLength(0);
    expect(live.listEndpoints().find((e) => e.name === 'event-log')!.delivered).toBe(1);
  });

  it('webhook: retries 5xx with backoff, dead-letters 4xx', async () => {
    const calls: Array<{ url: string; body: string }> = [];
    const statuses = [503, 500, 200, 400];
    const { engine, live } = await setup({ fetch: async (url, init) => { calls.push({ url, body: init.body }); return { status: statuses.shift() ?? 200 }; } });
    expect(live.upsertWebhook('hook', 'http://127.0.0.1:9/events').ok).toBe(true);
    expect(live.upsertWebhook('hook2', 'ftp://x').ok).toBe(false);
    live.upsertRoute({ id: 'to-hook', endpointName: 'hook', filter: "subject = 'Room-102'" });
    await engine.patchTwin('Room-102', [{ op: 'replace', path: '/co2', value: 800 }]);
    await engine.patchTwin('Room-102', [{ op: 'replace', path: '/co2', value: 801 }]);
    await until(() => calls.length === 4, 10_000);
    await live.idle();
    const ep = live.listEndpoints().find((e) => e.name === 'hook')!;
    expect(ep.delivered).toBe(1);
    expect(ep.deadLettered).toBe(1);
    expect(live.listDeadLetters()[0]).toMatchObject({ routeId: 'to-hook', reason: 'HTTP 400', attempts: 1 });
    expect((JSON.parse(calls[0]!.body) as CloudEvent).subject).toBe('Room-102');
    expect(live.deleteEndpoint('hook').ok).toBe(false); // a route still uses it
  }, 20_000);
});

describe('LiveHost user functions', () => {
  it('demo functions: sensor telemetry -> room temperature and comfort -> floor average', async () => {
    const { engine, live } = await setup();
    expect(live.loadDemoFunctions().ok).toBe(true);
    const before = await twin(engine, 'Room-101');
    await engine.publishTelemetry('Sensor-101-T', { reading: 27 });
    await until(async () => (await twin(engine, 'Floor-1')).averageTemperature !== 22.57);
    const room = await twin(engine, 'Room-101');
    expect(room.temperature).toBe(27);
    expect(room.comfort).not.toBe(before.comfort);
    expect(room.comfort as number).toBeLessThan(before.comfort as number);
    const rooms = await Promise.all(['Room-101', 'Room-102', 'Room-103'].map((id) => twin(engine, id)));
    const avg = Math.round((rooms.reduce((s, r) => s + (r.temperature as number), 0) / 3) * 100) / 100;
    await until(async () => (await twin(engine, 'Floor-1')).averageTemperature === avg);
    await engine.publishTelemetry('Sensor-101-H', { reading: 80 });
    await until(async () => (await twin(engine, 'Room-101')).humidity === 80);
    await live.idle();
    expect(live.listFunctions().every((f) => f.stats.failures === 0)).toBe(true);
  }, 20_000);

  it('a function that loops forever is terminated after its time limit, logged, and the next call runs', async () => {
    const { engine, live } = await setup();
    const code = `async function onEvent(event, api) {
  if (event.data.reading > 100) { for (;;) {} }
  api.log('ok ' + event.data.reading);
}`;
    expect(live.upsertFunction({ name: 'spin', code, filter: "type = 'microsoft.iot.telemetry'", timeoutMs: 200 }).ok).toBe(true);
    await engine.publishTelemetry('Sensor-101-T', { reading: 1000 });
    await engine.publishTelemetry('Sensor-101-T', { reading: 5 });
    await until(() => live.log({ kinds: ['function'], text: 'ok 5' }).entries.length === 1);
    const errors = live.log({ kinds: ['function'] }).entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/Timed out.*200 ms.*terminated/);
    expect(live.listFunctions()[0]!.stats).toMatchObject({ runs: 2, timeouts: 1, failures: 1 });
  }, 20_000);

  it('cycles stop at the depth limit with a log entry', async () => {
    const { engine, live } = await setup();
    const code = `async function onEvent(event, api) {
  const t = await api.getTwin(event.subject);
  await api.patchTwin(event.subject, [{ op: 'add', path: '/occupancy', value: (t.occupancy || 0) + 1 }]);
}`;
    live.upsertFunction({ name: 'bump', code, filter: "type = 'Microsoft.DigitalTwins.Twin.Update' AND subject = 'Room-103'" });
    await engine.patchTwin('Room-103', [{ op: 'replace', path: '/occupancy', value: 0 }]);
    await until(() => live.log({ text: 'Cycle stopped' }).entries.length === 1);
    await live.idle();
    expect((await twin(engine, 'Room-103')).occupancy).toBe(8);
    expect(live.log({ text: 'Cycle stopped' }).entries[0]!.message).toMatch(/8 function updates deep \(limit 8\)/);
  }, 20_000);

  it('no network unless allowed; API errors reject with the engine code; syntax errors are logged', async () => {
    const { engine, live } = await setup();
    const code = `async function onEvent(event, api) {
  api.log(typeof fetch, typeof XMLHttpRequest, typeof WebSocket);
  try { await api.getTwin('nope'); } catch (e) { api.log('caught ' + e.message); }
}`;
    live.upsertFunction({ name: 'closed', code, filter: "subject = 'Room-201'" });
    live.upsertFunction({ name: 'open', code, filter: "subject = 'Room-201'", allowNetwork: true });
    live.upsertFunction({ name: 'broken', code: 'async function onEvent( {', filter: "subject = 'Room-201'" });
    expect(live.upsertFunction({ name: 'bad filter', code, filter: 'true' }).ok).toBe(false);
    expect(live.upsertFunction({ name: 'badfilter', code, filter: 'type =' }).ok).toBe(false);
    await engine.patchTwin('Room-201', [{ op: 'replace', path: '/co2', value: 500 }]);
    await until(() => live.log({ kinds: ['function'], text: 'caught' }).entries.length === 2);
    await until(() => live.log({ kinds: ['function'], text: 'Could not load' }).entries.length === 1);
    const lines = (name: string) => live.log({ kinds: ['function'] }).entries.filter((e) => e.source === name).map((e) => e.message);
    expect(lines('closed')).toContain('undefined undefined undefined');
    expect(lines('closed')).toContain('caught DigitalTwinNotFound: ' + (await engine.getTwin('nope') as { error: { message: string } }).error.message);
    expect(lines('open').some((l) => l.startsWith('function'))).toBe(true);
    expect(lines('broken').join('\n')).toMatch(/Could not load: .*/);
  }, 20_000);
});

describe('LiveHost function sandbox without network', () => {
  it('refuses import() at save (logged with its position) and runs no code built from strings', async () => {
    const { engine, live } = await setup();
    const importing = "async function onEvent(event, api) {\n  const m = await import('data:text/javascript,export default 1');\n  api.log(m.default);\n}";
    const refused = live.upsertFunction({ name: 'importer', code: importing, filter: "subject = 'Room-202'" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/^Line 2, column 19: import\(\) is not allowed in a function without network access/);
    expect(live.log({ kinds: ['function'], text: 'Not saved' }).entries.map((e) => [e.source, e.level])).toEqual([['importer', 'error']]);
    expect(live.listFunctions()).toEqual([]);
    // With network allowed, the same source is accepted.
    expect(live.upsertFunction({ name: 'importer', code: importing, filter: "subject = 'Nobody'", allowNetwork: true }).ok).toBe(true);

    const sneaky = `async function onEvent(event, api) {
  const attempts = {
    asyncCtor: () => (async () => {}).constructor('return imp' + 'ort("data:text/javascript,1")')(),
    fnCtor: () => Function('return 1')(),
    protoCtor: () => (() => {}).constructor('return 1')(),
    genCtor: () => (function* () {}).constructor('yield 1')().next(),
    evalCall: () => eval('1 + 1'),
    timer: () => setTimeout('globalThis.x = 1', 0),
  };
  for (const [name, f] of Object.entries(attempts)) {
    try { f(); api.log(name + ' ran'); } catch (e) { api.log(name + ' refused: ' + e.message); }
  }
  setTimeout(() => api.log('function timers still work'), 0);
  await new Promise((r) => setTimeout(r, 20));
}`;
    expect(live.upsertFunction({ name: 'sneaky', code: sneaky, filter: "subject = 'Room-202'" }).ok).toBe(true);
    await engine.patchTwin('Room-202', [{ op: 'replace', path: '/co2', value: 640 }]);
    await until(() => live.log({ kinds: ['function'], text: 'timers still work' }).entries.length === 1);
    const lines = live.log({ kinds: ['function'] }).entries.filter((e) => e.source === 'sneaky').map((e) => e.message);
    for (const name of ['asyncCtor', 'fnCtor', 'protoCtor', 'genCtor', 'evalCall', 'timer']) {
      expect(lines).toContain(`${name} refused: Code from strings (eval, new Function) is not allowed in a function without network access.`);
    }
  }, 20_000);
});

describe('LiveHost function API', () => {
  it('creates and deletes relationships, publishes telemetry and queries', async () => {
    const { engine, live } = await setup();
    const code = `async function onEvent(event, api) {
  if (event.data.reading === 1) {
    await api.createRelationship('Room-203', 'extra-sensor', 'Sensor-101-T', 'hasSensor');
    const rows = await api.query("SELECT s FROM DIGITALTWINS r JOIN s RELATED r.hasSensor WHERE r.$dtId = 'Room-203'");
    api.log('sensors ' + rows.map((x) => x.s.$dtId).sort().join(','));
    await api.publishTelemetry('Sensor-203-T', { reading: 2 });
  } else if (event.data.reading === 2) {
    await api.deleteRelationship('Room-203', 'extra-sensor');
    api.log('deleted');
  }
}`;
    expect(live.upsertFunction({ name: 'rels', code, filter: "type = 'microsoft.iot.telemetry'" }).ok).toBe(true);
    await engine.publishTelemetry('Sensor-101-T', { reading: 1 });
    await until(() => live.log({ kinds: ['function'], text: 'deleted' }).entries.length === 1);
    expect(live.log({ kinds: ['function'], text: 'sensors' }).entries[0]!.message).toBe('sensors Sensor-101-T,Sensor-203-H,Sensor-203-T');
    const rel = await engine.getRelationship('Room-203', 'extra-sensor');
    expect(rel.ok).toBe(false);
    expect(live.listFunctions()[0]!.stats).toMatchObject({ runs: 2, failures: 0 });
  }, 20_000);
});

describe('LiveHost simulator', () => {
  it('drives every twin of a model at its rate, loses nothing, and stops', async () => {
    const { engine, live } = await setup();
    const seen: CloudEvent[] = [];
    engine.subscribe((events) => seen.push(...events.filter((e) => e.type === 'microsoft.iot.telemetry')));
    expect(live.upsertGenerator({ id: 'co2', modelId: 'dtmi:twinscape:demo:Room;1', property: 'co2', mode: 'property', kind: 'randomWalk', params: { value: 600, min: 400, max: 2000, step: 50 }, rateHz: 50 }).ok).toBe(true);
    expect(live.upsertGenerator({ id: 'temp', twinId: 'Sensor-101-T', property: 'reading', mode: 'telemetry', kind: 'constant', params: { value: 19 }, rateHz: 20 }).ok).toBe(true);
    expect(live.upsertGenerator({ id: 'bad', property: 'x', mode: 'property', kind: 'sine', params: {}, rateHz: 1 }).ok).toBe(false);
    const started = await live.startGenerator('co2');
    expect(started.ok && started.value.twins).toBe(6);
    expect((await live.startGenerator('temp')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    live.stopGenerator('co2');
    live.stopGenerator('temp');
    await new Promise((r) => setTimeout(r, 100));
    const [co2, temp] = live.listGenerators();
    expect(co2!.running).toBe(false);
    expect(co2!.generated).toBeGreaterThanOrEqual(6 * 10);
    expect(co2!.applied).toBe(co2!.generated);
    expect(temp!.applied).toBe(temp!.generated);
    expect(seen.length).toBe(temp!.generated);
    expect(seen.every((e) => (e.data as { reading: number }).reading === 19)).toBe(true);
    const room = await twin(engine, 'Room-202');
    expect(room.co2 as number).toBeGreaterThanOrEqual(400);
    // Every update is in the history (the twins' updates are spread over the period: a stop may end mid-round).
    const history = await engine.propertyHistory({ property: 'co2' });
    expect(history.ok && history.value.length).toBe(co2!.generated);
    const gen = co2!.generated;
    await new Promise((r) => setTimeout(r, 100));
    expect(live.listGenerators()[0]!.generated).toBe(gen);
  }, 20_000);
});

describe('LiveHost simulator replay', () => {
  it('replays a twin property\'s recorded history in order, looping, on the target twins; refuses without history', async () => {
    const { engine, live } = await setup();
    for (const v of [18, 19.5, 21]) expect((await engine.patchTwin('Room-101', [{ op: 'replace', path: '/temperature', value: v }])).ok).toBe(true);
    expect(live.upsertGenerator({ id: 'echo', twinId: 'Room-102', property: 'temperature', mode: 'property', kind: 'replay', params: { sourceTwinId: 'Room-101' }, rateHz: 50 }).ok).toBe(true);
    expect((await live.startGenerator('echo')).ok).toBe(true);
    await until(() => live.listGenerators()[0]!.applied >= 7);
    live.stopGenerator('echo');
    await until(() => { const g = live.listGenerators()[0]!; return g.applied === g.generated; });
    const h = await engine.propertyHistory({ twinId: 'Room-102', property: 'temperature' });
    const values = h.ok ? h.value.map((r) => r.Value) : [];
    expect(values.length).toBe(live.listGenerators()[0]!.generated);
    expect(values.slice(0, 7)).toEqual([18, 19.5, 21, 18, 19.5, 21, 18]);

    expect(live.upsertGenerator({ id: 'none', twinId: 'Room-103', property: 'co2', mode: 'property', kind: 'replay', params: {}, rateHz: 1 }).ok).toBe(true);
    const refused = await live.startGenerator('none');
    expect(!refused.ok && refused.error.message).toBe('There is no recorded history of co2 for twin Room-103 to replay.');
    expect(live.listGenerators().find((g) => g.id === 'none')!.running).toBe(false);
  }, 20_000);
});

describe('LiveHost configuration', () => {
  it('restarts the sources that were running: generators, the MQTT connection, a CSV replay at its position', async () => {
    const saved = new Map<string, LiveConfig>();
    const configStore: LiveConfigStore = { load: async (ws) => saved.get(ws) ?? null, save: async (ws, c) => void saved.set(ws, structuredClone(c)) };
    const connects: string[] = [];
    const mqttConnect = async () => (url: string) => {
      connects.push(url);
      return { on: () => undefined, subscribe: () => undefined, end: () => undefined, options: {} };
    };
    const { engine, live } = await setup({ configStore, mqttConnect });
    await live.ready;
    live.upsertGenerator({ id: 'on', twinId: 'Room-101', property: 'co2', mode: 'property', kind: 'constant', params: { value: 700 }, rateHz: 1 });
    live.upsertGenerator({ id: 'off', twinId: 'Room-102', property: 'co2', mode: 'property', kind: 'constant', params: { value: 500 }, rateHz: 1 });
    expect((await live.startGenerator('on')).ok).toBe(true);
    const mappings = [{ topic: 't/+', twinId: '{1}', mode: 'property' as const, values: { temperature: '$.t' } }];
    expect((await live.mqttConnect({ url: 'ws://127.0.0.1:1/mqtt', mappings })).ok).toBe(true);
    // Two rows now, the third a minute later: the replay is under way, at row 3.
    const csv = 'time,twinId,property,value\n0,Room-103,co2,401\n1,Room-103,co2,402\n60000,Room-103,co2,403\n';
    expect(live.startReplay(csv, 1).ok).toBe(true);
    await until(() => saved.get('default')?.replay?.next === 2 && saved.get('default')!.running?.length === 1 && !!saved.get('default')!.mqtt);
    live.dispose();

    const again = new LiveHost(engine, { spawnSandbox: spawnNodeSandbox, broadcast: null, fetch: null, configStore, mqttConnect });
    hosts.push(again);
    await again.ready;
    expect(again.listGenerators().map((g) => [g.id, g.running])).toEqual([['on', true], ['off', false]]);
    expect(connects).toEqual(['ws://127.0.0.1:1/mqtt', 'ws://127.0.0.1:1/mqtt']);
    expect(again.mqttStatus()).toMatchObject({ state: 'connecting', url: 'ws://127.0.0.1:1/mqtt' });
    expect(again.mqttConfig()).toEqual({ url: 'ws://127.0.0.1:1/mqtt', mappings });
    expect(again.replayStatus()).toMatchObject({ running: true, total: 3, sent: 2 });
    expect(again.log({ kinds: ['simulator'], text: 'Restarted after reload' }).entries.map((e) => e.source)).toEqual(['on']);
    // Stopping is kept too: after another restart nothing runs.
    again.stopGenerator('on');
    again.mqttDisconnect();
    again.stopReplay();
    await until(() => saved.get('default')!.running?.length === 0 && !saved.get('default')!.mqtt && !saved.get('default')!.replay);
    again.dispose();
    const third = new LiveHost(engine, { spawnSandbox: spawnNodeSandbox, broadcast: null, fetch: null, configStore, mqttConnect });
    hosts.push(third);
    await third.ready;
    expect(third.listGenerators().every((g) => !g.running)).toBe(true);
    expect(third.mqttStatus().state).toBe('disconnected');
    expect(third.mqttConfig()).toBeNull();
    expect(third.replayStatus().running).toBe(false);
    expect(connects).toHaveLength(2);
  });

  it('keeps routes, webhooks, functions and generators across a restart of the worker', async () => {
    const saved = new Map<string, LiveConfig>();
    const configStore: LiveConfigStore = { load: async (ws) => saved.get(ws) ?? null, save: async (ws, c) => void saved.set(ws, structuredClone(c)) };
    const { engine, live } = await setup({ configStore, fetch: async () => ({ status: 200 }) });
    await live.ready;
    live.upsertWebhook('hook', 'http://127.0.0.1:9/x');
    live.upsertRoute({ id: 'r', endpointName: 'hook', filter: "subject = 'Room-101'" });
    live.loadDemoFunctions();
    live.upsertGenerator({ id: 'g', twinId: 'Room-101', property: 'co2', mode: 'property', kind: 'constant', params: { value: 700 }, rateHz: 1 });
    live.deleteFunction('floor-average');
    await until(() => (saved.get('default')?.generators.length ?? 0) === 1 && saved.get('default')!.functions.length === 1);
    const again = new LiveHost(engine, { spawnSandbox: spawnNodeSandbox, broadcast: null, fetch: async () => ({ status: 200 }), configStore });
    hosts.push(again);
    await again.ready;
    expect(again.listRoutes()).toEqual([{ id: 'r', endpointName: 'hook', filter: "subject = 'Room-101'" }]);
    expect(again.listEndpoints().map((e) => e.name)).toEqual(['event-log', 'broadcast', 'hook']);
    expect(again.listFunctions().map((f) => f.name)).toEqual(['room-comfort']);
    expect(again.listGenerators().map((g) => [g.id, g.params.value, g.running])).toEqual([['g', 700, false]]);
  });
});

