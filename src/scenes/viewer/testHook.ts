/**
 * Test-only hook on window (e2e reads the scene graph through it, never frame rates): mesh ids, the colour
 * a mesh shows, and a screen point where a mesh is the first thing under the pointer.
 */
export interface ScenesTestHook {
  ready: boolean;
  meshIds(): string[];
  meshColor(meshId: string): string | null;
  ruleColor(meshId: string): string | null;
  /** Client coordinates of a pixel where `meshId` is the nearest hit, or null. */
  screenPoint(meshId: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __twinscapeScenes?: ScenesTestHook;
  }
}

export function setTestHook(hook: ScenesTestHook | undefined): void {
  if (typeof window === 'undefined') return;
  if (hook) window.__twinscapeScenes = hook;
  else delete window.__twinscapeScenes;
}
