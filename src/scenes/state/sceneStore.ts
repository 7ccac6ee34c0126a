/**
 * The studio's scene documents, with undo/redo. The engine has no scene API yet, so the document is kept
 * here and persisted with zustand `persist` to localStorage (versioned; a stored document goes through
 * loadSceneDocument's migrations and restore on the way in), so unsaved edits survive a reload.
 * When the engine grows a scenes store, this is the one place to switch.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createSceneDocument, loadSceneDocument, type SceneDocument, type SceneError, type SceneResult } from '../model/index.ts';

const HISTORY_LIMIT = 100;

export interface SceneStore {
  doc: SceneDocument;
  past: SceneDocument[];
  future: SceneDocument[];
  sceneId: string | null;
  /** True once a document was created or loaded (the demo is offered only to an empty store). */
  initialised: boolean;
  /** Applies an edit; on error nothing changes and the error is returned. */
  edit(fn: (doc: SceneDocument) => SceneResult<SceneDocument>): SceneError | null;
  /** Replaces the whole document (import, demo); undoable. */
  replace(doc: SceneDocument, sceneId?: string | null): void;
  undo(): void;
  redo(): void;
  selectScene(id: string | null): void;
}

export const useSceneStore = create<SceneStore>()(
  persist(
    (set, get) => ({
      doc: createSceneDocument(),
      past: [],
      future: [],
      sceneId: null,
      initialised: false,
      edit(fn) {
        const r = fn(get().doc);
        if (!r.ok) return r.error;
        set((s) => ({ doc: r.value, past: [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [], initialised: true }));
        return null;
      },
      replace(doc, sceneId) {
        set((s) => ({
          doc, past: [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [], initialised: true,
          sceneId: sceneId === undefined ? (doc.configuration.scenes[0]?.id ?? null) : sceneId,
        }));
      },
      undo() {
        const { past, doc, future } = get();
        if (!past.length) return;
        set({ doc: past[past.length - 1], past: past.slice(0, -1), future: [doc, ...future] });
      },
      redo() {
        const { past, doc, future } = get();
        if (!future.length) return;
        set({ doc: future[0], future: future.slice(1), past: [...past, doc] });
      },
      selectScene(id) {
        set({ sceneId: id });
      },
    }),
    {
      name: 'twinscape.scenes',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ doc: s.doc, sceneId: s.sceneId, initialised: s.initialised }),
      merge: (persisted, current) => {
        const p = persisted as Partial<SceneStore> | undefined;
        if (!p?.doc) return current;
        const loaded = loadSceneDocument(p.doc);
        if (!loaded.ok) {
          console.error('stored scene document could not be read; starting empty', loaded.error);
          return current;
        }
        return { ...current, doc: loaded.value.document, sceneId: p.sceneId ?? null, initialised: p.initialised ?? true };
      },
    },
  ),
);
