/**
 * Conflict resolution: re-applies the user's JSON Patch on top of the version stored since. A `remove` of a
 * path the stored version no longer has is dropped (the other writer already removed it); adds and replaces
 * win over the stored values (the user saw both versions and chose to re-apply).
 */
import type { JsonPatchOp } from '../../engine/types.ts';
import { applyPatch } from '../state/canvasContent.ts';

export function hasPath(doc: Record<string, unknown>, path: string): boolean {
  let node: unknown = doc;
  for (const seg of path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (node === null || typeof node !== 'object' || !(seg in (node as object))) return false;
    node = (node as Record<string, unknown>)[seg];
  }
  return true;
}

export function reapplyPatch(latest: Record<string, unknown>, mine: readonly JsonPatchOp[]): Record<string, unknown> {
  return applyPatch(latest, mine.filter((op) => op.op !== 'remove' || hasPath(latest, op.path)));
}
