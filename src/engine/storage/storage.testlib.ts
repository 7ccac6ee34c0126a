/** What the DexieStore storage tests share: a building graph above the segment threshold and engine helpers. */
import { createLocalEngine, DexieStore, type LocalEngine } from '../index.ts';
import { generateBuildingGraph, toNdjson } from '../bench/generateBuildingGraph.ts';

export const graph = generateBuildingGraph(600); // 600 twins + 1,800 relationships: above the 1,000-record segment threshold
export const text = toNdjson(graph);
export const roomIds = graph.twins.filter((t) => String((t.$metadata as { $model: string }).$model).endsWith('Room;1')).map((t) => t.$dtId as string);

/** Database names unique to this process and call. */
export function dbNames(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${process.pid}-${n++}`;
}

export const openEngine = async (name: string) => createLocalEngine({ store: await new DexieStore(name).open(), snapshotThreshold: 0 });

export async function exportOf(e: LocalEngine): Promise<string> {
  const r = await e.exportGraph('ndjson');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export const rowCount = (e: LocalEngine, table: string) => (e.store as DexieStore).db.table(table).count();

/** Deletes a twin after its outgoing and incoming relationships (the engine refuses otherwise). */
export async function deleteTwinAndRelationships(e: LocalEngine, id: string): Promise<boolean> {
  const out = await e.listRelationships(id);
  for (const r of out.ok ? out.value : []) await e.deleteRelationship(id, r.$relationshipId);
  const incoming = await e.listIncomingRelationships(id);
  for (const r of incoming.ok ? incoming.value : []) await e.deleteRelationship(r.$sourceId, r.$relationshipId);
  return (await e.deleteTwin(id)).ok;
}
