/**
 * Export of the whole graph. Twins are written as ADT Explorer does (`$metadata` reduced to `$model`, keeping any
 * `sourceTime`s so a round trip is lossless; no `$etag`), relationships with their properties at the top level.
 */
import { ok, type Relationship, type Result, type Twin } from '../types.ts';
import type { GraphFormat } from '../TwinEngine.ts';
import type { GraphState } from '../graph/GraphState.ts';
import type { StoredModel } from '../storage/Store.ts';
import { directDependencies } from '../model/ModelRegistry.ts';
import { isPlainObject } from '../util/clone.ts';
import type { GraphDocument } from './GraphDocument.ts';
import { writeAdtExplorerJson } from './adtExplorerJson.ts';
import { writeNdjson } from './ndjson.ts';

export function exportTwin(t: Twin): Record<string, unknown> {
  const meta: Record<string, unknown> = { $model: t.$metadata.$model };
  for (const [k, v] of Object.entries(t.$metadata)) {
    if (!k.startsWith('$') && isPlainObject(v) && typeof v.sourceTime === 'string') meta[k] = { sourceTime: v.sourceTime };
  }
  const out: Record<string, unknown> = { $dtId: t.$dtId, $metadata: meta };
  for (const [k, v] of Object.entries(t)) {
    if (k.startsWith('$')) continue;
    out[k] = isPlainObject(v) && isPlainObject(v.$metadata) ? exportComponent(v) : v;
  }
  return out;
}

function exportComponent(c: Record<string, unknown>): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.$metadata as Record<string, unknown>)) {
    if (!k.startsWith('$') && isPlainObject(v) && typeof v.sourceTime === 'string') meta[k] = { sourceTime: v.sourceTime };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (!k.startsWith('$')) out[k] = v;
  out.$metadata = meta;
  return out;
}

export function exportRelationship(r: Relationship): Record<string, unknown> {
  const { $etag: _e, ...rest } = r;
  return rest;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Models in dependency order (bases and component schemas first), ties by id: deterministic and importable anywhere. */
export function orderedModels(graph: GraphState): StoredModel[] {
  const all = graph.models.all().sort((a, b) => byString(a.id, b.id));
  const byId = new Map(all.map((m) => [m.id, m] as const));
  const out: StoredModel[] = [];
  const done = new Set<string>();
  const visit = (m: StoredModel, stack: Set<string>) => {
    if (done.has(m.id) || stack.has(m.id)) return;
    stack.add(m.id);
    for (const d of directDependencies(m.model).sort(byString)) {
      const dm = byId.get(d);
      if (dm) visit(dm, stack);
    }
    done.add(m.id);
    out.push(m);
  };
  for (const m of all) visit(m, new Set());
  return out;
}

/** The graph in a deterministic order (twins by id, relationships by source then id). */
export function graphDocument(graph: GraphState): GraphDocument {
  const twins = [...graph.twins()].sort((a, b) => byString(a.$dtId, b.$dtId));
  const rels = [...graph.relationships()].sort((a, b) => byString(a.$sourceId, b.$sourceId) || byString(a.$relationshipId, b.$relationshipId));
  return {
    models: orderedModels(graph).map((m) => ({ doc: m.model })),
    twins: twins.map((t) => ({ id: t.$dtId, body: exportTwin(t) })),
    relationships: rels.map((r) => ({ sourceId: r.$sourceId, id: r.$relationshipId, body: exportRelationship(r) })),
  };
}

export function exportGraph(graph: GraphState, format: GraphFormat): Result<string> {
  const doc = graphDocument(graph);
  return ok(format === 'ndjson' ? writeNdjson(doc) : writeAdtExplorerJson(doc));
}
