/**
 * Numbered, pure migrations of the scene document (`scene/N` upgrades a version-N document to N+1).
 * Version 1 is the first published version, so the list is empty today; the runner below is what every
 * future step goes through (tested with its own steps in migrations.test.ts). Never edit a published step.
 */
import { SCENE_DOCUMENT_FORMAT, SCENE_DOCUMENT_VERSION } from './formats.ts';
import { sceneErr, sceneOk, type SceneResult } from './errors.ts';

export interface SceneMigration {
  /** `scene/N`: upgrades version N to N+1. */
  id: string;
  from: number;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export const SCENE_MIGRATIONS: readonly SceneMigration[] = [];

/** Checks that steps are numbered from 1 (or the first kept version) and go up by one. */
export function checkMigrationSequence(steps: readonly SceneMigration[], current: number): SceneResult<void> {
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.id !== `scene/${s.from}`) return sceneErr('InvalidArgument', `migration ${s.id} should be named scene/${s.from}`);
    if (i > 0 && s.from !== steps[i - 1].from + 1) return sceneErr('InvalidArgument', `migration ${s.id} does not follow ${steps[i - 1].id}`);
  }
  if (steps.length && steps[steps.length - 1].from + 1 !== current) {
    return sceneErr('InvalidArgument', `the last migration must produce version ${current}`);
  }
  return sceneOk(undefined);
}

/**
 * Upgrades a raw document to `current`. Works on a structured clone; the input is not modified.
 * Returns FormatUnknown for a non-document, FormatTooNew for a document written by a newer app.
 */
export function migrateSceneDocument(
  raw: unknown,
  steps: readonly SceneMigration[] = SCENE_MIGRATIONS,
  current: number = SCENE_DOCUMENT_VERSION,
): SceneResult<{ doc: Record<string, unknown>; applied: string[] }> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return sceneErr('FormatUnknown', 'A scene document is a JSON object');
  const r = raw as Record<string, unknown>;
  if (r.format !== SCENE_DOCUMENT_FORMAT) return sceneErr('FormatUnknown', `Not a Twinscape scene document (format ${JSON.stringify(r.format)})`, '/format');
  const version = r.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return sceneErr('ValidationFailed', 'version must be a positive integer', '/version');
  }
  if (version > current) {
    return sceneErr('FormatTooNew', `This scene document is version ${version}; this app reads up to version ${current}. Update Twinscape.`, '/version');
  }
  let doc = structuredClone(r);
  const applied: string[] = [];
  for (let v = version; v < current; v++) {
    const step = steps.find((s) => s.from === v);
    if (!step) return sceneErr('ValidationFailed', `No migration from version ${v}`, '/version');
    doc = { ...step.up(doc), version: v + 1 };
    applied.push(step.id);
  }
  return sceneOk({ doc, applied });
}
