/**
 * Gives a workspace without scenes the demo scenes (public/demo/scene/demo.scenes.json), through the same store and
 * persistence as a user's edit, so they are saved in the engine's scene repository. Called by the Scenes view on
 * first open and by the app's "Load demo building", so "Show in 3D" works before the Scenes view was ever opened.
 */
import { startScenePersistence } from '../state/scenePersistenceClient.ts';
import { useSceneStore } from '../state/sceneStore.ts';
import { importDocument } from '../ui/importDocument.ts';

const BASE = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');

export async function installDemoScenes(): Promise<{ ok: true; installed: boolean } | { ok: false; message: string }> {
  const persistence = await startScenePersistence();
  if (useSceneStore.getState().initialised) return { ok: true, installed: false };
  const response = await fetch(`${BASE}demo/scene/demo.scenes.json`);
  if (!response.ok) return { ok: false, message: `Demo scenes could not be loaded (HTTP ${response.status}).` };
  const r = importDocument(await response.json());
  if (!r.ok) return { ok: false, message: `Demo scenes could not be read: ${r.error.message}` };
  if (useSceneStore.getState().initialised) return { ok: true, installed: false };
  useSceneStore.setState({
    doc: r.value.document, sceneId: r.value.document.configuration.scenes[0]?.id ?? null, initialised: true, past: [], future: [],
  });
  await persistence.flush();
  return { ok: true, installed: true };
}
