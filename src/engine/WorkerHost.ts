/**
 * The object the engine worker exposes (EngineWorkerApi): the engine of the open workspace plus workspace
 * management, subscriptions that survive workspace switches, and multi-tab sync over BroadcastChannel (a commit in
 * one tab's worker makes the other tabs' workers reload the changed records and re-emit the events).
 * Environment-neutral (no `self`), so it is unit-tested in Node over fake-indexeddb.
 */
import type { EngineWorkerApi, WorkerImportOptions, WorkspaceInfo } from './EngineWorkerApi.ts';
import type { GraphFormat, HistoryExportQuery, HistoryQuery, ImportReport, PropertyEvent } from './TwinEngine.ts';
import {
  err, ok, type CloudEvent, type Dtmi, type EngineStats, type Etag, type IncomingRelationship, type JsonPatchOp, type ModelData,
  type Progress, type QueryPage, type Relationship, type RelationshipId, type Result, type Twin, type TwinId,
} from './types.ts';
import { LocalEngine, type LocalEngineOptions } from './LocalEngine.ts';
import { TabSync, type BroadcastChannelLike } from './events/TabSync.ts';
import { WorkspaceRegistry } from './storage/WorkspaceRegistry.ts';
import { deleteDexieDatabase, type DexieStoreOptions } from './storage/DexieStore.ts';
import { LiveHost, callLive, type LiveApi, type LiveMethod } from './live/index.ts';
import { SceneHost, callScene, sceneDatabaseName, type SceneApi, type SceneMethod } from './scenes/index.ts';

export interface WorkerHostOptions extends DexieStoreOptions {
  /** Channel factory (BroadcastChannel in browsers and Node >= 18); null disables multi-tab sync. */
  channel?: ((name: string) => BroadcastChannelLike) | null;
  engine?: Omit<LocalEngineOptions, 'store' | 'onCommitted'>;
}

export type { BroadcastChannelLike };

const FANOUT_SLICE = 500;

export class WorkerHost implements EngineWorkerApi {
  private registry: WorkspaceRegistry;
  private engine: LocalEngine | null = null;
  private workspaceId: string | null = null;
  private opening: Promise<Result<EngineStats>> | null = null;
  private sync: TabSync | null = null;
  private nextSub = 1;
  private listeners = new Map<number, (events: CloudEvent[]) => void>();

  constructor(private opts: WorkerHostOptions = {}) {
    this.registry = new WorkspaceRegistry(opts);
  }

  // ---------------------------------------------------------------- workspaces

  async open(workspaceId: string): Promise<Result<EngineStats>> {
    const p = (async () => {
      const list = await this.registry.list();
      if (!list.some((w) => w.id === workspaceId)) return err('NotFound', `There is no workspace with the id ${workspaceId}.`);
      await this.closeEngine();
      const store = await this.registry.openStore(workspaceId);
      const channel = this.opts.channel === null ? null : (this.opts.channel ?? defaultChannel)(`twinscape:${workspaceId}`);
      const sync = channel ? new TabSync(channel) : null;
      const engine = new LocalEngine({
        ...this.opts.engine,
        serviceId: this.opts.engine?.serviceId ?? `${workspaceId}.twinscape.local`,
        store,
        onCommitted: (change) => sync?.post(change),
      });
      const opened = await engine.open();
      if (!opened.ok) {
        sync?.close();
        return opened;
      }
      engine.subscribe((events) => this.fanOut(events));
      sync?.attach((change) => void engine.applyExternalChange(change));
      this.engine = engine;
      this.sync = sync;
      this.workspaceId = workspaceId;
      // Live sources that were running (simulator, MQTT, CSV replay) start again with the workspace, whichever view is open.
      this.liveHost ??= new LiveHost(this, { workspace: () => this.workspaceId });
      return opened;
    })();
    this.opening = p;
    return p;
  }

  listWorkspaces(): Promise<WorkspaceInfo[]> {
    return this.registry.list();
  }

  async createWorkspace(name: string): Promise<Result<WorkspaceInfo>> {
    if (typeof name !== 'string' || !name.trim()) return err('InvalidArgument', 'A workspace needs a name.');
    return ok(await this.registry.create(name.trim()));
  }

