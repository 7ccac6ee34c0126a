/**
 * Store over Dexie 4 (IndexedDB). In the browser worker it uses the global indexedDB; in Node pass
 * fake-indexeddb (or import 'fake-indexeddb/auto'). One workspace = one database.
 */
import { Dexie, type Table } from 'dexie';
import type { Relationship, Twin, TwinId } from '../types.ts';
import { relKey, type ChangeSet, type CommitOutcome, type HistoryFilter, type HistoryRow, type RelationshipKey, type Snapshot, type Store, type StoredModel } from './Store.ts';
import { declareSchema } from './schema.ts';
import { historyChunkKey, historyIndexKeys } from './historyKeys.ts';
import {
  buildSegments, candidates, findInSegment, mergeDeltaRows, mergeStored, planDeltaMerge, refOf, relationshipKey, tombstoneKey, twinKey,
  type SegmentKind, type SegmentRef, type SegmentRow,
} from './segments.ts';
import { CommitCancelled } from './CommitCancelled.ts';
import type { CancelSignal } from '../TwinEngine.ts';

/** v4 history rows as stored: ADT columns + the indexed `_id` / `_key` (twin id, property name). Read, no longer written. */
type StoredHistoryRow = HistoryRow & { seq?: number; _id: string; _key: string };

/** v5: the history rows of one commit (in order), what they are about (multiEntry index) and their time span. */
interface HistoryChunk {
  seq?: number;
  rows: HistoryRow[];
  keys: string[];
  from: string;
  to: string;
}

export interface DexieStoreOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Records held by the cache of segments read for lookups (default 40,000). */
  segmentCacheRecords?: number;
}

const CHUNK = 5000;
const SNAPSHOT_CHUNK = 20_000;
/** Bulk commits of at least this many twins + relationships are written as segments. */
const SEGMENT_MIN_RECORDS = 1000;
/** Ordinary commits of at least this many twins + relationships are written as one delta segment. */
const DELTA_MIN_RECORDS = 32;
const SEGMENT_CACHE_RECORDS = 40_000;
/** Below this many single-record rows (next to segments) no snapshot is written. */
const SNAPSHOT_MIN_ROWS = 20_000;

export class DexieStore implements Store {
  readonly kind = 'dexie' as const;
  readonly db: Dexie;
  private models: Table<StoredModel, string>;
  private twins: Table<Twin, string>;
  private relationships: Table<Relationship, [string, string]>;
  private history: Table<StoredHistoryRow, number>;
  private historyChunks: Table<HistoryChunk, number>;
  private settings: Table<{ key: string; value: unknown }, string>;
  private snapshot: Table<Record<string, unknown>, string>;
  private segments: Table<SegmentRow, string>;
  private tombstones: Table<{ k: string }, string>;
  /** Segments read for single-record lookups (immutable once written: ids are never reused). */
  private segmentCache = new Map<string, SegmentRow>();
  private segmentCacheRecords = 0;
  /**
   * The keys that have single-record rows, and the tombstones, as of `knownSeq` (a delta segment must delete those of
   * its keys, or they would override it; reading them from storage at every commit would cost what deltas save).
   * null: not known (loaded from a snapshot, or another tab wrote since): read again when a delta needs them.
   */
  private overrides: { twins: Set<string>; relationships: Set<string>; tombstones: Set<string> } | null = null;

  private readonly segmentCacheLimit: number;

  constructor(readonly name: string, opts: DexieStoreOptions = {}) {
    this.segmentCacheLimit = opts.segmentCacheRecords ?? SEGMENT_CACHE_RECORDS;
    this.db = new Dexie(name, {
      ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
      ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
      // Commits stay atomic and survive a tab or worker crash; only an OS crash may lose the last ones.
      chromeTransactionDurability: 'relaxed',
    });
    // Dexie's liveQuery support (range bookkeeping on every write, a BroadcastChannel message to every context after
    // every commit, a transaction cache) serves queries this store never makes; other tabs learn of commits through
    // the engine's own channel (TabSync).
    this.db.unuse({ stack: 'dbcore', name: 'Observability' }).unuse({ stack: 'dbcore', name: 'Cache' });
    declareSchema(this.db);
    this.models = this.db.table('models');
    this.twins = this.db.table('twins');
    this.relationships = this.db.table('relationships');
    this.history = this.db.table('history');
    this.historyChunks = this.db.table('historyChunks');
    this.settings = this.db.table('settings');
    this.snapshot = this.db.table('snapshot');
    this.segments = this.db.table('segments');
    this.tombstones = this.db.table('tombstones');
  }

