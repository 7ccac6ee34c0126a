/** src/explorer/undo — undo/redo of graph edits through engine commands. */
export { UndoStack } from './undoStack.ts';
export type { Command, CommandResult, UndoSnapshot } from './undoStack.ts';
export { explorerUndo, useUndoState } from './explorerUndo.ts';
export {
  collectRelationships, createRelationshipCommand, createTwinCommand, deleteCommand, moveCommand, patchRelationshipCommand, patchTwinCommand,
} from './commands.ts';