  async renameWorkspace(id: string, name: string): Promise<Result<WorkspaceInfo>> {
    if (typeof name !== 'string' || !name.trim()) return err('InvalidArgument', 'A workspace needs a name.');
    const ws = await this.registry.rename(id, name.trim());
    return ws ? ok(ws) : err('NotFound', `There is no workspace with the id ${id}.`);
  }

  async deleteWorkspace(id: string): Promise<Result<void>> {
    if (id === this.workspaceId) {
      await this.closeEngine();
      this.sceneHost?.close();
      this.sceneHost = null;
    }
    const done = await this.registry.delete(id);
    if (!done) return err('NotFound', `There is no workspace with the id ${id}.`);
    // Scenes and their model files live in a database of their own: they go with the workspace.
    await deleteDexieDatabase(sceneDatabaseName(id), this.opts);
    return ok(undefined);
  }

  async ping(): Promise<'pong'> {
    return 'pong';
  }

  /** The workspace open now (null before open). */
  currentWorkspace(): string | null {
    return this.workspaceId;
  }

  private async closeEngine(): Promise<void> {
    this.sync?.close();
    this.sync = null;
    if (this.engine) await this.engine.close();
    this.engine = null;
    this.workspaceId = null;
  }

  async dispose(): Promise<void> {
    await this.closeEngine();
    this.sceneHost?.close();
    this.liveHost?.dispose();
    this.registry.close();
  }

  /** The open engine; opens the default workspace when none is open yet. */
  private async e(): Promise<LocalEngine> {
    if (this.engine) return this.engine;
    if (this.opening) await this.opening;
    if (this.engine) return this.engine;
    const r = await this.open('default');
    if (!r.ok || !this.engine) throw new Error(r.ok ? 'engine not open' : `${r.error.code}: ${r.error.message}`);
    return this.engine;
  }

