/**
 * src/engine — the local counterpart of an Azure Digital Twins instance (twins, relationships, models, events,
 * history, import/export) over IndexedDB (Dexie) in a worker, or memory / fake-indexeddb in Node.
 *
 *   createLocalEngine({store})  - opens a LocalEngine over a Store; resolves when queries can run.
 *   MemoryStore, DexieStore     - storage adapters.
 *   WorkerHost                  - the EngineWorkerApi the worker exposes (also usable in Node).
 * @see ../shared/reference/adt-api.md
 */
import { LocalEngine, type LocalEngineOptions } from './LocalEngine.ts';

export { LocalEngine } from './LocalEngine.ts';
export type { LocalEngineOptions, CommittedChange } from './LocalEngine.ts';
export { MemoryStore } from './storage/MemoryStore.ts';
export { DexieStore, deleteDexieDatabase } from './storage/DexieStore.ts';
export type { DexieStoreOptions } from './storage/DexieStore.ts';
export type { Store, StoredModel, HistoryRow, ChangeSet } from './storage/Store.ts';
export { WorkerHost } from './WorkerHost.ts';
export { WorkspaceRegistry, DEFAULT_WORKSPACE, workspaceDbName } from './storage/WorkspaceRegistry.ts';
export { ADT_LIMITS } from './limits.ts';
export type { Limits } from './limits.ts';
export { readGraph } from './io/importGraph.ts';
export type { TwinEngine, GraphFormat, ImportReport, ImportOptions, CancelSignal, HistoryQuery, HistoryExportQuery, PropertyEvent } from './TwinEngine.ts';
export { historyToText, HISTORY_COLUMNS } from './io/historyExport.ts';
export type { EngineWorkerApi, WorkspaceInfo } from './EngineWorkerApi.ts';
export type { QuerySource } from './query/QuerySource.ts';
export * from './types.ts';

/**
 * Creates and opens a LocalEngine. Throws only when the store cannot be read (a broken database), which is not a
 * user error.
 */
export async function createLocalEngine(opts: LocalEngineOptions): Promise<LocalEngine> {
  const engine = new LocalEngine(opts);
  const opened = await engine.open();
  if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
  return engine;
}
