/**
 * Pure logic of what the twin canvas holds: twins by id, relationships by relationshipKey. Every function
 * returns a new CanvasContent (new Maps) and never mutates its input, so React/zustand see the change; twin
 * objects that did not change keep their identity, which lets the canvas diff cheaply.
 */
import type { CloudEvent, JsonPatchOp, Relationship, Twin } from '../../engine/types.ts';
import { parseRelationshipKey, relationshipKey } from './relationshipKey.ts';

export interface CanvasContent {
  twins: ReadonlyMap<string, Twin>;
  relationships: ReadonlyMap<string, Relationship>;
}

export type ShowMode = 'replace' | 'overlay';

export const emptyCanvas: CanvasContent = { twins: new Map(), relationships: new Map() };

export function keyOf(rel: Pick<Relationship, '$sourceId' | '$relationshipId'>): string {
  return relationshipKey(rel.$sourceId, rel.$relationshipId);
}

/** 'replace': the canvas becomes exactly these; 'overlay': these are added (newer versions win). */
export function showContent(
  current: CanvasContent, twins: readonly Twin[], relationships: readonly Relationship[], mode: ShowMode,
): CanvasContent {
  const t = mode === 'replace' ? new Map<string, Twin>() : new Map(current.twins);
  const r = mode === 'replace' ? new Map<string, Relationship>() : new Map(current.relationships);
  for (const twin of twins) {
    const old = current.twins.get(twin.$dtId);
    // Keep identity when the same version comes back, so the canvas does not restyle it.
    t.set(twin.$dtId, old && old.$etag === twin.$etag ? old : twin);
  }
  for (const rel of relationships) {
    const key = keyOf(rel);
    const old = current.relationships.get(key);
    r.set(key, old && old.$etag === rel.$etag ? old : rel);
  }
  return { twins: t, relationships: r };
}

/** Removes twins and every relationship touching them. */
export function removeTwins(current: CanvasContent, ids: Iterable<string>): CanvasContent {
  const drop = new Set(ids);
  if (drop.size === 0) return current;
  const t = new Map(current.twins);
  for (const id of drop) t.delete(id);
  const r = new Map<string, Relationship>();
  for (const [k, rel] of current.relationships) {
    if (!drop.has(rel.$sourceId) && !drop.has(rel.$targetId)) r.set(k, rel);
  }
  return { twins: t, relationships: r };
}

/** Relationships whose both ends are on the canvas (the edges the canvas can draw). */
export function drawableRelationships(content: CanvasContent): Relationship[] {
  const out: Relationship[] = [];
  for (const rel of content.relationships.values()) {
    if (content.twins.has(rel.$sourceId) && content.twins.has(rel.$targetId)) out.push(rel);
  }
  return out;
}

function decodePointer(path: string): string[] {
  return path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies an ADT JSON Patch to a copy of a twin/relationship body (for live display; the engine validated it). */
export function applyPatch<T extends Record<string, unknown>>(doc: T, patch: readonly JsonPatchOp[]): T {
  const root = structuredClone(doc) as Record<string, unknown>;
  for (const op of patch) {
    const parts = decodePointer(op.path);
    if (parts.length === 0) continue;
    let node: Record<string, unknown> = root;
    let ok = true;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object') {
        if (op.op === 'remove') { ok = false; break; }
        node[part] = {};
      }
      node = node[part] as Record<string, unknown>;
    }
    if (!ok) continue;
    const last = parts[parts.length - 1];
    if (op.op === 'remove') delete node[last];
    else node[last] = structuredClone(op.value);
  }
  return root as T;
}

export interface EventEffect {
  content: CanvasContent;
  /** Twins on the canvas whose stored version should be fetched again (etag is not in Update events). */
  stale: string[];
  /** Twin ids or relationship keys deleted by these events. */
  deleted: string[];
}

const TWIN = 'Microsoft.DigitalTwins.Twin.';
const REL = 'Microsoft.DigitalTwins.Relationship.';

/**
 * Folds a batch of committed engine events into the canvas. Creates of twins are NOT added (the canvas shows
 * what the user asked to see) unless `addCreatedTwins`; relationship creates are added when both ends are
 * on the canvas; updates patch what is shown; deletes remove it.
 */
export function applyEvents(
  current: CanvasContent, events: readonly CloudEvent[], opts: { addCreatedTwins?: Set<string> } = {},
): EventEffect {
  let twins: Map<string, Twin> | null = null;
  let rels: Map<string, Relationship> | null = null;
  const T = () => (twins ??= new Map(current.twins));
  const R = () => (rels ??= new Map(current.relationships));
  const stale = new Set<string>();
  const deleted: string[] = [];
  for (const ev of events) {
    if (ev.type.startsWith(TWIN)) {
      const id = ev.subject;
      const kind = ev.type.slice(TWIN.length);
      if (kind === 'Create') {
        const twin = ev.data as Twin;
        if (opts.addCreatedTwins?.has(id) || (twins ?? current.twins).has(id)) T().set(id, twin);
      } else if (kind === 'Update') {
        const shown = (twins ?? current.twins).get(id);
        if (!shown) continue;
        const data = ev.data as { patch?: JsonPatchOp[] } | null;
        if (data?.patch) {
          T().set(id, applyPatch(shown, data.patch));
          stale.add(id);
        }
      } else if (kind === 'Delete') {
        if ((twins ?? current.twins).has(id)) {
          T().delete(id);
          deleted.push(id);
          stale.delete(id);
        }
        for (const [k, rel] of rels ?? current.relationships) {
          if (rel.$sourceId === id || rel.$targetId === id) {
            R().delete(k);
          }
        }
      }
    } else if (ev.type.startsWith(REL)) {
      const kind = ev.type.slice(REL.length);
      const key = ev.subject;
      if (kind === 'Create') {
        const rel = ev.data as Relationship;
        const t = twins ?? current.twins;
        if (t.has(rel.$sourceId) && t.has(rel.$targetId)) R().set(keyOf(rel), rel);
      } else if (kind === 'Update') {
        const shown = (rels ?? current.relationships).get(key);
        const data = ev.data as { patch?: JsonPatchOp[] } | null;
        if (shown && data?.patch) R().set(key, applyPatch(shown, data.patch));
      } else if (kind === 'Delete') {
        const rel = ev.data as Relationship | null;
        const k = rel && rel.$sourceId ? keyOf(rel) : key;
        if ((rels ?? current.relationships).has(k)) {
          R().delete(k);
          deleted.push(k);
        }
      }
    }
  }
  if (!twins && !rels) return { content: current, stale: [...stale], deleted };
  return {
    content: { twins: twins ?? current.twins, relationships: rels ?? current.relationships },
    stale: [...stale],
    deleted,
  };
}

export { parseRelationshipKey };
