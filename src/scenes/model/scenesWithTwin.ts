/** Which scenes show a twin: scenes with an element bound to it (as primary twin or through an alias). */
import type { SceneDocument } from './types.ts';

export function scenesWithTwin(doc: SceneDocument, twinId: string): Array<{ sceneId: string; elementId: string }> {
  const out: Array<{ sceneId: string; elementId: string }> = [];
  for (const s of doc.configuration.scenes) {
    for (const e of s.elements) {
      if (e.type !== 'TwinToObjectMapping') continue;
      const el = e as { id: string; primaryTwinID: string; twinAliases?: Record<string, string> };
      if (el.primaryTwinID === twinId || Object.values(el.twinAliases ?? {}).includes(twinId)) {
        out.push({ sceneId: s.id, elementId: el.id });
        break;
      }
    }
  }
  return out;
}