  async open(): Promise<this> {
    await this.db.open();
    return this;
  }

  /**
   * Commit counter of the database (settings record `seq`), bumped by every commit of any tab. While it equals the
   * value this store last saw, no other tab has written, and the per-record etag check can be skipped.
   */
  private knownSeq: number | null = null;
  /** False once another connection was seen writing: memory may then lag storage, so no snapshot is taken. */
  private soleWriter = false;
  /** How the last load read the graph (for tests and diagnostics). */
  lastLoad: 'snapshot' | 'records' | null = null;

  async load(): Promise<Snapshot> {
    const found: { garbage?: { seq: number; ids: string[] } } = {};
    const loaded = await this.db.transaction('r', [this.models, this.twins, this.relationships, this.settings, this.snapshot, this.segments, this.tombstones], async () => {
      const [models, seqRec, meta] = await Promise.all([this.models.toArray(), this.settings.get('seq'), this.snapshot.get('meta')]);
      const seq = typeof seqRec?.value === 'number' ? seqRec.value : 0;
      this.knownSeq = seq;
      this.soleWriter = true;
      this.overrides = null;
      if (meta && meta.seq === seq && typeof meta.chunks === 'number') {
        const chunks = await this.snapshot.bulkGet(Array.from({ length: meta.chunks }, (_, i) => `c${i}`));
        if (chunks.every((c) => c && typeof c.text === 'string')) {
          const twins: Twin[] = [];
          const relationships: Relationship[] = [];
          for (const c of chunks) {
            const items = JSON.parse(c!.text as string) as unknown[];
            const into = (c!.kind === 'twins' ? twins : relationships) as unknown[];
            for (const x of items) into.push(x);
          }
          this.lastLoad = 'snapshot';
          return { models, twins, relationships };
        }
      }
      const [twinRows, relRows, index, tombs] = await Promise.all([
        this.twins.toArray(), this.relationships.toArray(), this.segmentIndex(), this.tombstones.toCollection().primaryKeys(),
      ]);
      this.lastLoad = 'records';
      this.overrides = { twins: new Set(twinRows.map(twinKey)), relationships: new Set(relRows.map(relationshipKey)), tombstones: new Set(tombs) };
      if (!index.length) return { models, twins: twinRows, relationships: relRows };
      const segs = await this.segments.toArray();
      const gone = new Set(tombs);
      const twins = mergeStored('twins', segs, gone, twinRows, twinKey);
      const rels = mergeStored('relationships', segs, gone, relRows, relationshipKey);
      const superseded = [...twins.superseded, ...rels.superseded];
      if (superseded.length) found.garbage = { seq, ids: superseded };
      return { models, twins: twins.records, relationships: rels.records };
    });
    if (found.garbage) await this.dropSegments(found.garbage.seq, found.garbage.ids).catch(() => undefined);
    return loaded;
  }

  /**
   * Deletes segments that hold no current record (re-imports supersede whole segments), if nothing was committed
   * since they were found to be garbage. An optimisation only: leaving them changes nothing but space and load time.
   */
  private async dropSegments(seenSeq: number, ids: string[]): Promise<void> {
    await this.db.transaction('rw', [this.settings, this.segments], async () => {
      const seqRec = await this.settings.get('seq');
      if ((typeof seqRec?.value === 'number' ? seqRec.value : 0) !== seenSeq) return;
      const drop = new Set(ids);
      await this.segments.bulkDelete(ids);
      await this.settings.put({ key: 'segments', value: (await this.segmentIndex()).filter((r) => !drop.has(r.id)) });
      for (const id of ids) this.uncacheSegment(id);
    });
  }