  private fanOut(all: CloudEvent[]): void {
    // Large commits reach listeners (the UI thread) in slices: each slice is one message, one short task there.
    if (all.length > FANOUT_SLICE) {
      for (let i = 0; i < all.length; i += FANOUT_SLICE) this.fanOut(all.slice(i, i + FANOUT_SLICE));
      return;
    }
    const events = all;
    for (const [id, l] of this.listeners) {
      try {
        const r = l(events) as unknown;
        if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => this.listeners.delete(id));
      } catch (_e) {
        // keep the other listeners going
      }
    }
  }

  // ---------------------------------------------------------------- TwinEngine (delegation)

  async stats(): Promise<EngineStats> { return (await this.e()).stats(); }
  async uploadModels(models: unknown[]): Promise<Result<ModelData[]>> { return (await this.e()).uploadModels(models); }
  async listModels(o?: { includeModelDefinition?: boolean; dependenciesFor?: Dtmi[] }): Promise<Result<ModelData[]>> { return (await this.e()).listModels(o); }
  async getModel(id: Dtmi, o?: { includeModelDefinition?: boolean }): Promise<Result<ModelData>> { return (await this.e()).getModel(id, o); }
  async decommissionModel(id: Dtmi): Promise<Result<void>> { return (await this.e()).decommissionModel(id); }
  async deleteModel(id: Dtmi): Promise<Result<void>> { return (await this.e()).deleteModel(id); }
  async upsertTwin(id: TwinId, twin: Record<string, unknown>, o?: { ifNoneMatch?: '*' }): Promise<Result<Twin>> { return (await this.e()).upsertTwin(id, twin, o); }
  async getTwin(id: TwinId): Promise<Result<Twin>> { return (await this.e()).getTwin(id); }
  async patchTwin(id: TwinId, patch: JsonPatchOp[], o?: { ifMatch?: Etag | '*' }): Promise<Result<Twin>> { return (await this.e()).patchTwin(id, patch, o); }
  async deleteTwin(id: TwinId, o?: { ifMatch?: Etag | '*' }): Promise<Result<void>> { return (await this.e()).deleteTwin(id, o); }
  async getComponent(id: TwinId, c: string): Promise<Result<Record<string, unknown>>> { return (await this.e()).getComponent(id, c); }
  async patchComponent(id: TwinId, c: string, patch: JsonPatchOp[], o?: { ifMatch?: Etag | '*' }): Promise<Result<Twin>> { return (await this.e()).patchComponent(id, c, patch, o); }
  async upsertRelationship(s: TwinId, r: RelationshipId, rel: Record<string, unknown>, o?: { ifNoneMatch?: '*' }): Promise<Result<Relationship>> { return (await this.e()).upsertRelationship(s, r, rel, o); }
  async getRelationship(s: TwinId, r: RelationshipId): Promise<Result<Relationship>> { return (await this.e()).getRelationship(s, r); }
  async patchRelationship(s: TwinId, r: RelationshipId, patch: JsonPatchOp[], o?: { ifMatch?: Etag | '*' }): Promise<Result<Relationship>> { return (await this.e()).patchRelationship(s, r, patch, o); }
  async deleteRelationship(s: TwinId, r: RelationshipId, o?: { ifMatch?: Etag | '*' }): Promise<Result<void>> { return (await this.e()).deleteRelationship(s, r, o); }
  async listRelationships(s: TwinId, name?: string): Promise<Result<Relationship[]>> { return (await this.e()).listRelationships(s, name); }
  async listIncomingRelationships(t: TwinId): Promise<Result<IncomingRelationship[]>> { return (await this.e()).listIncomingRelationships(t); }
  async publishTelemetry(id: TwinId, payload: unknown, o?: { messageId?: string; component?: string; sourceTime?: string }): Promise<Result<void>> { return (await this.e()).publishTelemetry(id, payload, o); }
  async query(q: string, o?: { pageSize?: number; continuationToken?: string | null }): Promise<Result<QueryPage>> { return (await this.e()).query(q, o); }
  async explain(q: string): Promise<Result<unknown>> { return (await this.e()).explain(q); }
  async importGraph(text: string, format: GraphFormat, onProgress?: (p: Progress) => void, opts: WorkerImportOptions = {}): Promise<Result<ImportReport>> {
    const { abortPort: port, signal: own } = opts;
    // A cancel arrives as a message on the transferred port; the import sees it (or the caller's own signal) here.
    let portAborted = false;
    if (port) port.onmessage = () => (portAborted = true);
    const signal = { get aborted() { return portAborted || !!own?.aborted; } };
    try {
      return await (await this.e()).importGraph(text, format, onProgress, port || own ? { signal } : {});
    } finally {
      if (port) {
        port.onmessage = null;
        port.close();
      }
    }
  }
  async exportGraph(format: GraphFormat): Promise<Result<string>> { return (await this.e()).exportGraph(format); }
  async clear(): Promise<Result<void>> { return (await this.e()).clear(); }
  async propertyHistory(q: HistoryQuery): Promise<Result<PropertyEvent[]>> { return (await this.e()).propertyHistory(q); }
  async exportHistory(q: HistoryExportQuery): Promise<Result<string>> { return (await this.e()).exportHistory(q); }

  /** Live data, event routes and user functions (src/engine/live): one typed dispatcher over LiveApi. */
  private liveHost: LiveHost | null = null;
  liveCall<K extends LiveMethod>(method: K, ...args: Parameters<LiveApi[K]>): Promise<Awaited<ReturnType<LiveApi[K]>>> {
    this.liveHost ??= new LiveHost(this, { workspace: () => this.workspaceId });
    return callLive(this.liveHost, method, args);
  }

  /** Scene documents and model files of the open workspace (src/engine/scenes): one typed dispatcher over SceneApi. */
  private sceneHost: SceneHost | null = null;
  sceneCall<K extends SceneMethod>(method: K, ...args: Parameters<SceneApi[K]>): Promise<Awaited<ReturnType<SceneApi[K]>>> {
    this.sceneHost ??= new SceneHost({ indexedDB: this.opts.indexedDB, IDBKeyRange: this.opts.IDBKeyRange, workspace: () => this.workspaceId });
    return callScene(this.sceneHost, method, args);
  }

  async subscribe(listener: (events: CloudEvent[]) => void): Promise<number> {
    const id = this.nextSub++;
    this.listeners.set(id, listener);
    return id;
  }

  async unsubscribe(subscription: number): Promise<void> {
    this.listeners.delete(subscription);
  }
}

function defaultChannel(name: string): BroadcastChannelLike | null {
  return typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as unknown as BroadcastChannelLike) : null;
}
