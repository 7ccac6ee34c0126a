/**
 * A self-contained in-memory QuerySource: twins, relationships and model inheritance, with the indexes the
 * contract promises (by id, by model with ancestors and later versions, adjacency by relationship name).
 * Used by the query tests, the benchmark and the CLI; the engine core has its own graph behind the same contract.
 */
import type { Dtmi, Relationship, Twin, TwinId } from '../types.ts';
import type { QuerySource } from './QuerySource.ts';

const EMPTY: readonly never[] = Object.freeze([]);

interface Adjacency {
  all: Relationship[];
  byName: Map<string, Relationship[]>;
}

/** `dtmi:a:b;3` → { base: 'dtmi:a:b', version: 3 }; version undefined when absent. */
export function splitDtmi(id: string): { base: string; version: number | undefined } {
  const i = id.lastIndexOf(';');
  if (i < 0) return { base: id, version: undefined };
  const v = Number(id.slice(i + 1));
  return { base: id.slice(0, i), version: Number.isFinite(v) ? v : undefined };
}

/** Parent model ids of a DTDL interface document (`extends` as a string, array of strings or inline objects). */
export function extendsOf(model: unknown): Dtmi[] {
  const ext = (model as { extends?: unknown } | null)?.extends;
  const list = Array.isArray(ext) ? ext : ext === undefined ? [] : [ext];
  return list.map((e) => (typeof e === 'string' ? e : (e as { '@id'?: string })?.['@id'])).filter((e): e is string => typeof e === 'string');
}

export class MemoryQuerySource implements QuerySource {
  version = 0;
  private readonly twinsById = new Map<TwinId, Twin>();
  private readonly byModel = new Map<Dtmi, Map<TwinId, Twin>>();
  private readonly rels = new Map<string, Relationship>();
  private readonly out = new Map<TwinId, Adjacency>();
  private readonly inc = new Map<TwinId, Adjacency>();
  private readonly parents = new Map<Dtmi, Dtmi[]>();
  private conformCache = new Map<string, boolean>();

  constructor(init: { models?: unknown[]; twins?: Twin[]; relationships?: Relationship[] } = {}) {
    this.addModels(init.models ?? []);
    for (const t of init.twins ?? []) this.upsertTwin(t);
    for (const r of init.relationships ?? []) this.upsertRelationship(r);
  }

  // ---- mutation (bumps version) ----
  addModels(models: unknown[]): void {
    for (const m of models) {
      const id = (m as { '@id'?: unknown } | null)?.['@id'];
      if (typeof id === 'string') this.parents.set(id, extendsOf(m));
    }
    this.conformCache = new Map();
    this.version++;
  }

  upsertTwin(t: Twin): void {
    const old = this.twinsById.get(t.$dtId);
    if (old) this.byModel.get(old.$metadata.$model)?.delete(old.$dtId);
    this.twinsById.set(t.$dtId, t);
    const model = t.$metadata?.$model;
    let bucket = this.byModel.get(model);
    if (!bucket) this.byModel.set(model, (bucket = new Map()));
    bucket.set(t.$dtId, t);
    this.version++;
  }

  deleteTwin(id: TwinId): boolean {
    const t = this.twinsById.get(id);
    if (!t) return false;
    this.twinsById.delete(id);
    this.byModel.get(t.$metadata.$model)?.delete(id);
    this.version++;
    return true;
  }

  upsertRelationship(r: Relationship): void {
    this.deleteRelationship(r.$sourceId, r.$relationshipId);
    this.rels.set(`${r.$sourceId}\u0000${r.$relationshipId}`, r);
    add(this.out, r.$sourceId, r);
    add(this.inc, r.$targetId, r);
    this.version++;
  }

  deleteRelationship(sourceId: TwinId, relationshipId: string): boolean {
    const key = `${sourceId}\u0000${relationshipId}`;
    const r = this.rels.get(key);
    if (!r) return false;
    this.rels.delete(key);
    remove(this.out, r.$sourceId, r);
    remove(this.inc, r.$targetId, r);
    this.version++;
    return true;
  }

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
    for (const [m, bucket] of this.byModel) if (bucket.size && this.conforms(m, model, exact)) yield* bucket.values();
  }
  isOfModel(twin: Twin, model: Dtmi, exact = false): boolean {
    const m = twin.$metadata?.$model;
    return typeof m === 'string' && this.conforms(m, model, exact);
  }
  outgoing(sourceId: TwinId, relationshipName?: string): Iterable<Relationship> {
    return pick(this.out.get(sourceId), relationshipName);
  }
  incoming(targetId: TwinId, relationshipName?: string): Iterable<Relationship> {
    return pick(this.inc.get(targetId), relationshipName);
  }
  relationships(): Iterable<Relationship> {
    return this.rels.values();
  }
  relationshipCount(): number {
    return this.rels.size;
  }

  /**
   * IS_OF_MODEL semantics: `twinModel` is `model`, or (unless exact) it or one of its ancestors has the same
   * DTMI base with a version ≥ the asked one (a twin of Room;2 is of model Room;1).
   */
  conforms(twinModel: Dtmi, model: Dtmi, exact: boolean): boolean {
    if (exact || twinModel === model) return twinModel === model;
    const key = `${twinModel}\u0000${model}`;
    let v = this.conformCache.get(key);
    if (v === undefined) {
      const want = splitDtmi(model);
      v = false;
      const seen = new Set<Dtmi>();
      const stack = [twinModel];
      while (stack.length && !v) {
        const m = stack.pop() as Dtmi;
        if (seen.has(m)) continue;
        seen.add(m);
        const have = splitDtmi(m);
        if (m === model || (have.base === want.base && (want.version === undefined || (have.version !== undefined && have.version >= want.version)))) v = true;
        stack.push(...(this.parents.get(m) ?? []));
      }
      this.conformCache.set(key, v);
    }
    return v;
  }
}

function add(map: Map<TwinId, Adjacency>, id: TwinId, r: Relationship): void {
  let a = map.get(id);
  if (!a) map.set(id, (a = { all: [], byName: new Map() }));
  a.all.push(r);
  const list = a.byName.get(r.$relationshipName);
  if (list) list.push(r);
  else a.byName.set(r.$relationshipName, [r]);
}

function remove(map: Map<TwinId, Adjacency>, id: TwinId, r: Relationship): void {
  const a = map.get(id);
  if (!a) return;
  a.all = a.all.filter((x) => x !== r);
  const list = a.byName.get(r.$relationshipName)?.filter((x) => x !== r);
  if (list?.length) a.byName.set(r.$relationshipName, list);
  else a.byName.delete(r.$relationshipName);
}

function pick(a: Adjacency | undefined, name: string | undefined): Iterable<Relationship> {
  if (!a) return EMPTY;
  return name === undefined ? a.all : a.byName.get(name) ?? EMPTY;
}
