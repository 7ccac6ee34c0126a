/**
 * The user functions of a workspace: their definitions, compiled trigger filters and runners, and the function
 * API mapped onto the public TwinEngine. Cycle control: an engine change a function makes at depth d is
 * expected back as an event at depth d + 1 (matched by twin / relationship key, in order); events past
 * MAX_DEPTH trigger no function and leave a log entry instead.
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type CloudEvent, type JsonPatchOp, type Result } from '../types.ts';
import { compileFilter, type EventPredicate } from '../routes/filter/index.ts';
import { eventTwinId } from '../live/LiveLog.ts';
import { FunctionRunner, type FunctionLog } from './FunctionRunner.ts';
import { findDynamicImport } from './findDynamicImport.ts';
import { DEFAULT_TIMEOUT_MS, MAX_DEPTH, type FunctionStats, type SpawnSandbox, type UserFunction } from './types.ts';

export interface FunctionInfo extends UserFunction {
  stats: FunctionStats;
}

interface Entry {
  fn: UserFunction;
  predicate: EventPredicate;
  runner: FunctionRunner;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export class FunctionHost {
  private entries = new Map<string, Entry>();
  /** Expected depth of the next events per twin / relationship key, in commit order. */
  private expected = new Map<string, number[]>();

  constructor(
    private engine: TwinEngine,
    private spawn: SpawnSandbox | null,
    private log: (name: string, level: 'info' | 'warn' | 'error', message: string) => void,
    readonly maxDepth = MAX_DEPTH,
  ) {}

  list(): FunctionInfo[] {
    return [...this.entries.values()].map((e) => ({ ...e.fn, stats: { ...e.runner.stats } }));
  }

  upsert(input: Partial<UserFunction> & { name: string; code: string; filter: string }): Result<FunctionInfo> {
    if (!NAME.test(input.name ?? '')) return err('InvalidArgument', 'A function name starts with a letter and has only letters, digits, - and _ (at most 64).');
    if (typeof input.code !== 'string') return err('InvalidArgument', 'A function needs code.');
    const compiled = compileFilter(input.filter);
    if (!compiled.ok) return compiled;
    if (!this.spawn) return err('OperationNotAllowed', 'User functions need Web Workers, which this environment does not have.');
    if (!(input.allowNetwork ?? false)) {
      const at = findDynamicImport(input.code);
      if (at) {
        return err('InvalidArgument', `Line ${at.line}, column ${at.column}: import() is not allowed in a function without network access (it would load code from a URL). Remove it, or allow network for this function.`);
      }
    }
    const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs < 10 || timeoutMs > 60_000) return err('InvalidArgument', 'The time limit is between 10 ms and 60 s.');
    const fn: UserFunction = {
      name: input.name, code: input.code, filter: input.filter, enabled: input.enabled ?? true, allowNetwork: input.allowNetwork ?? false, timeoutMs,
    };
    this.entries.get(fn.name)?.runner.dispose();
    const runner = new FunctionRunner(fn, this.spawn, (m, a, d) => this.api(m, a, d), this.logFor(fn.name));
    this.entries.set(fn.name, { fn, predicate: compiled.value, runner });
    return ok({ ...fn, stats: { ...runner.stats } });
  }

  delete(name: string): Result<void> {
    const e = this.entries.get(name);
    if (!e) return err('NotFound', `There is no function named ${name}.`);
    e.runner.dispose();
    this.entries.delete(name);
    return ok(undefined);
  }

  dispose(): void {
    for (const e of this.entries.values()) e.runner.dispose();
    this.entries.clear();
  }

  async idle(): Promise<void> {
    for (const e of this.entries.values()) await e.runner.idle();
  }

  /** Called for every committed event: finds its depth, then queues it on every enabled function it matches. */
  dispatch(event: CloudEvent): void {
    const depth = this.takeDepth(event);
    if (!this.entries.size) return;
    for (const e of this.entries.values()) {
      if (!e.fn.enabled || !e.predicate(event)) continue;
      if (depth >= this.maxDepth) {
        this.log(e.fn.name, 'warn', `Cycle stopped: ${event.type} on ${eventTwinId(event)} is ${depth} function updates deep (limit ${this.maxDepth}); the function was not called.`);
        continue;
      }
      e.runner.enqueue(event, depth);
    }
  }

  private logFor(name: string): FunctionLog {
    return (level, message) => this.log(name, level, message);
  }

  private key(method: string, args: unknown[]): string | null {
    if (method === 'patchTwin' || method === 'publishTelemetry') return String(args[0]);
    if (method === 'createRelationship' || method === 'deleteRelationship') return `${String(args[0])}/relationships/${String(args[1])}`;
    return null;
  }

  private takeDepth(event: CloudEvent): number {
    const k = eventTwinId(event);
    const q = this.expected.get(k);
    if (!q) return 0;
    const d = q.shift()!;
    if (!q.length) this.expected.delete(k);
    return d;
  }

  private expect(key: string, depth: number): () => void {
    let q = this.expected.get(key);
    if (!q) this.expected.set(key, (q = []));
    q.push(depth);
    return () => {
      const list = this.expected.get(key);
      const at = list ? list.indexOf(depth) : -1;
      if (list && at >= 0) list.splice(at, 1);
      if (list && !list.length) this.expected.delete(key);
    };
  }

  /** The function API over the public engine interface; values are JSON, errors are `Code: message` strings. */
  private async api(method: string, args: unknown[], depth: number): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
    const key = this.key(method, args);
    // Registered before the call: the engine may emit the event before the call resolves.
    const undo = key ? this.expect(key, depth + 1) : null;
    let r: Result<unknown>;
    try {
      r = await this.call(method, args);
    } catch (e) {
      r = err('BadRequest', e instanceof Error ? e.message : String(e));
    }
    if (!r.ok) {
      undo?.();
      return { ok: false, error: `${r.error.code}: ${r.error.message}` };
    }
    return { ok: true, value: r.value };
  }

  private async call(method: string, a: unknown[]): Promise<Result<unknown>> {
    const str = (v: unknown, what: string): string => {
      if (typeof v !== 'string' || !v) throw new Error(`${method} needs ${what} (a string).`);
      return v;
    };
    switch (method) {
      case 'getTwin':
        return this.engine.getTwin(str(a[0], 'a twin id'));
      case 'query': {
        const rows: unknown[] = [];
        let token: string | null = null;
        do {
          const page = await this.engine.query(str(a[0], 'a query'), { continuationToken: token });
          if (!page.ok) return page;
          rows.push(...page.value.value);
          token = page.value.continuationToken;
        } while (token && rows.length < 10_000);
        return ok(rows);
      }
      case 'patchTwin':
        if (!Array.isArray(a[1])) throw new Error('patchTwin needs a JSON Patch array.');
        return this.engine.patchTwin(str(a[0], 'a twin id'), a[1] as JsonPatchOp[]);
      case 'createRelationship':
        return this.engine.upsertRelationship(str(a[0], 'a source twin id'), str(a[1], 'a relationship id'), {
          ...(a[4] && typeof a[4] === 'object' ? (a[4] as Record<string, unknown>) : {}),
          $targetId: str(a[2], 'a target twin id'),
          $relationshipName: str(a[3], 'a relationship name'),
        });
      case 'deleteRelationship':
        return this.engine.deleteRelationship(str(a[0], 'a source twin id'), str(a[1], 'a relationship id'));
      case 'publishTelemetry':
        return this.engine.publishTelemetry(str(a[0], 'a twin id'), a[1]);
      default:
        return err('BadRequest', `The function API has no method ${method}.`);
    }
  }
}
