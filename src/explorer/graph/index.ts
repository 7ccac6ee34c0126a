/** src/explorer/graph — the twin graph canvas (Cytoscape), its toolbar, filters, legend and edit dialogs. */
export { GraphCanvas, MODEL_DRAG_TYPE } from './GraphCanvas.tsx';
export { GraphToolbar } from './GraphToolbar.tsx';
export { FilterBar } from './FilterBar.tsx';
export { Legend } from './Legend.tsx';
export { GraphDialogs } from './GraphDialogs.tsx';
export { graph } from './graphController.ts';
export { modelColor, modelShortName } from './modelColors.ts';
