/** src/explorer/query — the ADT query editor and its result views. */
export { QueryPanel } from './QueryPanel.tsx';
