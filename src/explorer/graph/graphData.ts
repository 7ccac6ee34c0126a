/**
 * Fetching graph data from the engine for the canvas: the whole workspace, outgoing relationships of twins
 * newly shown, and neighbourhood expansion (in / out / both, depth 1–5). Results are values, never throws.
 */
import { engine } from '../../app/engine/index.ts';
import type { EngineError, IncomingRelationship, QueryPage, Relationship, Result, Twin } from '../../engine/types.ts';

type R<T> = Result<T, EngineError>;

async function queryAll<T>(q: string, limit: number): Promise<R<T[]>> {
  const out: T[] = [];
  let token: string | null = null;
  do {
    const page: R<QueryPage> = await engine.query(q, { continuationToken: token, pageSize: 5000 });
    if (!page.ok) return page;
    for (const row of page.value.value) out.push(row as T);
    token = page.value.continuationToken;
  } while (token && out.length < limit);
  return { ok: true, value: out };
}

interface ExportShape {
  digitalTwinsGraph?: { digitalTwins?: Twin[]; relationships?: Relationship[] };
}

/** Every twin and relationship of the workspace (up to `limit` twins). */
export async function loadWholeWorkspace(limit = 100_000): Promise<R<{ twins: Twin[]; relationships: Relationship[] }>> {
  const twins = await queryAll<Twin>('SELECT * FROM digitaltwins', limit);
  if (twins.ok) {
    const rels = await queryAll<Relationship>('SELECT * FROM relationships', limit * 4);
    if (rels.ok) return { ok: true, value: { twins: twins.value, relationships: rels.value } };
  }
  // Fall back on the export (the same data in one call) if the query language cannot serve it.
  const exported = await engine.exportGraph('adt-explorer-json');
  if (!exported.ok) return exported;
  try {
    const doc = JSON.parse(exported.value) as ExportShape;
    return { ok: true, value: { twins: doc.digitalTwinsGraph?.digitalTwins ?? [], relationships: doc.digitalTwinsGraph?.relationships ?? [] } };
  } catch (e) {
    return { ok: false, error: { code: 'BadRequest', message: `The workspace export could not be read: ${String(e)}` } };
  }
}

async function pool<T, U>(items: readonly T[], size: number, fn: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Outgoing relationships of the given twins (missing twins are skipped). */
export async function outgoingRelationships(ids: readonly string[]): Promise<Relationship[]> {
  const lists = await pool<string, R<Relationship[]>>(ids, 16, (id) => engine.listRelationships(id));
  const out: Relationship[] = [];
  for (const l of lists) if (l.ok) out.push(...l.value);
  return out;
}

export type Direction = 'in' | 'out' | 'both';

export interface Expansion {
  twins: Twin[];
  relationships: Relationship[];
  truncated: boolean;
}

/** Breadth-first neighbourhood of `roots` up to `depth` hops, at most `maxTwins` new twins. */
export async function expandNeighbourhood(
  roots: readonly string[], direction: Direction, depth: number, known: ReadonlySet<string>, maxTwins = 5000,
): Promise<R<Expansion>> {
  const seen = new Set<string>(roots);
  const relationships = new Map<string, Relationship>();
  const newIds: string[] = [];
  let frontier = [...roots];
  let truncated = false;
  for (let level = 0; level < Math.min(5, Math.max(1, depth)) && frontier.length > 0; level++) {
    const next: string[] = [];
    const visit = (id: string) => {
      if (seen.has(id)) return;
      if (newIds.length >= maxTwins) {
        truncated = true;
        return;
      }
      seen.add(id);
      next.push(id);
      if (!known.has(id)) newIds.push(id);
    };
    if (direction !== 'in') {
      const lists = await pool<string, R<Relationship[]>>(frontier, 16, (id) => engine.listRelationships(id));
      for (const l of lists) {
        if (!l.ok) continue;
        for (const rel of l.value) {
          relationships.set(`${rel.$sourceId}/relationships/${rel.$relationshipId}`, rel);
          visit(rel.$targetId);
        }
      }
    }
    if (direction !== 'out') {
      const lists = await pool<string, R<IncomingRelationship[]>>(frontier, 16, (id) => engine.listIncomingRelationships(id));
      const incoming = lists.flatMap((l) => (l.ok ? l.value : []));
      const full = await pool<IncomingRelationship, R<Relationship>>(incoming, 16, (r) => engine.getRelationship(r.$sourceId, r.$relationshipId));
      for (const f of full) {
        if (!f.ok) continue;
        relationships.set(`${f.value.$sourceId}/relationships/${f.value.$relationshipId}`, f.value);
        visit(f.value.$sourceId);
      }
    }
    frontier = next;
  }
  const got = await pool<string, R<Twin>>(newIds, 16, (id) => engine.getTwin(id));
  const twins = got.filter((g): g is { ok: true; value: Twin } => g.ok).map((g) => g.value);
  return { ok: true, value: { twins, relationships: [...relationships.values()], truncated } };
}
