/** Decommission / delete through the engine, with ADT's refusals turned into sentences a user can act on. */
import { engine, useEngineStore } from '../../app/engine/index.ts';
import type { QueryPage, Result, Twin } from '../../engine/types.ts';
import { useExplorer, useModelCatalog } from '../state/index.ts';
import { quote, relationshipsAmong } from '../query/relationshipsAmong.ts';
import { referrersOf, type ModelIndex } from './modelIndex.ts';

export type ActionOutcome = { ok: true; message: string } | { ok: false; code: string; message: string; hint?: string };

export function refusalHint(code: string, id: string, index: ModelIndex): string | undefined {
  if (code === 'ModelReferencesNotDeleted') {
    const refs = referrersOf(index, id);
    return refs.length
      ? `Other models extend it or use it as a component: ${refs.join(', ')}. Delete those first (or decommission this one: existing twins keep working, no new twins can use it).`
      : 'Other models still reference it. Delete them first, or decommission this one instead.';
  }
  if (code === 'ModelNotFound') return 'It may have been deleted in another tab; the list has been refreshed.';
  if (code === 'ModelDecommissioned') return 'It is already decommissioned.';
  return undefined;
}

async function refreshAfterChange(): Promise<void> {
  useEngineStore.setState({ stats: await engine.stats() });
  await useModelCatalog.getState().refresh();
}

export async function decommission(id: string, index: ModelIndex): Promise<ActionOutcome> {
  const r = await engine.decommissionModel(id);
  await refreshAfterChange();
  if (r.ok) return { ok: true, message: `${id} is decommissioned: existing twins keep it, new twins cannot use it.` };
  return { ok: false, code: r.error.code, message: r.error.message, hint: refusalHint(r.error.code, id, index) };
}

export async function remove(id: string, index: ModelIndex): Promise<ActionOutcome> {
  const r = await engine.deleteModel(id);
  await refreshAfterChange();
  if (r.ok) return { ok: true, message: `${id} was deleted.` };
  return { ok: false, code: r.error.code, message: r.error.message, hint: refusalHint(r.error.code, id, index) };
}

/** Puts every twin of the model (subtypes included) on the canvas, with the relationships between them. */
export async function showTwinsOf(id: string): Promise<ActionOutcome> {
  const q = `SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, ${quote(id)})`;
  const twins: Twin[] = [];
  let token: string | null = null;
  do {
    const page: Result<QueryPage> = await engine.query(q, { pageSize: 5000, continuationToken: token });
    if (!page.ok) return { ok: false, code: page.error.code, message: page.error.message };
    twins.push(...(page.value.value as Twin[]));
    token = page.value.continuationToken;
  } while (token);
  const rels = await relationshipsAmong((text, o) => engine.query(text, o), twins.map((t) => t.$dtId));
  useExplorer.getState().showOnCanvas(twins, rels, 'replace');
  return { ok: true, message: `${twins.length} twin${twins.length === 1 ? '' : 's'} of ${id} (with subtypes) on the canvas.` };
}
