/**
 * "Show in 3D" for a twin selected elsewhere (the explorer's inspector): enabled when some scene has an element
 * bound to the twin; opens /scenes?twin=<id>, which selects that scene and element and flies to it.
 * Self-contained (reads the stored scene document through the engine), so any view can place it.
 */
import { useEffect } from 'react';
import { navigate } from '../../app/routing/useRoute.ts';
import { scenesWithTwin } from '../model/index.ts';
import { startScenePersistence } from '../state/scenePersistenceClient.ts';
import { useSceneStore } from '../state/sceneStore.ts';

export function ShowIn3DButton({ twinId, className }: { twinId: string; className?: string }) {
  useEffect(() => { void startScenePersistence(); }, []);
  const loaded = useSceneStore((s) => s.loaded);
  const count = useSceneStore((s) => scenesWithTwin(s.doc, twinId).length);
  return (
    <button type="button" className={className} disabled={!loaded || count === 0}
      title={!loaded ? 'Reading the scenes…' : count ? `Open the 3D scene${count > 1 ? ` (${count} scenes show it)` : ''} and fly to ${twinId}` : `No 3D scene element is bound to ${twinId}`}
      onClick={() => navigate(`/scenes?twin=${encodeURIComponent(twinId)}`)}>
      Show in 3D
    </button>
  );
}
