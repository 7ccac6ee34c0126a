/** src/app — the shell: routing, layout, theme, the typed engine client and UI stores. */
export { App } from './shell/App.tsx';
export { navigate, usePathname } from './routing/useRoute.ts';