  async saveSnapshot(twins: Twin[], relationships: Relationship[]): Promise<boolean> {
    if (!this.soleWriter || this.knownSeq === null) return false;
    const expected = this.knownSeq;
    // A graph held mostly in segments loads about as fast from them: a snapshot would only cost time and space.
    const segmented = await this.db.transaction('r', [this.settings, this.twins, this.relationships], async () =>
      (await this.segmentIndex()).length > 0 && (await this.twins.count()) + (await this.relationships.count()) < SNAPSHOT_MIN_ROWS);
    if (segmented) {
      await this.snapshot.clear();
      return false;
    }
    const chunks: Array<{ id: string; kind: string; text: string }> = [];
    const add = (kind: string, items: unknown[]) => {
      for (let i = 0; i < items.length; i += SNAPSHOT_CHUNK) chunks.push({ id: `c${chunks.length}`, kind, text: JSON.stringify(items.slice(i, i + SNAPSHOT_CHUNK)) });
    };
    add('twins', twins);
    add('relationships', relationships);
    return this.db.transaction('rw', [this.settings, this.snapshot], async () => {
      const seqRec = await this.settings.get('seq');
      const seq = typeof seqRec?.value === 'number' ? seqRec.value : 0;
      if (seq !== expected) return false;
      await this.snapshot.clear();
      await this.snapshot.bulkPut(chunks);
      await this.snapshot.put({ id: 'meta', seq, chunks: chunks.length });
      return true;
    });
  }

  async commit(changes: ChangeSet, onProgress?: (done: number, total: number) => void, signal?: CancelSignal): Promise<CommitOutcome> {
    const tables = [this.models, this.twins, this.relationships, this.historyChunks, this.settings, this.snapshot, this.segments, this.tombstones];
    let nextSeq = 0;
    const outcome = await this.db.transaction('rw', tables, async () => {
      const stored = await this.settings.get('seq');
      const seq = typeof stored?.value === 'number' ? stored.value : 0;
      if (seq !== this.knownSeq) {
        this.soleWriter = false;
        this.overrides = null;
        const conflicts = await this.findConflicts(changes);
        if (conflicts) return { ok: false as const, conflicts };
      }
      nextSeq = seq + 1;
      await this.settings.put({ key: 'seq', value: nextSeq });
      const total =
        (changes.models?.put?.length ?? 0) + (changes.twins?.put?.length ?? 0) + (changes.relationships?.put?.length ?? 0) +
        (changes.models?.delete?.length ?? 0) + (changes.twins?.delete?.length ?? 0) + (changes.relationships?.delete?.length ?? 0) +
        (changes.history?.length ?? 0);
      let done = 0;
      const step = async <T>(items: T[] | undefined, write: (chunk: T[]) => Promise<unknown>) => {
        if (!items?.length) return;
        for (let i = 0; i < items.length; i += CHUNK) {
          // Throwing inside the transaction aborts it: nothing of the change set is stored.
          if (signal?.aborted) throw new CommitCancelled();
          const chunk = items.slice(i, i + CHUNK);
          await write(chunk);
          done += chunk.length;
          onProgress?.(done, total);
        }
      };
      if (changes.clearGraph) {
        await Promise.all([this.models.clear(), this.twins.clear(), this.relationships.clear(), this.snapshot.clear(), this.segments.clear(), this.tombstones.clear()]);
        await this.settings.put({ key: 'segments', value: [] });
        this.overrides = { twins: new Set(), relationships: new Set(), tombstones: new Set() };
      }
      const known = this.overrides;
      // Deleting a record that may live in a segment leaves a tombstone (only while segments exist).
      const segmented = (changes.twins?.delete?.length || changes.relationships?.delete?.length) ? (await this.segmentIndex()).length > 0 : false;
      await step(changes.relationships?.delete, async (c) => {
        await this.relationships.bulkDelete(c.map((k) => [k[0], k[1]] as [string, string]));
        const keys = c.map((k) => relKey(k[0], k[1]));
        for (const k of keys) known?.relationships.delete(k);
        if (segmented) {
          await this.tombstones.bulkPut(keys.map((k) => ({ k: tombstoneKey('relationships', k) })));
          for (const k of keys) known?.tombstones.add(tombstoneKey('relationships', k));
        }
      });
      await step(changes.twins?.delete, async (c) => {
        await this.twins.bulkDelete(c);
        for (const k of c) known?.twins.delete(k);
        if (segmented) {
          await this.tombstones.bulkPut(c.map((id) => ({ k: tombstoneKey('twins', id) })));
          for (const k of c) known?.tombstones.add(tombstoneKey('twins', k));
        }
      });
      await step(changes.models?.delete, (c) => this.models.bulkDelete(c));
      await step(changes.models?.put, (c) => this.models.bulkPut(c));
      const twinPut = changes.twins?.put ?? [];
      const relPut = changes.relationships?.put ?? [];
      if (changes.bulk && twinPut.length + relPut.length >= SEGMENT_MIN_RECORDS) {
        const written = await this.writeSegments(nextSeq, twinPut, relPut, signal, (n) => {
          done += n;
          onProgress?.(done, total);
        });
        if (!written) throw new CommitCancelled();
        this.overrides = null;
      } else if (twinPut.length + relPut.length >= DELTA_MIN_RECORDS) {
        await this.writeDelta(nextSeq, twinPut, relPut);
        done += twinPut.length + relPut.length;
        onProgress?.(done, total);
      } else {
        await step(twinPut, (c) => this.twins.bulkPut(c));
        await step(relPut, (c) => this.relationships.bulkPut(c));
        for (const t of twinPut) known?.twins.add(twinKey(t));
        for (const r of relPut) known?.relationships.add(relationshipKey(r));
      }
      await step(changes.history, (c) => this.historyChunks.add(toHistoryChunk(c)));
      if (signal?.aborted) throw new CommitCancelled();
      return { ok: true as const };
    }).catch((e: unknown) => {
      // What the failed transaction did to the known keys was undone in storage, not in memory.
      this.overrides = null;
      throw e;
    });
    if (outcome.ok) this.knownSeq = nextSeq;
    return outcome;
  }

