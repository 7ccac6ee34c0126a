/**
 * Dexie schema history of a workspace's scene database (`twinscape-scenes:<workspaceId>`), separate from the
 * graph database so scene documents and model files never slow a graph load. Versions only grow: add a new
 * `db.version(n)` with the changed tables and a data rewrite in `.upgrade()`; never edit an old one.
 * @see https://dexie.org/docs/Tutorial/Design#database-versioning
 */
import type { Dexie, Transaction } from 'dexie';

export const SCENES_SCHEMA_VERSION = 2;

/** v1: scene documents by id, assets (model files) by content hash. */
export const SCENES_SCHEMA_V1 = {
  documents: 'id',
  assets: 'hash',
};

/**
 * v2: `updatedAt` index on documents (list newest first without reading the bodies) and `createdAt` on assets.
 * Upgrade: v1 records written without timestamps get the epoch, and documents without a `size` get theirs.
 */
export const SCENES_SCHEMA_V2 = {
  documents: 'id, updatedAt',
  assets: 'hash, createdAt',
};

export async function upgradeScenesToV2(tx: Transaction): Promise<void> {
  const epoch = new Date(0).toISOString();
  await tx.table('documents').toCollection().modify((d: Record<string, unknown>) => {
    if (typeof d.updatedAt !== 'string') d.updatedAt = epoch;
    if (typeof d.createdAt !== 'string') d.createdAt = d.updatedAt;
    if (typeof d.size !== 'number') d.size = JSON.stringify(d.doc ?? null).length;
  });
  await tx.table('assets').toCollection().modify((a: Record<string, unknown>) => {
    if (typeof a.createdAt !== 'string') a.createdAt = epoch;
  });
}

/** Declares every version up to `upTo` (tests open older versions to check the upgrades). */
export function declareScenesSchema(db: Dexie, upTo = SCENES_SCHEMA_VERSION): void {
  db.version(1).stores(SCENES_SCHEMA_V1);
  if (upTo >= 2) db.version(2).stores(SCENES_SCHEMA_V2).upgrade(upgradeScenesToV2);
}
