/** src/explorer — the graph explorer (Cytoscape). */
export { ExplorerView } from './ExplorerView.tsx';
