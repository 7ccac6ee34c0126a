/**
 * Dexie schema history of a workspace database. Versions only grow: add a new `db.version(n)` listing the
 * changed tables, with a data rewrite in `.upgrade()`; never edit an old one.
 * @see https://dexie.org/docs/Tutorial/Design#database-versioning
 */
import type { Dexie, Transaction } from 'dexie';

export const SCHEMA_VERSION = 6;

/** v1 (first release): graph tables and settings. */
export const SCHEMA_V1 = {
  models: 'id',
  twins: '$dtId, $metadata.$model',
  relationships: '[$sourceId+$relationshipId], $targetId',
  settings: 'key',
};

/**
 * v2: data history (ADT's three tables in one store, tagged by `table`), scenes and assets.
 * Upgrade: models stored by v1 without `decommissioned`/`uploadTime` get ADT's defaults.
 */
export const SCHEMA_V2 = {
  history: '++seq, TimeStamp, [table+_id+TimeStamp], [table+_id+_key+TimeStamp]',
  scenes: 'id',
  assets: 'id',
};

export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx.table('models').toCollection().modify((m: Record<string, unknown>) => {
    if (typeof m.decommissioned !== 'boolean') m.decommissioned = false;
    if (typeof m.uploadTime !== 'string') m.uploadTime = new Date(0).toISOString();
  });
}

/**
 * v3: `snapshot`, the whole graph as a few JSON text chunks stamped with the commit counter they match; a cold start
 * reads it instead of every record when nothing was committed since (no data rewrite needed).
 */
export const SCHEMA_V3 = {
  snapshot: 'id',
};

/**
 * v4: history keeps one secondary index, [table+_id+_key+TimeStamp] (twin, property, time): every extra index cost
 * about as much as the row itself on the patch path. Queries by twin alone range over it; others scan in `seq` order.
 */
export const SCHEMA_V4 = {
  history: '++seq, [table+_id+_key+TimeStamp]',
};

/**
 * v5: history is appended as one row per commit (`historyChunks`: the commit's rows, their [table, twin, key] strings
 * in a multiEntry index, their time span; appended in time order, so pruning reads a prefix): one stored record per commit instead of one per property change, which
 * was most of the cost of a patch. v4 `history` rows stay readable (queries read both); new rows go to chunks.
 */
export const SCHEMA_V5 = {
  historyChunks: '++seq, *keys',
};

/**
 * v6: `segments` (a bulk import's twins and relationships, thousands of records per row, sorted by key) and
 * `tombstones` (records deleted since from a segment); see segments.ts for the override rule. The segment index
 * lives in `settings` (key `segments`). Existing per-record rows stay valid as they are (no data rewrite).
 */
export const SCHEMA_V6 = {
  segments: 'id',
  tombstones: 'k',
};

export function declareSchema(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
  db.version(5).stores(SCHEMA_V5);
  db.version(6).stores(SCHEMA_V6);
}
