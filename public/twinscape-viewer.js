// Twinscape embeddable viewer, one line for any page:
//   <script type="module" src="https://<your-twinscape>/twinscape-viewer.js"></script>
//   <twinscape-viewer src="https://<your-twinscape>/demo/demo.twinscape"></twinscape-viewer>
// This stable URL loads the viewer module the app build produced (hashed file name) and registers
// <twinscape-viewer>. The standalone library build (npm run build:embed, dist-embed/) needs no such step.
const page = new URL('embed.html', import.meta.url);
const html = await (await fetch(page)).text();
const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const entry = srcs.find((s) => /embed|iframe\/main/.test(s)) ?? srcs[srcs.length - 1];
if (!entry) throw new Error('twinscape-viewer: the viewer module was not found in ' + page.href);
await import(new URL(entry, page).href);
await customElements.whenDefined('twinscape-viewer');
