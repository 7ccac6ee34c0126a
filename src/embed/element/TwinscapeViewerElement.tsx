/**
 * `<twinscape-viewer>`: the web component. Registered by importing the module (see ../index.ts). Renders the
 * React TwinscapeViewer in its shadow root. Read-only: it shows a scene package and live twin data, and has no
 * way to write a twin or a scene (no method, attribute or message does).
 *
 * Attributes (and the same-named properties): src, scene, layers (comma-separated ids or names),
 * selected-element, theme, camera, controls ("off"/"false" to disable), model-style, labels ("off").
 * Properties: `src` also takes a File/Blob/ArrayBuffer; `data` (an array of twins) replaces the twin data.
 * Methods: connect(source) -> disconnect function; updateTwin(id, patch); inspect(); screenPoint(elementId).
 * Events (bubbling, composed CustomEvents): ready, element-click, element-hover, twin-change, error.
 */
import { createRoot, type Root } from 'react-dom/client';
import { createRef } from 'react';
import { embedErr, type EmbedError, type EmbedResult } from '../errors.ts';
import { connectLive, LiveTwins, patchOf, type LiveSource } from '../live/index.ts';
import { TwinscapeViewer, type ViewerHandle } from '../viewer/TwinscapeViewer.tsx';
import type { LoadedSource, ViewerSource } from '../viewer/loadSource.ts';
import type { ModelStyle } from '../../scenes/index.ts';
import { VIEWER_CSS } from '../viewer/styles.ts';
import type { TwinscapeViewerApi } from '../api.ts';

export const VIEWER_TAG = 'twinscape-viewer';
const ATTRS = ['src', 'scene', 'layers', 'selected-element', 'theme', 'camera', 'controls', 'model-style', 'labels'] as const;

const Base: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

export class TwinscapeViewerElement extends Base implements TwinscapeViewerApi {
  static get observedAttributes(): readonly string[] {
    return ATTRS;
  }

  private root: Root | null = null;
  private mount: HTMLDivElement | null = null;
  private srcValue: ViewerSource | null = null;
  private readonly handle = createRef<ViewerHandle>() as { current: ViewerHandle | null };
  private readonly twins = new LiveTwins();
  private readonly connections = new Set<() => void>();
  private renderQueued = false;
  /** The package read last (its allowed origins are used by the iframe page). */
  loadedSource: LoadedSource | null = null;

  constructor() {
    super();
    this.twins.subscribe((_events, changes, origin) => {
      if (origin === 'snapshot') return; // the package's own data is not a change
      for (const c of changes) this.emit('twin-change', c);
    });
  }

