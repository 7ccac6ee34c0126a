/** src/live — the Live view: simulator and other sources, event routes, user functions, data history. */
export { LiveView } from './LiveView.tsx';
