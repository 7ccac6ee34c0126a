/**
 * What a command writes. Changes are applied to the in-memory graph at once (so later steps of the same command and
 * later commands of the same batch see them) and recorded for the storage transaction; `rollback()` undoes them
 * when the command fails or the batch's transaction does.
 */
import type { CloudEvent, Dtmi, Etag, Relationship, RelationshipId, Twin, TwinId } from '../types.ts';
import type { GraphState } from '../graph/GraphState.ts';
import type { ModelRegistry } from '../model/ModelRegistry.ts';
import type { CancelSignal } from '../TwinEngine.ts';
import { relKey, type ChangeSet, type HistoryRow, type StoredModel } from '../storage/Store.ts';

export class CommandTx {
  readonly undo: Array<() => void> = [];
  /** Undo lists of merged commands (kept as lists: a bulk import has hundreds of thousands of entries). */
  private mergedUndo: Array<Array<() => void>> = [];
  readonly twins = new Map<TwinId, Twin | null>();
  readonly rels = new Map<string, { s: TwinId; r: RelationshipId; rel: Relationship | null }>();
  readonly models = new Map<Dtmi, StoredModel | null>();
  readonly twinExpect = new Map<TwinId, Etag | null>();
  readonly relExpect = new Map<string, [TwinId, RelationshipId, Etag | null]>();
  readonly history: HistoryRow[] = [];
  readonly events: CloudEvent[] = [];
  clearGraph = false;
  /** Bulk commands (import) skip cross-tab expectations for records that are new to this tab. */
  bulk = false;
  /**
   * Bulk commands keep no per-record undo (hundreds of thousands of closures); undoing them means reloading the graph
   * from storage, which is safe because a bulk command runs alone in its batch and storage is unchanged on failure.
   */
  private rollbackByReload = false;
  /** Bulk commands (import) emit one summary event instead of one per record, and write no history. */
  silent = false;
  /** Set by bulk commands: other tabs reload everything instead of record by record. */
  reloadAll = false;
  onCommitProgress?: (done: number, total: number) => void;
  /** Cancels the commit (bulk commands, which run alone in their batch): checked between storage chunks. */
  signal?: CancelSignal;

  constructor(readonly graph: GraphState) {}

  putTwin(t: Twin): void {
    const prev = this.graph.twin(t.$dtId);
    if (!this.twinExpect.has(t.$dtId) && !(this.bulk && !prev)) this.twinExpect.set(t.$dtId, prev?.$etag ?? null);
    this.twins.set(t.$dtId, t);
    this.track(this.graph.putTwin(t));
  }

  deleteTwin(id: TwinId): void {
    const prev = this.graph.twin(id);
    if (!this.twinExpect.has(id)) this.twinExpect.set(id, prev?.$etag ?? null);
    this.twins.set(id, null);
    this.track(this.graph.deleteTwin(id));
  }

  putRelationship(r: Relationship): void {
    const key = relKey(r.$sourceId, r.$relationshipId);
    const prev = this.graph.relationship(r.$sourceId, r.$relationshipId);
    if (!this.relExpect.has(key) && !(this.bulk && !prev)) this.relExpect.set(key, [r.$sourceId, r.$relationshipId, prev?.$etag ?? null]);
    this.rels.set(key, { s: r.$sourceId, r: r.$relationshipId, rel: r });
    this.track(this.graph.putRelationship(r));
  }

  deleteRelationship(s: TwinId, r: RelationshipId): void {
    const key = relKey(s, r);
    const prev = this.graph.relationship(s, r);
    if (!this.relExpect.has(key)) this.relExpect.set(key, [s, r, prev?.$etag ?? null]);
    this.rels.set(key, { s, r, rel: null });
    this.track(this.graph.deleteRelationship(s, r));
  }

  setModels(registry: ModelRegistry, put: StoredModel[], del: Dtmi[]): void {
    for (const m of put) this.models.set(m.id, m);
    for (const id of del) this.models.set(id, null);
    this.undo.push(this.graph.setModels(registry));
  }

