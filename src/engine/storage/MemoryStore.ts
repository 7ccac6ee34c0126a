/** Store kept in memory (tests, CLI). Same contract as DexieStore: commits are all-or-nothing. */
import type { Relationship, Twin, TwinId } from '../types.ts';
import { cloneJson } from '../util/clone.ts';
import { relKey, type ChangeSet, type CommitOutcome, type HistoryFilter, type HistoryRow, type RelationshipKey, type Snapshot, type Store, type StoredModel } from './Store.ts';
import { historyIndexKeys } from './historyKeys.ts';
import { CommitCancelled } from './CommitCancelled.ts';
import type { CancelSignal } from '../TwinEngine.ts';

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private models = new Map<string, StoredModel>();
  private twins = new Map<string, Twin>();
  private relationships = new Map<string, Relationship>();
  private history: HistoryRow[] = [];
  private settings = new Map<string, unknown>();
  /** Test hook: makes the next commit fail as a storage error would (quota, closed database). */
  failNextCommit: Error | null = null;

  async load(): Promise<Snapshot> {
    return {
      models: [...this.models.values()].map(cloneJson),
      twins: [...this.twins.values()].map(cloneJson),
      relationships: [...this.relationships.values()].map(cloneJson),
    };
  }

  async commit(changes: ChangeSet, onProgress?: (done: number, total: number) => void, signal?: CancelSignal): Promise<CommitOutcome> {
    if (signal?.aborted) throw new CommitCancelled();
    if (this.failNextCommit) {
      const e = this.failNextCommit;
      this.failNextCommit = null;
      throw e;
    }
    const twinConflicts: TwinId[] = [];
    const relConflicts: RelationshipKey[] = [];
    for (const [id, etag] of changes.expect?.twins ?? []) if ((this.twins.get(id)?.$etag ?? null) !== etag) twinConflicts.push(id);
    for (const [s, r, etag] of changes.expect?.relationships ?? []) {
      if ((this.relationships.get(relKey(s, r))?.$etag ?? null) !== etag) relConflicts.push([s, r]);
    }
    if (twinConflicts.length || relConflicts.length) return { ok: false, conflicts: { twins: twinConflicts, relationships: relConflicts } };
    // Records are immutable once committed (the engine copies on write), so they are kept by reference; load() copies.
    const models = changes.models?.put ?? [];
    const twins = changes.twins?.put ?? [];
    const rels = changes.relationships?.put ?? [];
    const history = changes.history ?? [];
    if (changes.clearGraph) {
      this.models.clear();
      this.twins.clear();
      this.relationships.clear();
    }
    for (const k of changes.relationships?.delete ?? []) this.relationships.delete(relKey(k[0], k[1]));
    for (const id of changes.twins?.delete ?? []) this.twins.delete(id);
    for (const id of changes.models?.delete ?? []) this.models.delete(id);
    for (const m of models) this.models.set(m.id, m);
    for (const t of twins) this.twins.set(t.$dtId, t);
    for (const r of rels) this.relationships.set(relKey(r.$sourceId, r.$relationshipId), r);
    for (const h of history) this.history.push(h);
    const total = models.length + twins.length + rels.length + history.length;
    onProgress?.(total, total);
    return { ok: true };
  }

  async getTwins(ids: TwinId[]): Promise<Array<Twin | undefined>> {
    return ids.map((id) => cloneJson(this.twins.get(id)));
  }

  async getRelationships(keys: RelationshipKey[]): Promise<Array<Relationship | undefined>> {
    return keys.map((k) => cloneJson(this.relationships.get(relKey(k[0], k[1]))));
  }

  async getModels(): Promise<StoredModel[]> {
    return [...this.models.values()].map(cloneJson);
  }

  async queryHistory(f: HistoryFilter): Promise<HistoryRow[]> {
    const out: HistoryRow[] = [];
    for (const row of this.history) {
      if (row.table !== f.table) continue;
      const { _id, _key } = historyIndexKeys(row);
      if (f.id !== undefined && _id !== f.id) continue;
      if (f.key !== undefined && _key !== f.key) continue;
      if (f.from !== undefined && row.TimeStamp < f.from) continue;
      if (f.to !== undefined && row.TimeStamp >= f.to) continue;
      out.push(cloneJson(row));
    }
    out.sort((a, b) => (a.TimeStamp < b.TimeStamp ? -1 : a.TimeStamp > b.TimeStamp ? 1 : 0));
    return f.limit !== undefined ? out.slice(0, f.limit) : out;
  }

  async pruneHistory(before: string): Promise<number> {
    const n = this.history.length;
    this.history = this.history.filter((r) => r.TimeStamp >= before);
    return n - this.history.length;
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return cloneJson(this.settings.get(key)) as T | undefined;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    this.settings.set(key, cloneJson(value));
  }

  async close(): Promise<void> {}
}
