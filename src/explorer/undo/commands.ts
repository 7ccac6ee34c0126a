/**
 * Graph edits as undoable Commands over the engine. Each one captures what it needs to reverse itself at
 * the moment it runs (a deleted twin's body and relationships, a patch's inverse).
 */
import { engine } from '../../app/engine/index.ts';
import type { EngineError, JsonPatchOp, Relationship, Result, Twin } from '../../engine/types.ts';
import { inversePatch, relationshipCreateBody, twinCreateBody } from '../inspector/buildPatch.ts';
import type { Command, CommandResult } from './undoStack.ts';

function res(r: Result<unknown, EngineError>): CommandResult {
  return r.ok ? { ok: true } : { ok: false, message: `${r.error.code}: ${r.error.message}` };
}

export function createTwinCommand(id: string, body: Record<string, unknown>, onCreated?: (twin: Twin) => void): Command {
  return {
    label: `create twin ${id}`,
    run: async () => {
      const r = await engine.upsertTwin(id, body, { ifNoneMatch: '*' });
      if (r.ok) onCreated?.(r.value);
      return res(r);
    },
    undo: async () => {
      // A relationship added since would block the delete; remove the twin's edges with it.
      const rels = await collectRelationships([id]);
      for (const rel of rels) await engine.deleteRelationship(rel.$sourceId, rel.$relationshipId);
      return res(await engine.deleteTwin(id));
    },
  };
}

export function patchTwinCommand(id: string, original: Twin, patch: JsonPatchOp[], etag: string): Command {
  const inverse = inversePatch(original, patch);
  let first = true;
  return {
    label: `edit twin ${id}`,
    run: async () => {
      const r = await engine.patchTwin(id, patch, first ? { ifMatch: etag } : undefined);
      first = false;
      return res(r);
    },
    undo: async () => res(await engine.patchTwin(id, inverse)),
  };
}

export function patchRelationshipCommand(rel: Relationship, patch: JsonPatchOp[], etag: string): Command {
  const inverse = inversePatch(rel, patch);
  let first = true;
  return {
    label: `edit relationship ${rel.$relationshipId}`,
    run: async () => {
      const r = await engine.patchRelationship(rel.$sourceId, rel.$relationshipId, patch, first ? { ifMatch: etag } : undefined);
      first = false;
      return res(r);
    },
    undo: async () => res(await engine.patchRelationship(rel.$sourceId, rel.$relationshipId, inverse)),
  };
}

export function createRelationshipCommand(sourceId: string, relId: string, body: Record<string, unknown>, onCreated?: (rel: Relationship) => void): Command {
  return {
    label: `create relationship ${String(body.$relationshipName)}`,
    run: async () => {
      const r = await engine.upsertRelationship(sourceId, relId, body, { ifNoneMatch: '*' });
      if (r.ok) onCreated?.(r.value);
      return res(r);
    },
    undo: async () => res(await engine.deleteRelationship(sourceId, relId)),
  };
}

/** Every relationship touching the given twins (in and out), without duplicates. */
export async function collectRelationships(ids: readonly string[]): Promise<Relationship[]> {
  const found = new Map<string, Relationship>();
  for (const id of ids) {
    const out = await engine.listRelationships(id);
    if (out.ok) for (const r of out.value) found.set(`${r.$sourceId}/relationships/${r.$relationshipId}`, r);
    const inc = await engine.listIncomingRelationships(id);
    if (inc.ok) {
      for (const r of inc.value) {
        const key = `${r.$sourceId}/relationships/${r.$relationshipId}`;
        if (found.has(key)) continue;
        const full = await engine.getRelationship(r.$sourceId, r.$relationshipId);
        if (full.ok) found.set(key, full.value);
      }
    }
  }
  return [...found.values()];
}

/**
 * Deletes twins and relationships (the relationships first, as ADT requires). Undo re-creates the twins, then
 * the relationships with their ids and properties.
 */
export function deleteCommand(twins: Twin[], relationships: Relationship[], alsoRelationshipsOnly: Relationship[] = []): Command {
  const rels = [...relationships, ...alsoRelationshipsOnly];
  const label = twins.length > 0
    ? `delete ${twins.length === 1 ? `twin ${twins[0].$dtId}` : `${twins.length} twins`}`
    : `delete ${rels.length === 1 ? `relationship ${rels[0].$relationshipId}` : `${rels.length} relationships`}`;
  return {
    label,
    run: async () => {
      for (const r of rels) {
        const d = await engine.deleteRelationship(r.$sourceId, r.$relationshipId);
        if (!d.ok && d.error.code !== 'RelationshipNotFound') return res(d);
      }
      for (const t of twins) {
        const d = await engine.deleteTwin(t.$dtId);
        if (!d.ok) return res(d);
      }
      return { ok: true };
    },
    undo: async () => {
      for (const t of twins) {
        const c = await engine.upsertTwin(t.$dtId, twinCreateBody(t));
        if (!c.ok) return res(c);
      }
      for (const r of rels) {
        const c = await engine.upsertRelationship(r.$sourceId, r.$relationshipId, relationshipCreateBody(r));
        if (!c.ok) return res(c);
      }
      return { ok: true };
    },
  };
}

/** A node move (drag or layout): positions before and after, applied by the canvas. */
export function moveCommand(
  label: string, before: Record<string, { x: number; y: number }>, after: Record<string, { x: number; y: number }>,
  apply: (positions: Record<string, { x: number; y: number }>) => void,
): Command {
  return {
    label,
    run: async () => {
      apply(after);
      return { ok: true };
    },
    undo: async () => {
      apply(before);
      return { ok: true };
    },
  };
}
