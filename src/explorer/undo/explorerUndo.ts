/** The explorer's one undo stack, and a hook that reads its labels. */
import { useSyncExternalStore } from 'react';
import { UndoStack, type UndoSnapshot } from './undoStack.ts';

export const explorerUndo = new UndoStack();

export function useUndoState(): UndoSnapshot {
  return useSyncExternalStore(explorerUndo.subscribe, explorerUndo.getSnapshot);
}
