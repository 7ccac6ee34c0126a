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
  /** A twin as the scene's rules see it now. */
  twin(twinId: string): Record<string, unknown> | undefined;
  /** Called (synchronously) after the viewer has repainted elements whose rule state changed. */
  onPaint(listener: (elementIds: string[]) => void): () => void;
  /** When the model started loading and its first frame was rendered (performance.now() ms), for the bench. */
  firstFrame(): { loadStartedAt: number; renderedAt: number } | null;
  /** Frames rendered by the viewer and how long the render calls took (ms); `async`: frames are rendered off screen. */
  renderStats(): { frames: number; totalMs: number; maxMs: number; lastMs: number; async: boolean };
  /**
   * Called each time a rendered frame reaches the canvas (performance.now() ms): when, and when its render started
   * (a change made before `renderedFrom` is in that picture).
   */
  onFrame(listener: (shownAt: number, renderedFrom: number) => void): () => void;
  /** Mesh ids drawn with the selection outline. */
  outlined(): string[];
  /** The floating labels after the last layout: shown, or why not (off screen, overlap, occluded). */
  labelLayout(): Array<{ elementId: string; shown: boolean; reason: 'offscreen' | 'overlap' | 'occluded' | null; by?: string }>;
  /** Picks the mesh under client coordinates with the viewer's BVH raycast (what a click does). */
  pick(x: number, y: number): string | null;
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
