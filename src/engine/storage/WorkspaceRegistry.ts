/**
 * The list of workspaces: a small Dexie database `twinscape-workspaces`. Each workspace's graph lives in its own
 * database (`twinscape-ws-<id>`), so deleting a workspace drops that database.
 */
import { Dexie, type Table } from 'dexie';
import type { WorkspaceInfo } from '../EngineWorkerApi.ts';
import { DexieStore, deleteDexieDatabase, type DexieStoreOptions } from './DexieStore.ts';

export const WORKSPACES_DB = 'twinscape-workspaces';
export const DEFAULT_WORKSPACE: WorkspaceInfo = { id: 'default', name: 'My workspace', createdAt: new Date(0).toISOString() };

export const workspaceDbName = (id: string): string => `twinscape-ws-${id}`;

export class WorkspaceRegistry {
  private db: Dexie;
  private table: Table<WorkspaceInfo, string>;

  constructor(private opts: DexieStoreOptions = {}) {
    this.db = new Dexie(WORKSPACES_DB, { ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}), ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}) });
    this.db.version(1).stores({ workspaces: 'id, name' });
    this.table = this.db.table('workspaces');
  }

  /** All workspaces, oldest first; creates the default one on first use. */
  async list(): Promise<WorkspaceInfo[]> {
    const all = await this.table.toArray();
    if (!all.length) {
      const d = { ...DEFAULT_WORKSPACE, createdAt: new Date().toISOString() };
      await this.table.put(d);
      return [d];
    }
    return all.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  get(id: string): Promise<WorkspaceInfo | undefined> {
    return this.table.get(id);
  }

  async create(name: string, id?: string): Promise<WorkspaceInfo> {
    const ws: WorkspaceInfo = { id: id ?? `ws-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, name, createdAt: new Date().toISOString() };
    await this.table.add(ws);
    return ws;
  }

  async rename(id: string, name: string): Promise<WorkspaceInfo | undefined> {
    const n = await this.table.update(id, { name });
    return n ? this.table.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const had = await this.table.get(id);
    if (!had) return false;
    await this.table.delete(id);
    await deleteDexieDatabase(workspaceDbName(id), this.opts);
    return true;
  }

  openStore(id: string): Promise<DexieStore> {
    return new DexieStore(workspaceDbName(id), this.opts).open();
  }

  close(): void {
    this.db.close();
  }
}
