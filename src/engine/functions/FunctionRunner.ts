/**
 * Runs one user function: keeps its sandbox worker, feeds it the events its filter matched one call at a time
 * (a bounded queue), answers its engine API requests through `handleApi`, and enforces the time limit per call:
 * past it the worker is terminated, the failure logged, and a fresh worker started for the next call.
 */
import { sandboxSource } from './sandboxSource.ts';
import type { FromSandbox, FunctionStats, SandboxPort, SpawnSandbox, UserFunction } from './types.ts';

export type ApiHandler = (method: string, args: unknown[], depth: number) => Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
export type FunctionLog = (level: 'info' | 'warn' | 'error', message: string) => void;

const MAX_QUEUE = 1000;

interface Job {
  event: unknown;
  depth: number;
}

export class FunctionRunner {
  readonly stats: FunctionStats = { runs: 0, failures: 0, timeouts: 0, dropped: 0, lastDurationMs: null };
  private port: SandboxPort | null = null;
  private ready: Promise<string | null> | null = null;
  private queue: Job[] = [];
  private busy = false;
  private callId = 0;
  private disposed = false;

  constructor(
    readonly fn: UserFunction,
    private spawn: SpawnSandbox,
    private handleApi: ApiHandler,
    private log: FunctionLog,
  ) {}

  enqueue(event: unknown, depth: number): void {
    if (this.disposed) return;
    if (this.queue.length >= MAX_QUEUE) {
      if (this.stats.dropped++ === 0) this.log('warn', `More than ${MAX_QUEUE} events wait for this function; further events are dropped and counted.`);
      return;
    }
    this.queue.push({ event, depth });
    if (!this.busy) void this.drain();
  }

  /** Resolves when the queue is empty (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.busy || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
    this.kill();
  }

  private kill(): void {
    this.port?.terminate();
    this.port = null;
    this.ready = null;
  }

  /** Starts the sandbox; resolves to null when ready or to the load error (e.g. a syntax error). */
  private start(): Promise<string | null> {
    const { source, lineOffset } = sandboxSource(this.fn.code, this.fn.allowNetwork);
    const port = this.spawn(source, this.fn.name);
    this.port = port;
    this.ready = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(`The function's worker did not start within ${Math.max(this.fn.timeoutMs, 5000)} ms.`), Math.max(this.fn.timeoutMs, 5000));
      port.onerror = (ev) => {
        ev.preventDefault?.();
        clearTimeout(timer);
        const line = typeof ev.lineno === 'number' && ev.lineno > lineOffset ? ` (line ${ev.lineno - lineOffset})` : '';
        resolve(`${ev.message ?? 'The function failed to load'}${line}`);
      };
      port.onmessage = (ev) => {
        if (ev.data.t === 'ready') {
          clearTimeout(timer);
          resolve(null);
        }
      };
    });
    return this.ready;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length && !this.disposed) await this.runOne(this.queue.shift()!);
    } finally {
      this.busy = false;
    }
  }

  private async runOne(job: Job): Promise<void> {
    const loadError = await (this.ready ?? this.start());
    if (this.disposed) return;
    if (loadError) {
      this.stats.failures++;
      this.log('error', `Could not load: ${loadError}`);
      this.kill();
      return;
    }
    const port = this.port!;
    const callId = ++this.callId;
    const started = performance.now();
    this.stats.runs++;
    const outcome = await new Promise<{ kind: 'done'; error?: string } | { kind: 'timeout' } | { kind: 'crash'; message: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), this.fn.timeoutMs);
      port.onerror = (ev) => {
        ev.preventDefault?.();
        clearTimeout(timer);
        resolve({ kind: 'crash', message: ev.message ?? 'uncaught error' });
      };
      port.onmessage = (ev) => {
        const m: FromSandbox = ev.data;
        if (m.t === 'done' && m.callId === callId) {
          clearTimeout(timer);
          resolve(m.error === undefined ? { kind: 'done' } : { kind: 'done', error: m.error });
        } else if (m.t === 'log') {
          this.log(m.level, m.message);
        } else if (m.t === 'api') {
          if (m.callId !== callId) {
            port.postMessage({ t: 'apiResult', reqId: m.reqId, ok: false, error: 'This call has already finished.' });
            return;
          }
          void this.handleApi(m.method, Array.isArray(m.args) ? m.args : [], job.depth).then((r) => {
            if (this.port !== port) return;
            port.postMessage(r.ok ? { t: 'apiResult', reqId: m.reqId, ok: true, value: r.value } : { t: 'apiResult', reqId: m.reqId, ok: false, error: r.error });
          });
        }
      };
      port.postMessage({ t: 'call', callId, event: job.event });
    });
    this.stats.lastDurationMs = Math.round(performance.now() - started);
    if (outcome.kind === 'timeout') {
      this.stats.timeouts++;
      this.stats.failures++;
      this.kill();
      this.log('error', `Timed out: the call ran longer than ${this.fn.timeoutMs} ms; its worker was terminated (a fresh one runs the next event).`);
    } else if (outcome.kind === 'crash') {
      this.stats.failures++;
      this.kill();
      this.log('error', `Crashed: ${outcome.message}`);
    } else if (outcome.error !== undefined) {
      this.stats.failures++;
      this.log('error', `Failed: ${outcome.error}`);
    }
  }
}
