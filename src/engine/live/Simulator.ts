/**
 * The simulator, run inside the engine worker: generators write properties (JSON Patch `add`) or publish
 * telemetry for one twin or for every twin of a model, at a rate in updates per second per twin. Start / stop
 * per generator. Counts what it generated, what the engine accepted and what failed, with the last error.
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type Result } from '../types.ts';
import { nextValue, type GeneratorKind, type GeneratorParams, type GeneratorState } from './generators.ts';

export interface SimGenerator {
  id: string;
  /** Exactly one of twinId / modelId. */
  twinId?: string;
  modelId?: string;
  property: string;
  mode: 'property' | 'telemetry';
  kind: GeneratorKind;
  params: GeneratorParams;
  /** Updates per second per twin (0.1 .. 100). */
  rateHz: number;
}

export interface SimGeneratorInfo extends SimGenerator {
  running: boolean;
  twins: number;
  generated: number;
  applied: number;
  failed: number;
  lastError: string | null;
}

interface Running {
  timer: ReturnType<typeof setInterval>;
  started: number;
  twins: string[];
  states: GeneratorState[];
}

const KINDS: GeneratorKind[] = ['randomWalk', 'sine', 'step', 'constant'];

export class Simulator {
  private gens = new Map<string, SimGeneratorInfo>();
  private running = new Map<string, Running>();

  constructor(
    private engine: TwinEngine,
    private onError: (generatorId: string, message: string) => void,
    private random: () => number = Math.random,
  ) {}

  list(): SimGeneratorInfo[] {
    return [...this.gens.values()].map((g) => ({ ...g, running: this.running.has(g.id) }));
  }

  upsert(g: SimGenerator): Result<SimGeneratorInfo> {
    if (typeof g.id !== 'string' || !g.id.trim()) return err('InvalidArgument', 'A generator needs an id.');
    if (!!g.twinId === !!g.modelId) return err('InvalidArgument', 'A generator targets either one twin or every twin of one model.');
    if (typeof g.property !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(g.property)) return err('InvalidArgument', 'A generator needs a property or telemetry name.');
    if (!KINDS.includes(g.kind)) return err('InvalidArgument', `The generator kind is one of ${KINDS.join(', ')}.`);
    if (g.mode !== 'property' && g.mode !== 'telemetry') return err('InvalidArgument', "The mode is 'property' or 'telemetry'.");
    if (!(g.rateHz >= 0.1 && g.rateHz <= 100)) return err('InvalidArgument', 'The rate is between 0.1 and 100 updates per second.');
    const was = this.running.has(g.id);
    if (was) this.stop(g.id);
    const info: SimGeneratorInfo = { ...g, params: { ...g.params }, running: false, twins: 0, generated: 0, applied: 0, failed: 0, lastError: null };
    this.gens.set(g.id, info);
    return ok({ ...info });
  }

  delete(id: string): Result<void> {
    if (!this.gens.has(id)) return err('NotFound', `There is no generator ${id}.`);
    this.stop(id);
    this.gens.delete(id);
    return ok(undefined);
  }

  async start(id: string): Promise<Result<SimGeneratorInfo>> {
    const g = this.gens.get(id);
    if (!g) return err('NotFound', `There is no generator ${id}.`);
    if (this.running.has(id)) return ok({ ...g, running: true });
    let twins: string[];
    if (g.twinId) {
      const t = await this.engine.getTwin(g.twinId);
      if (!t.ok) return t;
      twins = [g.twinId];
    } else {
      const q = `SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, '${g.modelId!.replace(/'/g, "\\'")}')`;
      twins = [];
      let token: string | null = null;
      do {
        const page = await this.engine.query(q, { continuationToken: token, pageSize: 1000 });
        if (!page.ok) return page;
        for (const row of page.value.value as Array<{ $dtId: string }>) twins.push(row.$dtId);
        token = page.value.continuationToken;
      } while (token);
      if (!twins.length) return err('DigitalTwinNotFound', `No twin is of the model ${g.modelId}.`);
    }
    g.twins = twins.length;
    const run: Running = { timer: 0 as unknown as ReturnType<typeof setInterval>, started: Date.now(), twins, states: twins.map(() => ({ last: null })) };
    run.timer = setInterval(() => this.tick(g, run), 1000 / g.rateHz);
    this.running.set(id, run);
    return ok({ ...g, running: true });
  }

  stop(id: string): boolean {
    const r = this.running.get(id);
    if (!r) return false;
    clearInterval(r.timer);
    this.running.delete(id);
    return true;
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  private tick(g: SimGeneratorInfo, run: Running): void {
    const t = (Date.now() - run.started) / 1000;
    for (let i = 0; i < run.twins.length; i++) {
      const value = nextValue(g.kind, g.params, run.states[i]!, t, i, this.random);
      run.states[i]!.last = value;
      g.generated++;
      const id = run.twins[i]!;
      const p = g.mode === 'property'
        ? this.engine.patchTwin(id, [{ op: 'add', path: `/${g.property}`, value }])
        : this.engine.publishTelemetry(id, { [g.property]: value });
      void (p as Promise<Result<unknown>>).then((r) => {
        if (r.ok) {
          g.applied++;
          return;
        }
        g.failed++;
        if (g.lastError !== r.error.message) this.onError(g.id, `${id}: ${r.error.code}: ${r.error.message}`);
        g.lastError = r.error.message;
      });
    }
  }
}
