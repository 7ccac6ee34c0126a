/**
 * LocalEngine: the TwinEngine over an in-memory graph persisted through a Store (Dexie in the worker, memory or
 * fake-indexeddb in Node). Commands run one after another; commands that arrive while a transaction is in flight are
 * batched into the next transaction (group commit), each still all-or-nothing for the caller: a failing command
 * changes nothing, and when a transaction fails every command in it fails with StorageError and memory is rolled
 * back. Reads see the graph as of the last applied command.
 * Several tabs: the store checks the etags the commands were validated against; on a mismatch (another tab wrote
 * first) the changed records are reloaded and the batch re-runs, so If-Match and patches of different properties
 * behave as on one server.
 */
import type { HistoryExportQuery, HistoryQuery, ImportOptions, ImportReport, GraphFormat, PropertyEvent, TwinEngine } from './TwinEngine.ts';
import {
  err, ok, type CloudEvent, type Dtmi, type EngineStats, type Etag, type IncomingRelationship, type JsonPatchOp, type ModelData,
  type Progress, type QueryPage, type Relationship, type RelationshipId, type Result, type Twin, type TwinId,
} from './types.ts';
import { GraphState } from './graph/GraphState.ts';
import { ModelRegistry } from './model/ModelRegistry.ts';
import { EventBus } from './events/EventBus.ts';
import { cloudEvent } from './events/cloudEvent.ts';
import { CommandTx } from './commands/CommandTx.ts';
import type { EngineContext } from './commands/EngineContext.ts';
import { ADT_LIMITS, type Limits } from './limits.ts';
import type { HistoryRow, RelationshipKey, Store } from './storage/Store.ts';
import { historyToText, isHistoryTable } from './io/historyExport.ts';
import { relKey } from './storage/Store.ts';
import { adtNow, canonicalIso } from './util/time.ts';
import { cloneJson } from './util/clone.ts';
import * as twins from './commands/twinCommands.ts';
import * as rels from './commands/relationshipCommands.ts';
import * as models from './commands/modelCommands.ts';
import { componentNotFound, importCancelled, twinNotFound } from './commands/errors.ts';
import { CommitCancelled } from './storage/CommitCancelled.ts';
import { importGraphCommand, prepareImport } from './io/importGraph.ts';
import { exportGraph } from './io/exportGraph.ts';
import { componentNames } from './commands/twinDocument.ts';
import { uuid } from './util/uuid.ts';
import { executeQuery, explainQuery } from './query/index.ts';

export interface LocalEngineOptions {
  store: Store;
  limits?: Partial<Limits>;
  /** CloudEvent `source` / history `ServiceId`; default `twinscape.local`. */
  serviceId?: string;
  /** Append property updates and lifecycle changes to history (default true). */
  history?: boolean;
  /** History older than this many days is pruned at open and hourly (default 30; 0 keeps everything). */
  historyRetentionDays?: number;
  /** Called after every committed transaction (the worker broadcasts it to other tabs). */
  onCommitted?: (change: CommittedChange) => void;
  /** Clock (tests). */
  now?: () => string;
  /**
   * Graphs with at least this many twins + relationships are also saved as a snapshot (a few JSON chunks) after
   * changes settle, so that the next cold start reads it instead of every record. Default 20,000; 0 disables.
   */
  snapshotThreshold?: number;
  /** Quiet time after the last commit before the snapshot is written (default 3 s; bulk imports: at once). */
  snapshotDelayMs?: number;
}

/** What a commit changed, for other tabs: they reload these records (or everything) from storage. */
export interface CommittedChange {
  twins: TwinId[];
  relationships: Array<[TwinId, RelationshipId]>;
  models: boolean;
  reloadAll: boolean;
  events: CloudEvent[];
}

type Exec<T> = (tx: CommandTx) => Result<T> | Promise<Result<T>>;
interface Pending {
  exec: Exec<unknown>;
  /** Runs in a batch of its own (bulk commands: their rollback reloads the graph). */
  alone?: boolean;
  resolve: (r: Result<unknown>) => void;
}
interface Exclusive {
  exclusive: () => Promise<void>;
  resolve: () => void;
}