  /**
   * Writes an ordinary commit's records as one delta segment (generation `gen`): removes the rows and tombstones of
   * its keys (they would override it), adds the segment rows and their index entries, and merges the newest deltas
   * when they have piled up. Inside the commit's transaction.
   */
  private async writeDelta(gen: number, twins: Twin[], rels: Relationship[]): Promise<void> {
    const known = this.overrides ?? (this.overrides = await this.readOverrides());
    const twinKeys = twins.map(twinKey);
    const relKeys = rels.map(relationshipKey);
    const staleTwins = twinKeys.filter((k) => known.twins.has(k));
    const staleRels = rels.filter((_, i) => known.relationships.has(relKeys[i]));
    const staleTombs = [...twinKeys.map((k) => tombstoneKey('twins', k)), ...relKeys.map((k) => tombstoneKey('relationships', k))]
      .filter((k) => known.tombstones.has(k));
    if (staleTwins.length) await this.twins.bulkDelete(staleTwins);
    if (staleRels.length) await this.relationships.bulkDelete(staleRels.map((r) => [r.$sourceId, r.$relationshipId] as [string, string]));
    if (staleTombs.length) await this.tombstones.bulkDelete(staleTombs);
    for (const k of staleTwins) known.twins.delete(k);
    for (const r of staleRels) known.relationships.delete(relationshipKey(r));
    for (const k of staleTombs) known.tombstones.delete(k);
    const rows = [...buildSegments('twins', gen, twins, twinKey, { delta: { level: 0 } }), ...buildSegments('relationships', gen, rels, relationshipKey, { delta: { level: 0 } })];
    await this.segments.bulkAdd(rows);
    let index = [...(await this.segmentIndex()), ...rows.map(refOf)];
    const plan = planDeltaMerge(index);
    if (plan) index = await this.mergeDeltas(index, plan.gens, plan.level);
    await this.settings.put({ key: 'segments', value: index });
  }

  /** Replaces the delta segments of generations `gens` (the newest run) by one merged generation; returns the new index. */
  private async mergeDeltas(index: SegmentRef[], gens: number[], level: number): Promise<SegmentRef[]> {
    const merging = new Set(gens);
    const refs = index.filter((r) => merging.has(r.gen));
    const read = await this.segments.bulkGet(refs.map((r) => r.id));
    // Merging without one of them would lose its records: abort the commit instead (nothing is written).
    read.forEach((r, i) => {
      if (!r) throw new Error(`segment ${refs[i].id} listed in the index is missing`);
    });
    const newest = gens[gens.length - 1];
    const merged: SegmentRow[] = [];
    for (const kind of ['twins', 'relationships'] as const) {
      const rows = (read as SegmentRow[]).filter((r) => r.kind === kind).sort((a, b) => a.gen - b.gen);
      if (!rows.length) continue;
      const keyOf = (kind === 'twins' ? twinKey : relationshipKey) as (r: unknown) => string;
      merged.push(...buildSegments(kind, newest, mergeDeltaRows(rows), keyOf, { delta: { level }, tag: `-m${level}` }));
    }
    await this.segments.bulkDelete(refs.map((r) => r.id));
    for (const r of refs) this.uncacheSegment(r.id);
    await this.segments.bulkAdd(merged);
    return [...index.filter((r) => !merging.has(r.gen)), ...merged.map(refOf)];
  }

