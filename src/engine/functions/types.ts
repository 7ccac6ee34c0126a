/** A user function: JavaScript written in the app, run in a sandboxed worker for each event its filter matches. */
export interface UserFunction {
  name: string;
  /** Source defining `async function onEvent(event, api) { ... }`. */
  code: string;
  /** ADT event-filter expression selecting the events that trigger it. */
  filter: string;
  enabled: boolean;
  /** Network APIs (fetch, XMLHttpRequest, WebSocket, ...) are removed from the sandbox unless this is true. */
  allowNetwork: boolean;
  /** Time limit per call; the sandbox is terminated past it. */
  timeoutMs: number;
}

export interface FunctionStats {
  runs: number;
  failures: number;
  timeouts: number;
  dropped: number;
  lastDurationMs: number | null;
}

/** Messages between the host (engine worker) and a sandbox. */
export type ToSandbox =
  | { t: 'call'; callId: number; event: unknown }
  | { t: 'apiResult'; reqId: number; ok: boolean; value?: unknown; error?: string };

export type FromSandbox =
  | { t: 'ready' }
  | { t: 'api'; callId: number; reqId: number; method: string; args: unknown[] }
  | { t: 'log'; callId: number; level: 'info' | 'warn' | 'error'; message: string }
  | { t: 'done'; callId: number; error?: string };

/** What the runner needs of a worker: a dedicated Worker in browsers, worker_threads in Node tests. */
export interface SandboxPort {
  postMessage(message: ToSandbox): void;
  onmessage: ((ev: { data: FromSandbox }) => void) | null;
  onerror: ((ev: { message?: string; lineno?: number; preventDefault?: () => void }) => void) | null;
  terminate(): void;
}

export type SpawnSandbox = (source: string, name: string) => SandboxPort;

export const DEFAULT_TIMEOUT_MS = 1000;
export const MAX_DEPTH = 8;