const MAX_BATCH = 5000;
const MAX_RETRIES = 8;
const SNAPSHOT_MIN_INTERVAL_MS = 60_000;

export class LocalEngine implements TwinEngine {
  readonly graph = new GraphState(ModelRegistry.empty());
  readonly store: Store;
  readonly ctx: EngineContext;
  private bus = new EventBus();
  private queue: Array<Pending | Exclusive> = [];
  private draining = false;
  private drainScheduled = false;
  private opts: LocalEngineOptions;
  private loaded = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshotAt = 0;
  /** Set while a bulk command runs: reads wait for it, so they never see half an import. */
  private bulkGate: Promise<void> | null = null;

  /** Resolves when no bulk command is half applied to memory. */
  private async readable(): Promise<void> {
    while (this.bulkGate) await this.bulkGate;
  }

  constructor(opts: LocalEngineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.ctx = {
      graph: this.graph,
      limits: { ...ADT_LIMITS, ...opts.limits },
      serviceId: opts.serviceId ?? 'twinscape.local',
      historyEnabled: opts.history ?? true,
      now: opts.now ?? adtNow,
    };
  }

  /** Loads the stored graph into memory. Resolves when queries can run. */
  async open(): Promise<Result<EngineStats>> {
    try {
      await this.reloadAll();
      this.loaded = true;
      await this.pruneHistory();
      return ok(await this.stats());
    } catch (e) {
      return err('StorageError', `Opening the workspace failed: ${message(e)}`);
    }
  }

  private async reloadAll(): Promise<void> {
    const snap = await this.store.load();
    const built = await ModelRegistry.build(snap.models);
    // Stored models always parsed once; if the parser got stricter, keep the twins readable without the model.
    this.graph.setModels(built.ok ? built.registry : ModelRegistry.empty());
    this.graph.load(snap.twins, snap.relationships);
  }

  private async pruneHistory(): Promise<void> {
    const days = this.opts.historyRetentionDays ?? 30;
    if (days > 0) await this.store.pruneHistory(canonicalIso(new Date(Date.now() - days * 86_400_000).toISOString())!);
  }

  async close(): Promise<void> {
    await this.idle();
    await this.flushSnapshot().catch(() => undefined);
    await this.store.close();
  }

