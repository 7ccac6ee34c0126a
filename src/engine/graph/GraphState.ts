/**
 * The whole twin graph in memory: twins by id and by model, relationships by (source, id) with adjacency out/in by
 * relationship name. Also the read-only QuerySource handed to the query module.
 * Mutations return an undo function so that a batch can be rolled back if its storage transaction fails.
 */
import type { Dtmi, Relationship, RelationshipId, Twin, TwinId } from '../types.ts';
import type { QuerySource } from '../query/QuerySource.ts';
import type { ModelRegistry } from '../model/ModelRegistry.ts';
import { relKey } from '../storage/Store.ts';

type Adjacency = Map<TwinId, Map<string, Map<string, Relationship>>>;

export class GraphState implements QuerySource {
  version = 0;
  readonly twinsById = new Map<TwinId, Twin>();
  readonly twinsByModel = new Map<Dtmi, Set<TwinId>>();
  readonly relsByKey = new Map<string, Relationship>();
  readonly out: Adjacency = new Map();
  readonly in: Adjacency = new Map();

  constructor(public models: ModelRegistry) {}

  // ---- QuerySource ----
  twin(id: TwinId): Twin | undefined {
    return this.twinsById.get(id);
  }
  twins(): Iterable<Twin> {
    return this.twinsById.values();
  }
  twinCount(): number {
    return this.twinsById.size;
  }
  *twinsOfModel(model: Dtmi, exact = false): Iterable<Twin> {
    const models = exact ? [model] : this.models.satisfyingModels(model, [...this.twinsByModel.keys()]);
    for (const m of models) {
      const ids = this.twinsByModel.get(m);
      if (!ids) continue;
      for (const id of ids) {
        const t = this.twinsById.get(id);
        if (t) yield t;
      }
    }
  }
  isOfModel(twin: Twin, model: Dtmi, exact = false): boolean {
    const m = twin.$metadata?.$model;
    if (exact) return m === model;
    return this.models.isOfModel(m, model);
  }
  outgoing(sourceId: TwinId, relationshipName?: string): Iterable<Relationship> {
    return adjacent(this.out, sourceId, relationshipName);
  }
  incoming(targetId: TwinId, relationshipName?: string): Iterable<Relationship> {
    return adjacent(this.in, targetId, relationshipName);
  }
  relationships(): Iterable<Relationship> {
    return this.relsByKey.values();
  }
  relationshipCount(): number {
    return this.relsByKey.size;
  }

  // ---- engine reads ----
  relationship(sourceId: TwinId, relationshipId: RelationshipId): Relationship | undefined {
    return this.relsByKey.get(relKey(sourceId, relationshipId));
  }
  outgoingCount(id: TwinId): number {
    return degree(this.out, id);
  }
  incomingCount(id: TwinId): number {
    return degree(this.in, id);
  }

  // ---- mutations (each returns its undo) ----
  putTwin(t: Twin): () => void {
    const prev = this.twinsById.get(t.$dtId);
    if (prev) this.unindexTwin(prev);
    this.indexTwin(t);
    this.version++;
    return () => {
      this.unindexTwin(t);
      if (prev) this.indexTwin(prev);
      this.version++;
    };
  }

  deleteTwin(id: TwinId): () => void {
    const prev = this.twinsById.get(id);
    if (!prev) return () => {};
    this.unindexTwin(prev);
    this.version++;
    return () => {
      this.indexTwin(prev);
      this.version++;
    };
  }

  putRelationship(r: Relationship): () => void {
    const prev = this.relationship(r.$sourceId, r.$relationshipId);
    if (prev) this.unindexRel(prev);
    this.indexRel(r);
    this.version++;
    return () => {
      this.unindexRel(r);
      if (prev) this.indexRel(prev);
      this.version++;
    };
  }

