/** The viewer's own CSS (inside its shadow root: the host page's styles neither leak in nor out). */
export const VIEWER_CSS = `
:host { display: block; position: relative; width: 100%; height: 360px; contain: content; font: 13px system-ui, sans-serif; }
.tv-root { position: absolute; inset: 0; overflow: hidden; }
.tv-root > div { width: 100%; height: 100%; }
.tv-status { position: absolute; left: 8px; top: 8px; margin: 0; padding: 4px 8px; border-radius: 4px; background: rgba(13,17,23,.7); color: #fff; z-index: 30; max-width: calc(100% - 32px); }
.tv-error { background: #8b1a1a; }
.scene-badge { display: inline-flex; align-items: center; justify-content: center; min-width: 1.1rem; height: 1.1rem; border-radius: 50%; color: #fff; font-size: .7rem; }
.scene-label { display: inline-flex; gap: .25rem; align-items: center; white-space: nowrap; font-size: .75rem; padding: .1rem .35rem; border-radius: 10px; border: 0; background: rgba(13, 17, 23, .78); color: #fff; cursor: pointer; }
.scenes-error { color: #fff; background: #8b1a1a; padding: 4px 8px; margin: 0; }
`;

export const THEMES: Record<string, string> = {
  dark: 'linear-gradient(#1d2733, #0d1117)',
  grey: 'linear-gradient(#5b6470, #2c333d)',
  light: 'linear-gradient(#f4f7fb, #cfd8e3)',
  transparent: 'transparent',
};
