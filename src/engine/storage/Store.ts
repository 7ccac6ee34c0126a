/**
 * The storage adapter contract of LocalEngine. The engine keeps the graph in memory; a Store persists it.
 * Every engine command becomes ONE `commit(changes)`: all of it is written or nothing is.
 * Implementations: DexieStore (IndexedDB in the worker; fake-indexeddb in Node) and MemoryStore.
 */
import type { Dtmi, Etag, Relationship, RelationshipId, Twin, TwinId } from '../types.ts';
import type { CancelSignal, PropertyEvent } from '../TwinEngine.ts';

/** A model as stored: the DTDL interface plus ADT's ModelData fields. */
export interface StoredModel {
  id: Dtmi;
  model: unknown;
  uploadTime: string;
  decommissioned: boolean;
}

/** Row of ADT data history's three tables, tagged with the table name. */
export type HistoryRow =
  | ({ table: 'AdtPropertyEvents' } & PropertyEvent)
  | { table: 'AdtTwinLifeCycleEvents'; TwinId: string; Action: 'Create' | 'Delete'; TimeStamp: string; ServiceId: string; ModelId: string }
  | {
      table: 'AdtRelationshipLifeCycleEvents';
      RelationshipId: string;
      Name: string;
      Action: 'Create' | 'Delete';
      TimeStamp: string;
      ServiceId: string;
      Source: string;
      Target: string;
    };

export interface HistoryFilter {
  table: HistoryRow['table'];
  /** Twin id (property rows: Id; twin lifecycle: TwinId; relationship lifecycle: Source). */
  id?: string;
  key?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export type RelationshipKey = readonly [TwinId, RelationshipId];

export interface ChangeSet {
  /** Remove every model, twin and relationship first (ADT delete job). History is kept. */
  clearGraph?: boolean;
  /** A bulk command (import): the store may write its records in bulk form (DexieStore: segments). */
  bulk?: boolean;
  models?: { put?: StoredModel[]; delete?: Dtmi[] };
  twins?: { put?: Twin[]; delete?: TwinId[] };
  relationships?: { put?: Relationship[]; delete?: RelationshipKey[] };
  history?: HistoryRow[];
  /**
   * Optimistic concurrency between tabs: the etag each touched record had when the command was validated
   * (null: absent). When the stored record differs, nothing is written and the conflicting keys are returned.
   */
  expect?: {
    twins?: Array<[TwinId, Etag | null]>;
    relationships?: Array<[TwinId, RelationshipId, Etag | null]>;
  };
}

export type CommitOutcome =
  | { ok: true }
  | { ok: false; conflicts: { twins: TwinId[]; relationships: RelationshipKey[] } };

export interface Snapshot {
  models: StoredModel[];
  twins: Twin[];
  relationships: Relationship[];
}

export interface Store {
  readonly kind: 'dexie' | 'memory';
  /** Reads the whole graph (open). */
  load(): Promise<Snapshot>;
  /**
   * Optional: saves the graph as a snapshot for fast cold starts, if storage still matches what this store last
   * loaded or committed (no other writer since). Returns whether it was saved.
   */
  saveSnapshot?(twins: Twin[], relationships: Relationship[]): Promise<boolean>;
  /**
   * Writes a change set in one transaction. Throws on storage failure (quota, closed database), and CommitCancelled
   * when `signal` is aborted before the transaction completes (checked between chunks; nothing is written then).
   */
  commit(changes: ChangeSet, onProgress?: (done: number, total: number) => void, signal?: CancelSignal): Promise<CommitOutcome>;
  /** Current stored versions of some records (multi-tab reload). */
  getTwins(ids: TwinId[]): Promise<Array<Twin | undefined>>;
  getRelationships(keys: RelationshipKey[]): Promise<Array<Relationship | undefined>>;
  getModels(): Promise<StoredModel[]>;
  queryHistory(filter: HistoryFilter): Promise<HistoryRow[]>;
  /** Deletes history rows older than `before` (ISO); returns how many. */
  pruneHistory(before: string): Promise<number>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
}

export const relKey = (sourceId: string, relationshipId: string): string => `${sourceId}\u0000${relationshipId}`;
