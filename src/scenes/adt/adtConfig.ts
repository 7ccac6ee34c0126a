/**
 * Import and export of ADT 3D Scenes Studio's `3DScenesConfiguration.json` v1.0.0.
 * The scene document's configuration has the same shape, so both directions keep every key: `$schema`
 * and unknown top-level keys are carried on the document; everything inside `configuration` is kept as is
 * (Twinscape-only data sits in `extensionProperties.twinscape`, which ADT's schema allows).
 * @see ../../../shared/reference/scenes-studio.md §2
 */
import { ADT_SCENES_SCHEMA_URL, SCENE_DOCUMENT_FORMAT, SCENE_DOCUMENT_VERSION } from '../model/formats.ts';
import { restoreConfiguration, type RestoreReport } from '../model/restoreConfiguration.ts';
import type { SceneResult } from '../model/errors.ts';
import type { SceneDocument } from '../model/types.ts';

export interface AdtScenesConfig {
  $schema: string;
  configuration: unknown;
  [key: string]: unknown;
}

export interface AdtImport extends Omit<RestoreReport, 'configuration'> {
  document: SceneDocument;
}

export function importAdtScenesConfig(raw: unknown): SceneResult<AdtImport> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: { code: 'FormatUnknown', message: '3DScenesConfiguration.json must be a JSON object' } };
  }
  const { $schema, configuration, ...extra } = raw as Record<string, unknown>;
  if (configuration === undefined) {
    return { ok: false, error: { code: 'FormatUnknown', message: 'Not a 3DScenesConfiguration file: no "configuration"', pointer: '/configuration' } };
  }
  if (typeof $schema === 'string' && /3DScenesConfiguration\/v(\d+)\.(\d+)\.(\d+)\//.test($schema)) {
    const v = /\/v(\d+\.\d+\.\d+)\//.exec($schema)?.[1];
    if (v && v !== '1.0.0') {
      return { ok: false, error: { code: 'FormatTooNew', message: `3DScenesConfiguration version ${v} is not supported (only 1.0.0)`, pointer: '/$schema' } };
    }
  }
  const r = restoreConfiguration(configuration);
  if (!r.ok) return r;
  const warnings = [...r.value.warnings];
  if (typeof $schema !== 'string') warnings.push({ pointer: '/$schema', message: '$schema is missing (ADT requires it); the standard one is written on export' });
  const document: SceneDocument = {
    format: SCENE_DOCUMENT_FORMAT,
    version: SCENE_DOCUMENT_VERSION,
    ...(typeof $schema === 'string' ? { adtSchema: $schema } : {}),
    ...(Object.keys(extra).length ? { adtExtra: extra } : {}),
    configuration: r.value.configuration,
  };
  return { ok: true, value: { document, fixes: r.value.fixes, warnings } };
}

export function exportAdtScenesConfig(doc: SceneDocument): AdtScenesConfig {
  return {
    $schema: doc.adtSchema ?? ADT_SCENES_SCHEMA_URL,
    ...structuredClone(doc.adtExtra ?? {}),
    configuration: structuredClone(doc.configuration),
  };
}
