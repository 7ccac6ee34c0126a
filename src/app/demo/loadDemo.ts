/**
 * The built-in demo: a small building (public/demo). Loading goes through the engine like any user import:
 * models first, then the graph, each transactional.
 */
import { engine } from '../engine/index.ts';
import type { EngineError } from '../../engine/types.ts';

export const DEMO_BASE = `${import.meta.env.BASE_URL}demo/`;

export async function loadDemo(): Promise<{ ok: true } | { ok: false; error: EngineError }> {
  const response = await fetch(`${DEMO_BASE}building.json`);
  if (!response.ok) return { ok: false, error: { code: 'ImportFailed', message: `The demo could not be fetched (HTTP ${response.status}).` } };
  // The file is an ADT Explorer export (fileVersion 1.0.0): models, twins and relationships in one transaction.
  const imported = await engine.importGraph(await response.text(), 'adt-explorer-json');
  if (!imported.ok) return imported;
  const [first] = imported.value.errors;
  if (first) return { ok: false, error: { code: first.code, message: `${first.message}${first.pointer ? ` (at ${first.pointer})` : ''}` } };
  // The demo's 3D scenes, bound to these twins (loaded on demand: the scene code is a chunk of its own).
  const { installDemoScenes } = await import('../../scenes/demo/installDemoScenes.ts');
  const scenes = await installDemoScenes();
  if (!scenes.ok) return { ok: false, error: { code: 'ImportFailed', message: scenes.message } };
  return { ok: true };
}
