/**
 * Test-only: src/scenes/index.ts (our one door into src/scenes) also exports the studio, whose router and a
 * drei dependency touch `window` / `navigator` at import time. Node unit tests import this first.
 */
const g = globalThis as unknown as { window?: unknown; navigator?: unknown };
g.navigator ??= { userAgent: 'node' };
g.window ??= Object.assign(new EventTarget(), { location: { pathname: '/', search: '' }, navigator: g.navigator });
export {};
