/**
 * The simulator, run inside the engine worker: generators write properties (JSON Patch `add`) or publish
 * telemetry for one twin or for every twin of a model, at a rate in updates per second per twin. Start / stop
 * per generator. Counts what it generated, what the engine accepted and what failed, with the last error.
 * Updates follow the wall clock, not the timer, and the twins of a generator are spread evenly over its period (twin
 * i of N is due at started + (round + i / N) / rate), as real devices are: a round of 1,000 twins is not one burst
 * that every update of it waits behind. Each tick (every TICK_MS at most) generates every update that fell due since
 * the last one — a late tick (the worker was busy committing) catches up — each stamped with its scheduled time as
 * source time, and sends them to the engine as one batch (applyUpdates). A generator more than MAX_BEHIND_S (3 s)
 * behind the clock, or with more than that much of updates still waiting for the engine (backpressure), skips updates
 * and counts them in `skipped` (never silently).
 */
import type { TwinEngine } from '../TwinEngine.ts';
import { err, ok, type Result } from '../types.ts';
import { nextReplayValue, nextValue, type GeneratorKind, type GeneratorParams, type GeneratorState } from './generators.ts';
import { applyUpdates, type LiveUpdate } from './applyUpdates.ts';

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
  /** Updates not generated because the generator fell more than MAX_BEHIND_S behind the clock or the engine. */
  skipped: number;
  lastError: string | null;
}

interface Running {
  timer: ReturnType<typeof setInterval>;
  started: number;
  /** Updates generated or skipped so far; update k (twin k mod N of round k div N) is due at started + k × period / N. */
  next: number;
  twins: string[];
  states: GeneratorState[];
}

const KINDS: GeneratorKind[] = ['randomWalk', 'sine', 'step', 'constant', 'replay'];
/** How far (in seconds of rounds) a generator may fall behind the clock or the engine before it skips rounds. */
export const MAX_BEHIND_S = 3;
/** Time between ticks when updates are due more often: the spread-out updates go to the engine in small, frequent batches. */
export const TICK_MS = 20;

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
    const info: SimGeneratorInfo = { ...g, params: { ...g.params }, running: false, twins: 0, generated: 0, applied: 0, failed: 0, skipped: 0, lastError: null };
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
    const states: GeneratorState[] = twins.map(() => ({ last: null }));
    if (g.kind === 'replay') {
      const loaded = await this.loadSeries(g, twins, states);
      if (!loaded.ok) return loaded;
    }
    g.twins = twins.length;
    const run: Running = { timer: 0 as unknown as ReturnType<typeof setInterval>, started: Date.now(), next: 0, twins, states };
    this.tick(g, run);
    run.timer = setInterval(() => this.tick(g, run), Math.max(TICK_MS, 1000 / g.rateHz / twins.length));
    this.running.set(id, run);
    return ok({ ...g, running: true });
  }

  /** replay: each twin's series is the recorded history of the property (of the source twin when one is set). */
  private async loadSeries(g: SimGeneratorInfo, twins: string[], states: GeneratorState[]): Promise<Result<void>> {
    const cache = new Map<string, unknown[]>();
    for (let i = 0; i < twins.length; i++) {
      const from = g.params.sourceTwinId?.trim() || twins[i]!;
      let series = cache.get(from);
      if (!series) {
        const h = await this.engine.propertyHistory({ twinId: from, property: g.property });
        if (!h.ok) return h;
        series = h.value.filter((row) => row.Action !== 'Delete').map((row) => row.Value);
        if (!series.length) return err('NotFound', `There is no recorded history of ${g.property} for twin ${from} to replay.`);
        cache.set(from, series);
      }
      states[i]!.series = series;
    }
    return ok(undefined);
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
    const n = run.twins.length;
    const stepMs = 1000 / g.rateHz / n;
    const due = Math.floor((Date.now() - run.started) / stepMs) + 1;
    if (due <= run.next) return;
    // At most MAX_BEHIND_S of updates per tick, and at most that much waiting for the engine: past that the engine
    // cannot keep up with this rate, and updates are skipped (counted) rather than queued without end.
    // (A short stall — a GC, a busy machine — is absorbed: its updates go out late, not lost.)
    const maxUpdates = Math.max(1, Math.ceil(g.rateHz * MAX_BEHIND_S)) * n;
    const inFlight = g.generated - g.applied - g.failed;
    const allowed = inFlight > maxUpdates ? 0 : maxUpdates;
    if (due - run.next > allowed) {
      g.skipped += due - allowed - run.next;
      run.next = due - allowed;
    }
    if (due <= run.next) return;
    const updates: LiveUpdate[] = [];
    for (; run.next < due; run.next++) {
      const i = run.next % n;
      const scheduled = run.started + run.next * stepMs;
      const sourceTime = new Date(scheduled).toISOString();
      const state = run.states[i]!;
      let value: unknown;
      if (g.kind === 'replay') value = nextReplayValue(state);
      else {
        // The wave generators see the round's time, so the twins of one round stay in phase with each other.
        const t = Math.floor(run.next / n) / g.rateHz;
        const v = nextValue(g.kind, g.params, state, t, i, this.random);
        state.last = v;
        value = v;
      }
      updates.push({ twinId: run.twins[i]!, mode: g.mode, property: g.property, value, sourceTime });
    }
    g.generated += updates.length;
    void applyUpdates(this.engine, updates).then((r) => {
      g.applied += r.applied;
      g.failed += r.failed.length;
      for (const f of r.failed) {
        if (g.lastError !== f.message) this.onError(g.id, `${f.twinId}: ${f.code}: ${f.message}`);
        g.lastError = f.message;
      }
    });
  }
}
