/**
 * The iframe page (/embed.html): a full-page <twinscape-viewer> with a postMessage API for hosts.
 * Messages are exchanged only with origins on the allow-list (the `allow` URL parameter plus the package's
 * `allowedOrigins`): inbound messages from any other origin are ignored without an answer, outbound events are
 * posted with an explicit targetOrigin per allowed origin (never "*"). Read-only: see ../live/messages.ts.
 */
import '../index.ts';
import type { TwinscapeViewerElement } from '../element/TwinscapeViewerElement.tsx';
import { readIframeOptions } from './options.ts';

const OUTBOUND = ['ready', 'element-click', 'element-hover', 'twin-change', 'error', 'package'] as const;

function start(host: HTMLElement): void {
  const opts = readIframeOptions(location.search);
  const viewer = document.createElement('twinscape-viewer') as TwinscapeViewerElement;
  for (const [k, v] of Object.entries(opts.attributes)) viewer.setAttribute(k, v);
  const allow = [...opts.allow];
  for (const p of opts.problems) console.warn(`[twinscape embed] ${p}`);

  const toHost = (message: unknown) => {
    if (window.parent === window) return;
    for (const origin of allow) {
      try {
        window.parent.postMessage(message, origin);
      } catch (_e) {
        // an origin string the browser refuses: skip it
      }
    }
  };
  for (const type of OUTBOUND) {
    viewer.addEventListener(type, (e) => {
      if (type === 'package') {
        for (const o of viewer.loadedSource?.pkg.allowedOrigins ?? []) if (!allow.includes(o)) allow.push(o);
      }
      toHost({ type: `twinscape:${type}`, detail: (e as CustomEvent).detail });
    });
  }
  // `allow` is read on every message, so origins the package adds later count too.
  viewer.connect({ type: 'postMessage', origins: allow });
  if (opts.live) viewer.connect(opts.live);
  host.append(viewer);
  if (opts.src) viewer.src = opts.src;
  else viewer.dispatchEvent(new CustomEvent('error', { detail: { code: 'BadUrl', message: 'embed.html needs ?src=<scene package URL>' } }));
  (window as Window & { __twinscapeEmbed?: TwinscapeViewerElement }).__twinscapeEmbed = viewer;
}

// Imported by another page (public/twinscape-viewer.js loads this module to register the element): do nothing more.
const host = document.getElementById('twinscape-embed');
if (host && !host.dataset.started) {
  host.dataset.started = '1';
  start(host);
}
