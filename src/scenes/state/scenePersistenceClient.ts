/**
 * The studio's persistence wired to the app's engine client: `sceneCall` (engine.sceneCall, typed) and one
 * ScenePersistence per page over the store and localStorage, started by the studio on first mount.
 */
import { engine } from '../../app/engine/index.ts';
import type { SceneCall } from '../../engine/scenes/index.ts';
import { ScenePersistence, type ChannelLike } from './ScenePersistence.ts';
import { useSceneStore } from './sceneStore.ts';

/** engine.sceneCall with its generic signature (comlink's Remote type flattens generics). */
export const sceneCall: SceneCall = (method, ...args) =>
  (engine.sceneCall as unknown as (m: string, ...a: unknown[]) => Promise<never>)(method, ...args);

let started: Promise<ScenePersistence> | null = null;

export function startScenePersistence(): Promise<ScenePersistence> {
  started ??= (async () => {
    let storage: Storage | null = null;
    try { storage = localStorage; } catch (_e) { storage = null; }
    const p = new ScenePersistence(useSceneStore, sceneCall, storage, {
      onError: (message) => { console.warn(message); useSceneStore.setState({ saveError: message }); },
      // The engine client opens the 'default' workspace (EngineClient WORKSPACE_ID).
      channel: typeof BroadcastChannel === 'function' ? (new BroadcastChannel('twinscape-scenes:default') as unknown as ChannelLike) : null,
    });
    await p.start();
    // Last chance to commit an edit still in its debounce window (the local draft covers it if this is cut short).
    addEventListener('pagehide', () => void p.flush());
    return p;
  })();
  return started;
}