  /** Removes every twin, relationship and model (a delete job). */
  clear(empty: ModelRegistry): void {
    this.twins.clear();
    this.rels.clear();
    this.models.clear();
    this.twinExpect.clear();
    this.relExpect.clear();
    this.clearGraph = true;
    this.reloadAll = true;
    this.undo.push(this.graph.clear());
    this.undo.push(this.graph.setModels(empty));
  }

  private track(undo: () => void): void {
    if (this.bulk) this.rollbackByReload = true;
    else this.undo.push(undo);
  }

  emit(e: CloudEvent): void {
    if (!this.silent) this.events.push(e);
  }

  record(row: HistoryRow): void {
    if (!this.silent) this.history.push(row);
  }

  get empty(): boolean {
    return !this.twins.size && !this.rels.size && !this.models.size && !this.clearGraph && !this.history.length && !this.events.length;
  }

  /** Undoes the in-memory changes; returns true when the caller must reload the graph from storage instead. */
  rollback(): boolean {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
    this.undo.length = 0;
    for (let j = this.mergedUndo.length - 1; j >= 0; j--) {
      const list = this.mergedUndo[j];
      for (let i = list.length - 1; i >= 0; i--) list[i]();
    }
    this.mergedUndo.length = 0;
    const reload = this.rollbackByReload;
    this.rollbackByReload = false;
    return reload;
  }

  /** Folds a later command's changes into this one (a batch). Expectations keep the first value. */
  merge(o: CommandTx): void {
    if (o.clearGraph) {
      this.twins.clear();
      this.rels.clear();
      this.models.clear();
      this.twinExpect.clear();
      this.relExpect.clear();
      this.clearGraph = true;
    }
    for (const [k, v] of o.twinExpect) if (!this.twinExpect.has(k) && !this.twins.has(k)) this.twinExpect.set(k, v);
    for (const [k, v] of o.relExpect) if (!this.relExpect.has(k) && !this.rels.has(k)) this.relExpect.set(k, v);
    for (const [k, v] of o.twins) this.twins.set(k, v);
    for (const [k, v] of o.rels) this.rels.set(k, v);
    for (const [k, v] of o.models) this.models.set(k, v);
    // Merged commands ran after this one's own changes: their undo comes first on rollback.
    if (this.undo.length) {
      this.mergedUndo.push(this.undo.splice(0));
    }
    this.mergedUndo.push(...o.mergedUndo);
    if (o.undo.length) this.mergedUndo.push(o.undo);
    for (const h of o.history) this.history.push(h);
    for (const e of o.events) this.events.push(e);
    this.reloadAll ||= o.reloadAll;
    this.rollbackByReload ||= o.rollbackByReload;
    if (o.onCommitProgress) this.onCommitProgress = o.onCommitProgress;
    if (o.signal) this.signal = o.signal;
    if (o.bulk) this.bulk = true;
  }

  toChangeSet(): ChangeSet {
    const twinPut: Twin[] = [];
    const twinDel: TwinId[] = [];
    for (const [id, t] of this.twins) {
      if (t) twinPut.push(t);
      else twinDel.push(id);
    }
    const relPut: Relationship[] = [];
    const relDel: Array<readonly [TwinId, RelationshipId]> = [];
    for (const { s, r, rel } of this.rels.values()) {
      if (rel) relPut.push(rel);
      else relDel.push([s, r]);
    }
    const modelPut: StoredModel[] = [];
    const modelDel: Dtmi[] = [];
    for (const [id, m] of this.models) {
      if (m) modelPut.push(m);
      else modelDel.push(id);
    }
    return {
      ...(this.clearGraph ? { clearGraph: true } : {}),
      ...(this.bulk ? { bulk: true } : {}),
      models: { put: modelPut, delete: modelDel },
      twins: { put: twinPut, delete: twinDel },
      relationships: { put: relPut, delete: relDel },
      history: this.history,
      expect: { twins: [...this.twinExpect], relationships: [...this.relExpect.values()] },
    };
  }
}
