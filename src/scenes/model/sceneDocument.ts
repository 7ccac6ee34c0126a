/**
 * Creating, loading (migrate + restore) and serialising the Twinscape scene document.
 */
import { SCENE_DOCUMENT_FORMAT, SCENE_DOCUMENT_VERSION } from './formats.ts';
import { migrateSceneDocument } from './migrations.ts';
import { restoreConfiguration, type RestoreReport } from './restoreConfiguration.ts';
import type { SceneResult } from './errors.ts';
import type { SceneDocument } from './types.ts';

export function createSceneDocument(): SceneDocument {
  return { format: SCENE_DOCUMENT_FORMAT, version: SCENE_DOCUMENT_VERSION, configuration: { scenes: [], behaviors: [], layers: [] } };
}

export interface LoadedSceneDocument extends Omit<RestoreReport, 'configuration'> {
  document: SceneDocument;
  migrations: string[];
}

export function loadSceneDocument(raw: unknown): SceneResult<LoadedSceneDocument> {
  const m = migrateSceneDocument(raw);
  if (!m.ok) return m;
  const r = restoreConfiguration(m.value.doc.configuration);
  if (!r.ok) return r;
  const d = m.value.doc;
  const document: SceneDocument = {
    format: SCENE_DOCUMENT_FORMAT,
    version: SCENE_DOCUMENT_VERSION,
    ...(typeof d.adtSchema === 'string' ? { adtSchema: d.adtSchema } : {}),
    ...(d.adtExtra && typeof d.adtExtra === 'object' ? { adtExtra: d.adtExtra as Record<string, unknown> } : {}),
    configuration: r.value.configuration,
  };
  return { ok: true, value: { document, fixes: r.value.fixes, warnings: r.value.warnings, migrations: m.value.applied } };
}

export function serializeSceneDocument(doc: SceneDocument): string {
  return JSON.stringify(doc, null, 2);
}
