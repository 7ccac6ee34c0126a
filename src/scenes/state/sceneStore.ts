/**
 * The studio's scene document, with undo/redo. Persistence lives in `scenePersistence.ts` (through the engine's
 * scene repository); this store only holds the document in memory. `loaded` turns true once persistence has
 * read what was stored, so the demo is offered only to a workspace that has no scene document yet.
 */
import { create, type StateCreator } from 'zustand';
import { createSceneDocument, type SceneDocument, type SceneError, type SceneResult } from '../model/index.ts';

const HISTORY_LIMIT = 100;

export type SaveState = 'idle' | 'pending' | 'saved' | 'error';

export interface SceneStore {
  doc: SceneDocument;
  past: SceneDocument[];
  future: SceneDocument[];
  sceneId: string | null;
  /** True once a document was created or loaded (the demo is offered only to an empty store). */
  initialised: boolean;
  /** True once the stored document (if any) was read. */
  loaded: boolean;
  /** Where the last edit is: only in memory and the local draft ('pending'), committed to the engine ('saved'). */
  saveState: SaveState;
  saveError: string | null;
  /** Engine version of the document last committed. */
  savedVersion: number;
  /** Applies an edit; on error nothing changes and the error is returned. */
  edit(fn: (doc: SceneDocument) => SceneResult<SceneDocument>): SceneError | null;
  /** Replaces the whole document (import, demo); undoable. */
  replace(doc: SceneDocument, sceneId?: string | null): void;
  undo(): void;
  redo(): void;
  selectScene(id: string | null): void;
}

/** The store's definition (tests build their own store from it with zustand/vanilla's createStore). */
export const sceneStoreCreator: StateCreator<SceneStore> = (set, get) => ({
  doc: createSceneDocument(),
  past: [],
  future: [],
  sceneId: null,
  initialised: false,
  loaded: false,
  saveState: 'idle',
  saveError: null,
  savedVersion: 0,
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
});

export const useSceneStore = create<SceneStore>()(sceneStoreCreator);
