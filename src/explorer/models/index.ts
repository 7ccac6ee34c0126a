/** src/explorer/models — DTDL model import, model tree, model graph, model details. */
export { ModelsPanel } from './ModelsPanel.tsx';
export { MODEL_DRAG_TYPE } from './ModelTree.tsx';
export { buildModelIndex, resolveContents, ancestorsOf, descendantsOf } from './modelIndex.ts';
export type { ModelIndex, ModelNode, ResolvedContent } from './modelIndex.ts';
