/** Import of a file dropped on the studio: a Twinscape scene document or an ADT 3DScenesConfiguration.json. */
import { importAdtScenesConfig } from '../adt/index.ts';
import { loadSceneDocument, SCENE_DOCUMENT_FORMAT, type Problem, type SceneDocument, type SceneResult } from '../model/index.ts';

export function importDocument(raw: unknown): SceneResult<{ document: SceneDocument; notes: Problem[]; kind: 'twinscape' | 'adt' }> {
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === SCENE_DOCUMENT_FORMAT) {
    const r = loadSceneDocument(raw);
    return r.ok ? { ok: true, value: { document: r.value.document, notes: [...r.value.fixes, ...r.value.warnings], kind: 'twinscape' } } : r;
  }
  const r = importAdtScenesConfig(raw);
  return r.ok ? { ok: true, value: { document: r.value.document, notes: [...r.value.fixes, ...r.value.warnings], kind: 'adt' } } : r;
}