  private async readOverrides(): Promise<{ twins: Set<string>; relationships: Set<string>; tombstones: Set<string> }> {
    const [t, r, k] = await Promise.all([
      this.twins.toCollection().primaryKeys(), this.relationships.toCollection().primaryKeys(), this.tombstones.toCollection().primaryKeys(),
    ]);
    return { twins: new Set(t), relationships: new Set((r as unknown as Array<[string, string]>).map((x) => relKey(x[0], x[1]))), tombstones: new Set(k) };
  }

  private async findConflicts(changes: ChangeSet): Promise<{ twins: TwinId[]; relationships: RelationshipKey[] } | null> {
    const twinExp = changes.expect?.twins ?? [];
    const relExp = changes.expect?.relationships ?? [];
    if (!twinExp.length && !relExp.length) return null;
    const twins: TwinId[] = [];
    const relationships: RelationshipKey[] = [];
    if (twinExp.length) {
      const stored = await this.lookup('twins', twinExp.map((e) => e[0]));
      twinExp.forEach(([id, etag], i) => {
        if ((stored[i]?.$etag ?? null) !== etag) twins.push(id);
      });
    }
    if (relExp.length) {
      const stored = await this.lookup('relationships', relExp.map((e) => [e[0], e[1]] as const));
      relExp.forEach(([s, r, etag], i) => {
        if ((stored[i]?.$etag ?? null) !== etag) relationships.push([s, r]);
      });
    }
    return twins.length || relationships.length ? { twins, relationships } : null;
  }

  getTwins(ids: TwinId[]): Promise<Array<Twin | undefined>> {
    return this.db.transaction('r', [this.twins, this.settings, this.segments, this.tombstones], () => this.lookup('twins', ids));
  }

  getRelationships(keys: RelationshipKey[]): Promise<Array<Relationship | undefined>> {
    return this.db.transaction('r', [this.relationships, this.settings, this.segments, this.tombstones], () => this.lookup('relationships', keys));
  }

  private async segmentIndex(): Promise<SegmentRef[]> {
    const rec = await this.settings.get('segments');
    return Array.isArray(rec?.value) ? (rec.value as SegmentRef[]) : [];
  }

  /** Stored versions of records (inside a transaction over their table, settings, segments, tombstones). */
  private async lookup(kind: 'twins', keys: readonly TwinId[]): Promise<Array<Twin | undefined>>;
  private async lookup(kind: 'relationships', keys: readonly RelationshipKey[]): Promise<Array<Relationship | undefined>>;
  private async lookup(kind: SegmentKind, keys: ReadonlyArray<TwinId | RelationshipKey>): Promise<Array<Twin | Relationship | undefined>> {
    const found: Array<Twin | Relationship | undefined> = kind === 'twins'
      ? await this.twins.bulkGet(keys as TwinId[])
      : await this.relationships.bulkGet((keys as RelationshipKey[]).map((k) => [k[0], k[1]] as [string, string]));
    const misses = found.flatMap((f, i) => (f === undefined ? [i] : []));
    if (!misses.length) return found;
    const index = await this.segmentIndex();
    if (!index.length) return found;
    const flat = (i: number) => (kind === 'twins' ? (keys[i] as string) : relKey((keys[i] as RelationshipKey)[0], (keys[i] as RelationshipKey)[1]));
    const tombs = await this.tombstones.bulkGet(misses.map((i) => tombstoneKey(kind, flat(i))));
    // Newest segment first: most keys are found in the first one that may hold them (deltas pile up; reading them all
    // would cost more than the lookup), so segments are read round by round, only for the keys still open.
    let open = misses.filter((_, j) => !tombs[j]).map((i) => ({ i, key: flat(i), refs: candidates(index, kind, flat(i)), next: 0 }))
      .filter((o) => o.refs.length > 0);
    while (open.length) {
      // This round's segments, held here: the cache may let go of some of them before the round is over.
      const round = new Map<string, SegmentRow>();
      const need = new Set<string>();
      for (const o of open) {
        const id = o.refs[o.next].id;
        if (round.has(id)) continue;
        const cached = this.segmentCache.get(id);
        if (cached) round.set(id, cached);
        else need.add(id);
      }
      if (need.size) {
        const ids = [...need];
        const rows = await this.segments.bulkGet(ids);
        ids.forEach((id, k) => {
          if (!rows[k]) throw new Error(`segment ${id} listed in the index is missing`);
          round.set(id, rows[k]!);
          this.cacheSegment(id, rows[k]!);
        });
      }
      for (const o of open) {
        const item = findInSegment(round.get(o.refs[o.next].id)!, o.key);
        o.next++;
        if (item !== undefined) {
          found[o.i] = structuredClone(item) as Twin | Relationship;
          o.next = o.refs.length;
        }
      }
      open = open.filter((o) => o.next < o.refs.length);
    }
    return found;
  }