  /** Resolves when every queued command has committed. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ exclusive: async () => {}, resolve });
      this.scheduleDrain();
    });
  }

  // ---------------------------------------------------------------- command pipeline

  private run<T>(exec: Exec<T>, alone = false): Promise<Result<T>> {
    return new Promise((resolve) => {
      this.queue.push({ exec: exec as Exec<unknown>, resolve: resolve as (r: Result<unknown>) => void, alone });
      this.scheduleDrain();
    });
  }

  /** Runs `fn` alone (no command in flight), e.g. applying another tab's changes. */
  private exclusive(fn: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ exclusive: fn, resolve });
      this.scheduleDrain();
    });
  }

  /**
   * Starts the drain in a microtask, not at once: commands issued together (a simulator tick's 1,000 patches, each
   * reaching the engine a few microtasks after the call) are all queued by then and commit as one transaction,
   * instead of the first alone and the rest in a second one.
   */
  private scheduleDrain(): void {
    if (this.draining || this.drainScheduled) return;
    this.drainScheduled = true;
    queueMicrotask(() => {
      this.drainScheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length) {
        const head = this.queue[0];
        if ('exclusive' in head) {
          this.queue.shift();
          try {
            await head.exclusive();
          } finally {
            head.resolve();
          }
          continue;
        }
        let n = 0;
        if ((head as Pending).alone) n = 1;
        else while (n < this.queue.length && n < MAX_BATCH && !('exclusive' in this.queue[n]) && !(this.queue[n] as Pending).alone) n++;
        const items = this.queue.splice(0, n) as Pending[];
        if (!(items[0] as Pending).alone) {
          await this.runBatch(items);
          continue;
        }
        // A bulk command (import) applies itself to memory step by step and yields on the way: reads wait for its end.
        let release = () => {};
        this.bulkGate = new Promise<void>((r) => (release = r));
        try {
          await this.runBatch(items);
        } finally {
          this.bulkGate = null;
          release();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(items: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const batch = new CommandTx(this.graph);
      const results: Array<Result<unknown>> = [];
      for (const item of items) {
        const tx = new CommandTx(this.graph);
        let r: Result<unknown>;
        try {
          r = await item.exec(tx);
        } catch (e) {
          r = err('InternalError', `Unexpected engine failure: ${message(e)}`);
        }
        if (r.ok) batch.merge(tx);
        else if (tx.rollback()) await this.reloadAll();
        results.push(r);
      }
      if (batch.empty) {
        items.forEach((it, i) => it.resolve(results[i]));
        return;
      }
      let outcome;
      try {
        outcome = await this.store.commit(batch.toChangeSet(), batch.onCommitProgress, batch.signal);
      } catch (e) {
        if (batch.rollback()) await this.reloadAll();
        const fail = e instanceof CommitCancelled ? importCancelled() : err('StorageError', `The change was not saved (nothing was written): ${message(e)}`);
        items.forEach((it, i) => it.resolve(results[i].ok ? fail : results[i]));
        return;
      }
      if (!outcome.ok) {
        if (batch.rollback()) await this.reloadAll();
        if (attempt >= MAX_RETRIES) {
          const fail = err('PreconditionFailed', 'The records changed in another tab while this change was being saved, repeatedly; nothing was written. Retry.');
          items.forEach((it, i) => it.resolve(results[i].ok ? fail : results[i]));
          return;
        }
        await this.reloadRecords(outcome.conflicts.twins, outcome.conflicts.relationships);
        continue;
      }
      this.bus.emit(batch.events);
      items.forEach((it, i) => it.resolve(results[i]));
      this.scheduleSnapshot(batch.reloadAll);
      this.opts.onCommitted?.({
        twins: [...batch.twins.keys()],
        relationships: [...batch.rels.values()].map((v) => [v.s, v.r]),
        models: batch.models.size > 0,
        reloadAll: batch.reloadAll,
        events: batch.events,
      });
      return;
    }
  }

  private scheduleSnapshot(soon: boolean): void {
    const threshold = this.opts.snapshotThreshold ?? 20_000;
    if (!this.store.saveSnapshot || threshold <= 0) return;
    if (this.graph.twinCount() + this.graph.relationshipCount() < threshold) return;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    // Steady small edits on a big graph must not rewrite the snapshot every few seconds: at most once a minute.
    const quiet = this.opts.snapshotDelayMs ?? 3000;
    const delay = soon ? 0 : Math.max(quiet, this.lastSnapshotAt + SNAPSHOT_MIN_INTERVAL_MS - Date.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      this.lastSnapshotAt = Date.now();
      this.snapshotting = this.exclusive(async () => {
        try {
          await this.store.saveSnapshot!([...this.graph.twins()], [...this.graph.relationships()]);
        } catch (_e) {
          // A snapshot is an optimisation: the records stay the source of truth.
        }
      }).finally(() => (this.snapshotting = null));
    }, delay);
  }

  /** Resolves when a scheduled snapshot (if any) has been written (tests, bench). */
  async flushSnapshot(): Promise<void> {
    if (this.snapshotTimer) {
      clearTimeout(this.snapshotTimer);
      this.snapshotTimer = null;
      this.snapshotting = this.exclusive(async () => {
        await this.store.saveSnapshot?.([...this.graph.twins()], [...this.graph.relationships()]);
      });
    }
    await this.snapshotting;
  }

  /** Reads records again from storage into memory (conflicts, other tabs' commits). */
  private async reloadRecords(twinIds: TwinId[], relKeys: ReadonlyArray<RelationshipKey>): Promise<void> {
    const [ts, rs] = await Promise.all([this.store.getTwins(twinIds), this.store.getRelationships([...relKeys])]);
    twinIds.forEach((id, i) => {
      const t = ts[i];
      if (t) this.graph.putTwin(t);
      else this.graph.deleteTwin(id);
    });
    relKeys.forEach(([s, r], i) => {
      const rel = rs[i];
      if (rel) this.graph.putRelationship(rel);
      else this.graph.deleteRelationship(s, r);
    });
  }

  /** Applies a change committed by another tab: reloads what it touched, then forwards its events. */
  applyExternalChange(change: CommittedChange): Promise<void> {
    return this.exclusive(async () => {
      if (!this.loaded) return;
      if (change.reloadAll) await this.reloadAll();
      else {
        if (change.models) {
          const built = await ModelRegistry.build(await this.store.getModels());
          if (built.ok) this.graph.setModels(built.registry);
        }
        await this.reloadRecords(change.twins, change.relationships);
      }
      this.bus.emit(change.events);
    });
  }

  // ---------------------------------------------------------------- TwinEngine

  async stats(): Promise<EngineStats> {
    await this.readable();
    return { models: this.graph.models.size, twins: this.graph.twinCount(), relationships: this.graph.relationshipCount() };
  }

  uploadModels(list: unknown[]): Promise<Result<ModelData[]>> {
    return this.run(async (tx) => {
      const prep = await models.prepareModels(this.ctx, list);
      if (!prep.ok) return prep;
      return ok(models.commitModels(tx, prep.value.registry, prep.value.added));
    });
  }

  async listModels(opts: { includeModelDefinition?: boolean; dependenciesFor?: Dtmi[] } = {}): Promise<Result<ModelData[]>> {
    await this.readable();
    const reg = this.graph.models;
    let ids = reg.all().map((m) => m.id);
    if (opts.dependenciesFor?.length) {
      const missing = opts.dependenciesFor.filter((d) => !reg.get(d));
      if (missing.length) return err('ModelNotFound', `There is no Model(s) available that matches the provided id(s) ${missing.join(', ')}. Check that the Model ID provided is valid by doing a Model_List API call.`);
      const closure = reg.dependencyClosure(opts.dependenciesFor);
      ids = ids.filter((id) => closure.has(id));
    }
    return ok(ids.map((id) => reg.modelData(id, opts.includeModelDefinition ?? false)!));
  }

  async getModel(id: Dtmi, opts: { includeModelDefinition?: boolean } = {}): Promise<Result<ModelData>> {
    await this.readable();
    const d = this.graph.models.modelData(id, opts.includeModelDefinition ?? false);
    return d ? ok(cloneJson(d)) : err('ModelNotFound', `There is no Model(s) available that matches the provided id(s) ${id}. Check that the Model ID provided is valid by doing a Model_List API call.`);
  }

  decommissionModel(id: Dtmi): Promise<Result<void>> {
    return this.run((tx) => models.decommissionModel(this.ctx, tx, id));
  }

  deleteModel(id: Dtmi): Promise<Result<void>> {
    return this.run(async (tx) => {
      const prep = await models.prepareDeleteModel(this.ctx, id);
      if (!prep.ok) return prep;
      tx.setModels(prep.value, [], [id]);
      return ok(undefined);
    });
  }

  upsertTwin(id: TwinId, twin: Record<string, unknown>, opts: { ifNoneMatch?: '*' } = {}): Promise<Result<Twin>> {
    // Copy the caller's object: the graph keeps what it stores (in-process callers could mutate theirs later).
    const body = cloneJson(twin);
    return this.run((tx) => twins.upsertTwin(this.ctx, tx, id, body, opts)).then(cloneResult);
  }

  async getTwin(id: TwinId): Promise<Result<Twin>> {
    await this.readable();
    const t = this.graph.twin(id);
    return t ? ok(cloneJson(t)) : twinNotFound(id);
  }

  patchTwin(id: TwinId, patch: JsonPatchOp[], opts: { ifMatch?: Etag | '*' } = {}): Promise<Result<Twin>> {
    return this.run((tx) => twins.patchTwin(this.ctx, tx, id, patch, opts)).then(cloneResult);
  }

  deleteTwin(id: TwinId, opts: { ifMatch?: Etag | '*' } = {}): Promise<Result<void>> {
    return this.run((tx) => twins.deleteTwin(this.ctx, tx, id, opts));
  }

  async getComponent(id: TwinId, component: string): Promise<Result<Record<string, unknown>>> {
    await this.readable();
    return twins.getComponent(this.ctx, id, component);
  }

  patchComponent(id: TwinId, component: string, patch: JsonPatchOp[], opts: { ifMatch?: Etag | '*' } = {}): Promise<Result<Twin>> {
    return this.run((tx) => twins.patchTwin(this.ctx, tx, id, patch, opts, component)).then(cloneResult);
  }

  upsertRelationship(sourceId: TwinId, relationshipId: RelationshipId, relationship: Record<string, unknown>, opts: { ifNoneMatch?: '*' } = {}): Promise<Result<Relationship>> {
    const body = cloneJson(relationship);
    return this.run((tx) => rels.upsertRelationship(this.ctx, tx, sourceId, relationshipId, body, opts)).then(cloneResult);
  }

  async getRelationship(sourceId: TwinId, relationshipId: RelationshipId): Promise<Result<Relationship>> {
    await this.readable();
    if (!this.graph.twin(sourceId)) return twinNotFound(sourceId);
    const r = this.graph.relationship(sourceId, relationshipId);
    return r ? ok(cloneJson(r)) : err('RelationshipNotFound', `Relationship ${relationshipId} not found on twin ${sourceId}. Please verify that the relationship id is valid and ensure that the relationship is not deleted. See section on listing relationships in the documentation https://aka.ms/adtv2twins.`);
  }

  patchRelationship(sourceId: TwinId, relationshipId: RelationshipId, patch: JsonPatchOp[], opts: { ifMatch?: Etag | '*' } = {}): Promise<Result<Relationship>> {
    return this.run((tx) => rels.patchRelationship(this.ctx, tx, sourceId, relationshipId, patch, opts)).then(cloneResult);
  }

  deleteRelationship(sourceId: TwinId, relationshipId: RelationshipId, opts: { ifMatch?: Etag | '*' } = {}): Promise<Result<void>> {
    return this.run((tx) => rels.deleteRelationship(this.ctx, tx, sourceId, relationshipId, opts));
  }

  async listRelationships(sourceId: TwinId, relationshipName?: string): Promise<Result<Relationship[]>> {
    await this.readable();
    return rels.listRelationships(this.ctx, sourceId, relationshipName);
  }

  async listIncomingRelationships(targetId: TwinId): Promise<Result<IncomingRelationship[]>> {
    await this.readable();
    return rels.listIncomingRelationships(this.ctx, targetId);
  }

  async publishTelemetry(id: TwinId, payload: unknown, opts: { messageId?: string; component?: string; sourceTime?: string } = {}): Promise<Result<void>> {
    const t = this.graph.twin(id);
    if (!t) return twinNotFound(id);
    let schema = t.$metadata.$model;
    if (opts.component !== undefined) {
      const iface = this.graph.models.interface(schema);
      const c = iface?.contents.get(opts.component);
      if (!c || c.kind !== 'Component' || !componentNames(iface).has(opts.component)) return componentNotFound(id, opts.component);
      schema = c.componentSchema ?? schema;
    }
    const e = cloudEvent('microsoft.iot.telemetry', `${this.ctx.serviceId}/digitaltwins/${id}`, opts.component ?? '', this.ctx.now(), cloneJson(payload), {
      id: opts.messageId ?? uuid(),
      dataschema: schema,
      ...(opts.sourceTime ? { telemetrysourcetime: opts.sourceTime } : {}),
    } as Partial<CloudEvent<unknown>>);
    // Telemetry is not stored: it goes through the queue only to keep event order with committed changes.
    await this.exclusive(async () => this.bus.emit([e]));
    this.opts.onCommitted?.({ twins: [], relationships: [], models: false, reloadAll: false, events: [e] });
    return ok(undefined);
  }

  /** ADT query language over the in-memory graph (src/engine/query). Strongly consistent with committed writes. */
  async query(query: string, opts: { pageSize?: number; continuationToken?: string | null } = {}): Promise<Result<QueryPage>> {
    await this.readable();
    // Rows may reference the live graph's objects: hand out copies.
    return cloneResult(executeQuery(query, this.graph, {
      ...(opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {}),
      ...(opts.continuationToken ? { continuationToken: opts.continuationToken } : {}),
    }));
  }

  async explain(query: string): Promise<Result<unknown>> {
    await this.readable();
    return explainQuery(query, this.graph);
  }

  /** Imports a graph file in one transaction; `opts.signal` cancels it (between chunks; nothing is written). */
  async importGraph(text: string, format: GraphFormat, onProgress?: (p: Progress) => void, opts: ImportOptions = {}): Promise<Result<ImportReport>> {
    const signal = opts.signal;
    if (signal?.aborted) return importCancelled();
    const prepared = await prepareImport(this.ctx, text, format, onProgress);
    if (!prepared.ok) return prepared;
    if (signal?.aborted) return importCancelled();
    if (prepared.value.report.errors.length) return ok(prepared.value.report);
    const r = await this.run((tx) => importGraphCommand(this.ctx, tx, prepared.value, onProgress, signal), true);
    // Invalid elements are a report, not an error: nothing was written.
    if (!r.ok && r.error.code === 'ImportFailed') return ok(r.error.details as ImportReport);
    return r;
  }

  async exportGraph(format: GraphFormat): Promise<Result<string>> {
    await this.idle();
    return exportGraph(this.graph, format);
  }

  clear(): Promise<Result<void>> {
    return this.run((tx) => {
      tx.bulk = true;
      tx.clear(ModelRegistry.empty());
      tx.emit(cloudEvent('Twinscape.Graph.Reset', this.ctx.serviceId, '', this.ctx.now(), { reason: 'clear' }));
      return ok(undefined);
    });
  }

  async propertyHistory(q: HistoryQuery): Promise<Result<PropertyEvent[]>> {
    const rows = await this.readHistory('AdtPropertyEvents', q);
    return rows.ok ? ok(rows.value.map(({ table: _t, ...r }) => r as PropertyEvent)) : rows;
  }

  async exportHistory(q: HistoryExportQuery): Promise<Result<string>> {
    const table = q.table ?? 'AdtPropertyEvents';
    if (!isHistoryTable(table)) return err('InvalidArgument', `Unknown history table ${String(table)}; use AdtPropertyEvents, AdtTwinLifeCycleEvents or AdtRelationshipLifeCycleEvents.`);
    if (q.format !== 'csv' && q.format !== 'ndjson') return err('InvalidArgument', `Unknown history file format ${String(q.format)}; use 'csv' or 'ndjson'.`);
    if (table === 'AdtTwinLifeCycleEvents' && q.property !== undefined) return err('InvalidArgument', 'Twin lifecycle history has no property column: leave the property filter out.');
    const rows = await this.readHistory(table, q);
    return rows.ok ? ok(historyToText(table, rows.value, q.format)) : rows;
  }

  /** History rows of one table after every queued command has committed, filtered as HistoryQuery says. */
  private async readHistory(table: HistoryRow['table'], q: HistoryQuery): Promise<Result<HistoryRow[]>> {
    await this.idle();
    const from = q.from !== undefined ? canonicalIso(q.from) : undefined;
    const to = q.to !== undefined ? canonicalIso(q.to) : undefined;
    if ((q.from !== undefined && !from) || (q.to !== undefined && !to)) return err('InvalidArgument', `History time range must be ISO 8601 date-times (from ${String(q.from)}, to ${String(q.to)}).`);
    if (q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit >= 0)) return err('InvalidArgument', `History limit must be a whole number >= 0 (got ${String(q.limit)}).`);
    try {
      return ok(await this.store.queryHistory({
        table,
        ...(q.twinId !== undefined ? { id: q.twinId } : {}),
        ...(q.property !== undefined ? { key: q.property } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      }));
    } catch (e) {
      return err('StorageError', `Reading history failed: ${message(e)}`);
    }
  }

  async subscribe(listener: (events: CloudEvent[]) => void): Promise<number> {
    return this.bus.subscribe(listener);
  }

  async unsubscribe(subscription: number): Promise<void> {
    this.bus.unsubscribe(subscription);
  }
}

function cloneResult<T>(r: Result<T>): Result<T> {
  return r.ok ? ok(cloneJson(r.value)) : r;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export { relKey };