  connectedCallback(): void {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = VIEWER_CSS;
      this.mount = document.createElement('div');
      this.mount.className = 'tv-root';
      shadow.append(style, this.mount);
    }
    if (!this.root && this.mount) this.root = createRoot(this.mount);
    this.setAttribute('data-state', this.srcValue || this.getAttribute('src') ? 'loading' : 'empty');
    this.queueRender();
  }

  disconnectedCallback(): void {
    // Deferred: a move within the page (disconnect + connect) keeps the view.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.root?.unmount();
      this.root = null;
      for (const off of this.connections) off();
      this.connections.clear();
    });
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'src') this.srcValue = value;
    this.queueRender();
  }

  // ------------------------------------------------------------ properties
  get src(): ViewerSource | null { return this.srcValue; }
  set src(v: ViewerSource | null) {
    this.srcValue = v;
    if (typeof v === 'string') this.setAttribute('src', v); else this.queueRender();
  }
  get scene(): string | null { return this.getAttribute('scene'); }
  set scene(v: string | null) { this.setOrRemove('scene', v); }
  get layers(): string[] | null {
    const a = this.getAttribute('layers');
    return a === null ? null : a.split(',').map((s) => s.trim()).filter(Boolean);
  }
  set layers(v: string[] | string | null) { this.setOrRemove('layers', Array.isArray(v) ? v.join(',') : v); }
  get selectedElement(): string | null { return this.getAttribute('selected-element'); }
  set selectedElement(v: string | null) { this.setOrRemove('selected-element', v); }
  get theme(): string { return this.getAttribute('theme') ?? 'dark'; }
  set theme(v: string | null) { this.setOrRemove('theme', v); }
  get camera(): string | null { return this.getAttribute('camera'); }
  set camera(v: string | null) { this.setOrRemove('camera', v); }
  get controls(): boolean { return !/^(off|false|0|no)$/i.test(this.getAttribute('controls') ?? 'on'); }
  set controls(v: boolean) { this.setAttribute('controls', v ? 'on' : 'off'); }
  /** The twins the viewer shows now (copies). Setting it replaces them all. */
  get data(): Array<Record<string, unknown>> { return this.twins.all().map((t) => structuredClone(t)); }
  set data(twins: Array<Record<string, unknown>>) { this.twins.replaceAll(Array.isArray(twins) ? twins : []); }

  // ------------------------------------------------------------ methods
  /** Live data: 'broadcast:<workspace>', a ws(s):// or http(s):// (SSE) URL, or {type:'postMessage', origins}. */
  connect(source: LiveSource): () => void {
    const off = connectLive(source, {
      events: (events) => this.twins.apply(events),
      view: (m) => {
        const v = m.view;
        if (v.sceneId !== undefined) this.scene = v.sceneId;
        if (v.selectedElement !== undefined) this.selectedElement = v.selectedElement;
        if (v.layers !== undefined) this.layers = v.layers;
        if (v.camera !== undefined) this.camera = v.camera;
        if (v.theme !== undefined) this.theme = v.theme;
      },
      rejected: (m, reply) => {
        reply?.({ type: 'twinscape:rejected', detail: { code: m.code, message: m.message } });
        this.emit('error', { code: m.code === 'ReadOnly' ? 'ReadOnly' : 'BadUrl', message: m.message } satisfies EmbedError);
      },
      error: (e) => this.fail(e),
    });
    this.connections.add(off);
    return () => { off(); this.connections.delete(off); };
  }

  /** Changes what the viewer shows for one twin (never the twin itself): a JSON Patch or {property: value}. */
  updateTwin(twinId: string, patch: unknown): EmbedResult<void> {
    const ops = typeof twinId === 'string' && twinId ? patchOf(patch) : null;
    if (!ops) return embedErr('BadUrl', 'updateTwin(id, patch) needs a twin id and a JSON Patch or an object of property values.');
    this.twins.apply([{ type: 'Microsoft.DigitalTwins.Twin.Update', subject: twinId, data: { patch: ops } }]);
    return { ok: true, value: undefined };
  }

  /** What the scene shows now, read from the scene graph (tests, diagnostics). */
  inspect(): ReturnType<ViewerHandle['inspect']> & { state: string } {
    const h = this.handle.current;
    return { state: this.getAttribute('data-state') ?? 'empty', ...(h ? h.inspect() : { sceneId: null, view: null, elements: [] }) };
  }

  /** A client point where the element is the first thing under the pointer, or null. */
  screenPoint(elementId: string): { x: number; y: number } | null {
    return this.handle.current?.screenPoint(elementId) ?? null;
  }

  // ------------------------------------------------------------ internals
  private setOrRemove(name: string, v: string | null | undefined): void {
    if (v === null || v === undefined) this.removeAttribute(name); else this.setAttribute(name, v);
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private fail(e: EmbedError): void {
    if (e.code !== 'ConnectionFailed' && e.code !== 'ReadOnly') this.setAttribute('data-state', 'error');
    this.emit('error', e);
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => { this.renderQueued = false; this.render(); });
  }

  private render(): void {
    if (!this.root) return;
    const labels = this.getAttribute('labels');
    this.root.render(
      <TwinscapeViewer
        src={this.srcValue}
        scene={this.scene}
        layers={this.layers}
        selectedElement={this.selectedElement}
        theme={this.theme}
        camera={this.camera}
        controls={this.controls}
        modelStyle={(this.getAttribute('model-style') as ModelStyle | null) ?? undefined}
        labels={!(labels && /^(off|false|0|no)$/i.test(labels))}
        twins={this.twins}
        handle={this.handle}
        onPackage={(l) => { this.loadedSource = l; this.setAttribute('data-state', 'loading'); this.emit('package', { scenes: l.pkg.document.configuration.scenes.map((s) => ({ id: s.id, displayName: s.displayName })) }); }}
        onReady={(d) => { this.setAttribute('data-state', 'ready'); this.emit('ready', d); }}
        onElementClick={(d) => this.emit('element-click', d)}
        onElementHover={(d) => this.emit('element-hover', d)}
        onError={(e) => this.fail(e)}
      />,
    );
  }
}

export function defineTwinscapeViewer(tag: string = VIEWER_TAG): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, tag === VIEWER_TAG ? TwinscapeViewerElement : class extends TwinscapeViewerElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'twinscape-viewer': TwinscapeViewerElement;
  }
}