  private cacheSegment(id: string, row: SegmentRow): void {
    this.uncacheSegment(id);
    this.segmentCache.set(id, row);
    this.segmentCacheRecords += row.keys.length;
    // Oldest read first out; the one just read stays even when it alone is over the limit (the lookup needs it).
    for (const old of this.segmentCache.keys()) {
      if (this.segmentCacheRecords <= this.segmentCacheLimit || old === id) break;
      this.uncacheSegment(old);
    }
  }

  private uncacheSegment(id: string): void {
    const row = this.segmentCache.get(id);
    if (!row) return;
    this.segmentCache.delete(id);
    this.segmentCacheRecords -= row.keys.length;
  }

  /**
   * Writes a bulk commit's records as segments of generation `gen`: first removes the rows and tombstones of the keys
   * it writes (they would override the new versions), then adds the segments and their index entries.
   * Returns false when cancelled between segments.
   */
  private async writeSegments(gen: number, twins: Twin[], rels: Relationship[], signal: CancelSignal | undefined, progress: (n: number) => void): Promise<boolean> {
    const putTwins = new Set(twins.map(twinKey));
    const putRels = new Set(rels.map(relationshipKey));
    const [twinRowKeys, relRowKeys, tombKeys] = await Promise.all([
      putTwins.size ? this.twins.toCollection().primaryKeys() : [],
      putRels.size ? this.relationships.toCollection().primaryKeys() : [],
      this.tombstones.toCollection().primaryKeys(),
    ]);
    const staleTwins = (twinRowKeys as string[]).filter((k) => putTwins.has(k));
    if (staleTwins.length) await this.twins.bulkDelete(staleTwins);
    const staleRels = (relRowKeys as unknown as Array<[string, string]>).filter((k) => putRels.has(relKey(k[0], k[1])));
    if (staleRels.length) await this.relationships.bulkDelete(staleRels);
    const staleTombs = tombKeys.filter((k) => putTwins.has(k.slice(2)) && k.startsWith('t') || putRels.has(k.slice(2)) && k.startsWith('r'));
    if (staleTombs.length) await this.tombstones.bulkDelete(staleTombs);
    const rows = [...buildSegments('twins', gen, twins, twinKey), ...buildSegments('relationships', gen, rels, relationshipKey)];
    for (const row of rows) {
      if (signal?.aborted) return false;
      await this.segments.add(row);
      progress(row.keys.length);
    }
    await this.settings.put({ key: 'segments', value: [...(await this.segmentIndex()), ...rows.map(refOf)] });
    return true;
  }

  getModels(): Promise<StoredModel[]> {
    return this.models.toArray();
  }

  async queryHistory(f: HistoryFilter): Promise<HistoryRow[]> {
    const inRange = (r: HistoryRow) => (f.from === undefined || r.TimeStamp >= f.from) && (f.to === undefined || r.TimeStamp < f.to);
    const [legacy, chunks] = await this.db.transaction('r', [this.history, this.historyChunks], () =>
      Promise.all([this.queryLegacyHistory(f), this.historyChunksFor(f)]));
    const rows: HistoryRow[] = legacy.map(fromStoredHistory);
    for (const c of chunks) {
      if ((f.from !== undefined && c.to < f.from) || (f.to !== undefined && c.from >= f.to)) continue;
      for (const r of c.rows) {
        if (r.table !== f.table || !inRange(r)) continue;
        const k = historyIndexKeys(r);
        if ((f.id === undefined || k._id === f.id) && (f.key === undefined || k._key === f.key)) rows.push(r);
      }
    }
    // Oldest first; rows of one time stamp in the order they were appended (legacy rows, then chunks in commit order).
    const order = new Map(rows.map((r, i) => [r, i]));
    rows.sort((a, b) => (a.TimeStamp < b.TimeStamp ? -1 : a.TimeStamp > b.TimeStamp ? 1 : order.get(a)! - order.get(b)!));
    return f.limit !== undefined ? rows.slice(0, f.limit) : rows;
  }

