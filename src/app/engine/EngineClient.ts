/**
 * Owns the engine worker: starts it, wraps it with comlink, watches it, restarts it after a crash.
 * `engine` is a stable proxy: callers keep using it across restarts; a call made while the worker is down
 * waits for the next one to be ready.
 */
import * as Comlink from 'comlink';
import type { EngineWorkerApi, WorkerImportOptions } from '../../engine/EngineWorkerApi.ts';
import type { CancelSignal } from '../../engine/TwinEngine.ts';
import type { CloudEvent } from '../../engine/types.ts';
import { useEngineStore } from './engineStore.ts';

type Remote = Comlink.Remote<EngineWorkerApi>;
type EventsListener = (events: CloudEvent[]) => void;

const WORKSPACE_ID = 'default';
/** A worker that does not answer a ping within this time is considered hung and restarted. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 15_000;

let worker: Worker | null = null;
let remote: Remote | null = null;
let ready: Promise<Remote> | null = null;
let heartbeat: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<EventsListener>();

function createWorker(): Worker {
  return new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module', name: 'twinscape-engine' });
}

// One stats request in flight at a time, plus at most one queued: under a stream of event batches (live data)
// the counts stay current without an RPC per batch.
let statsInFlight: Promise<void> | null = null;
let statsQueued = false;

async function refreshStats(api: Remote): Promise<void> {
  if (statsInFlight) {
    statsQueued = true;
    return statsInFlight;
  }
  statsInFlight = (async () => {
    do {
      statsQueued = false;
      const stats = await api.stats();
      const previous = useEngineStore.getState().stats;
      if (stats.models !== previous.models || stats.twins !== previous.twins || stats.relationships !== previous.relationships) {
        useEngineStore.setState({ stats });
      }
    } while (statsQueued);
  })().finally(() => {
    statsInFlight = null;
  });
  return statsInFlight;
}

function fanOut(events: CloudEvent[]): void {
  for (const listener of listeners) {
    try {
      listener(events);
    } catch (error) {
      console.error('engine event listener failed', error);
    }
  }
}

async function boot(): Promise<Remote> {
  useEngineStore.setState({ status: 'starting', error: null });
  const w = createWorker();
  worker = w;
  const api = Comlink.wrap<EngineWorkerApi>(w);
  w.addEventListener('error', (event) => {
    event.preventDefault();
    crashed(w, event.message || 'the engine worker stopped unexpectedly');
  });
  w.addEventListener('messageerror', () => crashed(w, 'the engine worker sent a message that could not be read'));
  const opened = await api.open(WORKSPACE_ID);
  if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
  const workspaces = await api.listWorkspaces();
  await api.subscribe(
    Comlink.proxy((events: CloudEvent[]) => {
      fanOut(events);
      // Counts change only with creates and deletes, not with the (far more frequent) updates.
      if (events.some((e) => !e.type.endsWith('.Update') && e.type !== 'microsoft.iot.telemetry')) void refreshStats(api).catch(() => undefined);
    }),
  );
  useEngineStore.setState({
    status: 'ready',
    error: null,
    stats: opened.value,
    workspace: workspaces.find((ws) => ws.id === WORKSPACE_ID) ?? null,
  });
  remote = api;
  startHeartbeat(w, api);
  return api;
}

function startHeartbeat(w: Worker, api: Remote): void {
  if (heartbeat) clearInterval(heartbeat);
  heartbeat = setInterval(() => {
    const timer = setTimeout(() => crashed(w, 'the engine worker stopped responding'), HEARTBEAT_TIMEOUT_MS);
    api.ping().then(() => clearTimeout(timer), () => undefined);
  }, HEARTBEAT_MS);
}

function crashed(w: Worker, message: string): void {
  if (w !== worker) return; // an old worker's late error
  useEngineStore.setState((s) => ({ status: 'error', error: message, restarts: s.restarts + 1 }));
  restartEngine();
}

/** Terminates the current worker (if any) and starts a new one on the same workspace. */
export function restartEngine(): Promise<Remote> {
  if (heartbeat) clearInterval(heartbeat);
  heartbeat = null;
  worker?.terminate();
  worker = null;
  remote = null;
  // A request to the old worker never answers; don't let it hold the counts back.
  statsInFlight = null;
  statsQueued = false;
  const previousError = useEngineStore.getState().error;
  ready = boot().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    useEngineStore.setState({ status: 'error', error: message });
    throw error;
  });
  // Keep the crash message visible while the new worker starts.
  if (previousError) useEngineStore.setState({ error: previousError });
  ready.catch(() => undefined);
  return ready;
}

/** Starts the engine once; later calls return the same start. */
export function startEngine(): Promise<Remote> {
  return ready ?? restartEngine();
}

async function current(): Promise<Remote> {
  return remote ?? startEngine();
}

const countChangingMethods = new Set([
  'uploadModels', 'deleteModel', 'decommissionModel', 'importGraph', 'clear', 'open',
  'upsertTwin', 'deleteTwin', 'upsertRelationship', 'deleteRelationship',
]);

/**
 * An AbortSignal cannot cross to the worker: `importGraph(..., { signal })` sends a MessagePort instead (transferred
 * with the call), and aborting the signal posts on it. Returns the arguments to send and a cleanup for after the call.
 */
function wireImportSignal(args: unknown[]): { args: unknown[]; done: () => void } {
  const opts = args[3] as WorkerImportOptions | undefined;
  const signal = opts?.signal as (CancelSignal & Partial<Pick<AbortSignal, 'addEventListener' | 'removeEventListener'>>) | undefined;
  if (!signal) return { args, done: () => undefined };
  const { port1, port2 } = new MessageChannel();
  const abort = () => port1.postMessage('abort');
  let poll: ReturnType<typeof setInterval> | null = null;
  if (signal.aborted) abort();
  else if (typeof signal.addEventListener === 'function') signal.addEventListener('abort', abort, { once: true });
  else poll = setInterval(() => signal.aborted && abort(), 50); // a plain { aborted } token
  const { signal: _local, ...rest } = opts!;
  const wired = [...args];
  wired[3] = Comlink.transfer({ ...rest, abortPort: port2 }, [port2]);
  return {
    args: wired,
    done: () => {
      signal.removeEventListener?.('abort', abort);
      if (poll) clearInterval(poll);
      port1.close();
    },
  };
}

/**
 * The typed engine client: `await engine.getTwin(id)` etc. Every method waits for a ready worker, so a
 * call made during a restart is not lost. `importGraph(text, format, onProgress, { signal })` is cancelled by
 * aborting the signal (an AbortController's): the import stops between chunks and nothing is stored.
 */
export const engine = new Proxy({} as Remote, {
  get(_target, method: string | symbol) {
    if (typeof method !== 'string' || method === 'then') return undefined;
    return async (...args: unknown[]) => {
      const api = await current();
      const fn = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      const wire = method === 'importGraph' ? wireImportSignal(args) : { args, done: () => undefined };
      let result: unknown;
      try {
        result = await fn(...wire.args);
      } finally {
        wire.done();
      }
      // ADT emits no events for model changes (and bulk jobs emit one summary), so the counts the status bar
      // shows are refreshed after every command that can change them, whatever the events say.
      if (countChangingMethods.has(method)) void refreshStats(api).catch(() => undefined);
      return result;
    };
  },
});

/** Subscribes to committed engine events (batches, in commit order). Returns the unsubscribe function. */
export function onEngineEvents(listener: EventsListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
