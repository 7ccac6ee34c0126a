/** src/explorer/state — the explorer's shared UI store and its pure helpers. */
export { useExplorer } from './explorerStore.ts';
export type { ExplorerState, Selection, SelectionKind } from './explorerStore.ts';
export { relationshipKey, parseRelationshipKey } from './relationshipKey.ts';
export {
  applyEvents, applyPatch, drawableRelationships, emptyCanvas, keyOf, removeTwins, showContent,
} from './canvasContent.ts';
export type { CanvasContent, ShowMode, EventEffect } from './canvasContent.ts';
export {
  displayNameOf, emptyFilter, expandSubtypes, filterContext, isFilterActive, matchesFilter, predicateOps, readPath, testPredicate,
} from './filters.ts';
export type { FilterContext, FilterState, PredicateOp, PropertyPredicate } from './filters.ts';
export { loadPrefs, savePrefs, defaultPrefs } from './workspacePrefs.ts';
export type { ExplorerPrefs } from './workspacePrefs.ts';
export { useModelCatalog, directExtends, langText } from './modelCatalog.ts';
export type { ModelCatalogState } from './modelCatalog.ts';