  /** Chunks that may hold rows of the filter: by twin (and key) through the multiEntry index, else all. */
  private async historyChunksFor(f: HistoryFilter): Promise<HistoryChunk[]> {
    if (f.id === undefined) return this.historyChunks.toArray();
    const coll = f.key !== undefined
      ? this.historyChunks.where('keys').equals(historyChunkKey(f.table, f.id, f.key))
      : this.historyChunks.where('keys').between(historyChunkKey(f.table, f.id, ''), historyChunkKey(f.table, f.id, '\uffff'), true, true);
    return coll.distinct().sortBy('seq');
  }

  private async queryLegacyHistory(f: HistoryFilter): Promise<StoredHistoryRow[]> {
    // All parts of the index are strings: '' and '\uffff' bound them (fake-indexeddb rejects -Infinity inside arrays).
    const lo = f.from ?? '';
    const hi = f.to ?? '\uffff';
    const idx = '[table+_id+_key+TimeStamp]';
    if (f.id !== undefined && f.key !== undefined) {
      return this.history.where(idx).between([f.table, f.id, f.key, lo], [f.table, f.id, f.key, hi], true, false).toArray();
    }
    const inRange = (r: StoredHistoryRow) => (f.from === undefined || r.TimeStamp >= f.from) && (f.to === undefined || r.TimeStamp < f.to);
    const coll = f.id !== undefined
      ? this.history.where(idx).between([f.table, f.id, '', ''], [f.table, f.id, '\uffff', '\uffff']).filter(inRange)
      : this.history.filter((r) => r.table === f.table && (f.key === undefined || r._key === f.key) && inRange(r));
    return (await coll.toArray()).sort((a, b) => (a.TimeStamp < b.TimeStamp ? -1 : a.TimeStamp > b.TimeStamp ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));
  }

  /** Deletes rows older than `before`: whole chunks that ended before it, the old rows of chunks that straddle it. */
  async pruneHistory(before: string): Promise<number> {
    return this.db.transaction('rw', [this.history, this.historyChunks], async () => {
      // v4 rows: appended in time order, so the old ones are a prefix of the `seq` order.
      const old = await this.history.toCollection().until((r) => !r || r.TimeStamp >= before).toArray();
      await this.history.bulkDelete(old.map((r) => r.seq!));
      let n = old.length;
      // Chunks too are appended in time order: the ones holding old rows are a prefix of the `seq` order.
      const oldChunks = await this.historyChunks.toCollection().until((c) => !c || c.from >= before).toArray();
      for (const c of oldChunks) {
        const kept = c.rows.filter((r) => r.TimeStamp >= before);
        n += c.rows.length - kept.length;
        if (!kept.length) await this.historyChunks.delete(c.seq!);
        else if (kept.length < c.rows.length) await this.historyChunks.put({ ...toHistoryChunk(kept), seq: c.seq });
      }
      return n;
    });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.settings.get(key))?.value as T | undefined;
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    await this.settings.put({ key, value });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toHistoryChunk(rows: HistoryRow[]): HistoryChunk {
  const keys = new Set<string>();
  let from = rows[0]?.TimeStamp ?? '';
  let to = from;
  for (const r of rows) {
    const k = historyIndexKeys(r);
    keys.add(historyChunkKey(r.table, k._id, k._key));
    if (r.TimeStamp < from) from = r.TimeStamp;
    if (r.TimeStamp > to) to = r.TimeStamp;
  }
  return { rows, keys: [...keys], from, to };
}

function fromStoredHistory(row: StoredHistoryRow): HistoryRow {
  const { seq: _seq, _id, _key, ...rest } = row;
  return rest as HistoryRow;
}

/** Deletes a workspace database. */
export async function deleteDexieDatabase(name: string, opts: DexieStoreOptions = {}): Promise<void> {
  await new Dexie(name, { ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}), ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}) }).delete();
}