  deleteRelationship(sourceId: TwinId, relationshipId: RelationshipId): () => void {
    const prev = this.relationship(sourceId, relationshipId);
    if (!prev) return () => {};
    this.unindexRel(prev);
    this.version++;
    return () => {
      this.indexRel(prev);
      this.version++;
    };
  }

  setModels(models: ModelRegistry): () => void {
    const prev = this.models;
    this.models = models;
    this.version++;
    return () => {
      this.models = prev;
      this.version++;
    };
  }

  /** Empties the graph (models are replaced separately). */
  clear(): () => void {
    const twins = [...this.twinsById.values()];
    const rels = [...this.relsByKey.values()];
    this.reset();
    return () => {
      this.reset();
      for (const t of twins) this.indexTwin(t);
      for (const r of rels) this.indexRel(r);
      this.version++;
    };
  }

  private reset(): void {
    this.twinsById.clear();
    this.twinsByModel.clear();
    this.relsByKey.clear();
    this.out.clear();
    this.in.clear();
    this.version++;
  }

  /** Bulk load (open); faster than putTwin one by one. */
  load(twins: Twin[], rels: Relationship[]): void {
    this.reset();
    for (const t of twins) this.indexTwin(t);
    for (const r of rels) this.indexRel(r);
    this.version++;
  }

  private indexTwin(t: Twin): void {
    this.twinsById.set(t.$dtId, t);
    const m = t.$metadata.$model;
    let set = this.twinsByModel.get(m);
    if (!set) this.twinsByModel.set(m, (set = new Set()));
    set.add(t.$dtId);
  }

  private unindexTwin(t: Twin): void {
    this.twinsById.delete(t.$dtId);
    const set = this.twinsByModel.get(t.$metadata.$model);
    if (set) {
      set.delete(t.$dtId);
      if (!set.size) this.twinsByModel.delete(t.$metadata.$model);
    }
  }

  private indexRel(r: Relationship): void {
    const key = relKey(r.$sourceId, r.$relationshipId);
    this.relsByKey.set(key, r);
    link(this.out, r.$sourceId, r.$relationshipName, key, r);
    link(this.in, r.$targetId, r.$relationshipName, key, r);
  }

  private unindexRel(r: Relationship): void {
    const key = relKey(r.$sourceId, r.$relationshipId);
    this.relsByKey.delete(key);
    unlink(this.out, r.$sourceId, r.$relationshipName, key);
    unlink(this.in, r.$targetId, r.$relationshipName, key);
  }
}

const NONE: readonly Relationship[] = [];

// Traversals call this once per visited twin: plain Map iterators (or one small array), not a generator, keep
// multi-join queries as fast as on the query module's own reference source.
function adjacent(adj: Adjacency, id: TwinId, name?: string): Iterable<Relationship> {
  const byName = adj.get(id);
  if (!byName) return NONE;
  if (name !== undefined) return byName.get(name)?.values() ?? NONE;
  if (byName.size === 1) return byName.values().next().value!.values();
  const all: Relationship[] = [];
  for (const m of byName.values()) for (const r of m.values()) all.push(r);
  return all;
}

function link(adj: Adjacency, id: TwinId, name: string, key: string, r: Relationship): void {
  let byName = adj.get(id);
  if (!byName) adj.set(id, (byName = new Map()));
  let m = byName.get(name);
  if (!m) byName.set(name, (m = new Map()));
  m.set(key, r);
}

function unlink(adj: Adjacency, id: TwinId, name: string, key: string): void {
  const byName = adj.get(id);
  const m = byName?.get(name);
  if (!byName || !m) return;
  m.delete(key);
  if (!m.size) byName.delete(name);
  if (!byName.size) adj.delete(id);
}

/** Relationships of a twin in one direction: the sizes of its per-name maps (a twin uses few names). */
function degree(adj: Adjacency, id: TwinId): number {
  const byName = adj.get(id);
  if (!byName) return 0;
  let n = 0;
  for (const m of byName.values()) n += m.size;
  return n;
}
