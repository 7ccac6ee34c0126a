/**
 * Zoom preview for big graphs. Redrawing 10,000 twins takes Cytoscape's canvas renderer a few hundred ms under
 * software rendering, and its wheel zoom redraws (into a 2x texture, then in full) on nearly every wheel step.
 * Here a zoom gesture (wheel, keyboard, toolbar) scales the pixels already drawn with a CSS transform, which
 * the browser composites in the next frame, and the real zoom is applied once, when the gesture has been quiet
 * for `settleMs`: one full redraw per gesture instead of one or two per step. A pointer press on the canvas
 * applies it at once, so panning, selecting and dragging always see the real viewport.
 *
 * The maths: the preview is the map x -> s·x + t on rendered (container) coordinates; zooming by f about the
 * point p composes S(x) = p + f·(x − p) onto it. Committing sets zoom' = s·zoom and pan' = s·pan + t.
 */
import type cytoscape from 'cytoscape';

type Pt = { x: number; y: number };

export interface ZoomPreview {
  /** Zooms by `factor` about the container-relative point `at` (default: the centre). */
  zoomBy(factor: number, at?: Pt): void;
  /** Applies a pending preview to Cytoscape now. */
  commit(): void;
  /** Whether a preview is waiting to be applied. */
  pending(): boolean;
  dispose(): void;
}

/** Composes a zoom by `f` about `p` onto the preview transform (s, t); pure, for tests. */
export function composeZoom(s: number, t: Pt, f: number, p: Pt): { s: number; t: Pt } {
  return { s: s * f, t: { x: p.x + f * (t.x - p.x), y: p.y + f * (t.y - p.y) } };
}

/** The viewport after applying the preview (s, t) to zoom and pan. */
export function committedViewport(zoom: number, pan: Pt, s: number, t: Pt): { zoom: number; pan: Pt } {
  return { zoom: zoom * s, pan: { x: s * pan.x + t.x, y: s * pan.y + t.y } };
}

/** The viewport that shows the box `bb` (model coordinates) centred in a w x h canvas with `padding` px around. */
export function fitViewport(bb: { x1: number; y1: number; x2: number; y2: number }, w: number, h: number, padding: number, minZoom: number, maxZoom: number): { zoom: number; pan: Pt } {
  const bw = Math.max(1, bb.x2 - bb.x1);
  const bh = Math.max(1, bb.y2 - bb.y1);
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min((w - 2 * padding) / bw, (h - 2 * padding) / bh)));
  return { zoom, pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 } };
}

/** Cytoscape's wheel-to-zoom factor for a wheel event (same formula, so big and small graphs feel alike). */
export function wheelFactor(e: Pick<WheelEvent, 'deltaY' | 'deltaMode'>, sensitivity: number): number {
  let diff = (e.deltaY / -250) * sensitivity;
  if (e.deltaMode === 1) diff *= 33;
  return Math.pow(10, diff);
}

export function installZoomPreview(cy: cytoscape.Core, container: HTMLElement, opts: { sensitivity: number; settleMs?: number; onCommit?: () => void }): ZoomPreview {
  const settleMs = opts.settleMs ?? 200;
  let s = 1;
  let t: Pt = { x: 0, y: 0 };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const layer = () => (container.querySelector('canvas')?.parentElement ?? null) as HTMLElement | null;

  const show = () => {
    const el = layer();
    if (!el) return;
    el.style.transformOrigin = '0 0';
    el.style.transform = s === 1 && t.x === 0 && t.y === 0 ? '' : `matrix(${s}, 0, 0, ${s}, ${t.x}, ${t.y})`;
  };

  const commit = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (s === 1 && t.x === 0 && t.y === 0) return;
    const next = committedViewport(cy.zoom(), cy.pan(), s, t);
    s = 1;
    t = { x: 0, y: 0 };
    // Same task: Cytoscape draws the new viewport in its next animation frame, before the browser paints
    // the page without the transform, so no frame shows the old pixels unscaled.
    cy.viewport(next);
    show();
    opts.onCommit?.();
  };

  const zoomBy = (factor: number, at?: Pt) => {
    const p = at ?? { x: cy.width() / 2, y: cy.height() / 2 };
    // Keep the committed zoom inside Cytoscape's limits.
    const z = cy.zoom() * s;
    const target = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), z * factor));
    const f = target / z;
    if (f === 1) return;
    ({ s, t } = composeZoom(s, t, f, p));
    show();
    if (timer) clearTimeout(timer);
    timer = setTimeout(commit, settleMs);
  };

  const onWheel = (e: WheelEvent) => {
    if (!(e.target instanceof Node) || !container.contains(e.target)) return;
    // Cytoscape's own wheel zoom (on the container) must not run: the preview owns wheel zooming.
    e.stopPropagation();
    e.preventDefault();
    const r = container.getBoundingClientRect();
    zoomBy(wheelFactor(e, opts.sensitivity), { x: e.clientX - r.left, y: e.clientY - r.top });
  };
  const onPress = () => commit();
  // Caught on the way down (capture on the parent) so that Cytoscape's wheel handler never sees it, while
  // touch pinch zoom stays Cytoscape's (user zooming stays enabled).
  const host = container.parentElement;
  if (host) host.addEventListener('wheel', onWheel, { passive: false, capture: true });
  else {
    container.addEventListener('wheel', onWheel, { passive: false });
    cy.userZoomingEnabled(false);
  }
  container.addEventListener('pointerdown', onPress, { capture: true });

  return {
    zoomBy,
    commit,
    pending: () => timer !== null,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      s = 1;
      t = { x: 0, y: 0 };
      show();
      if (host) host.removeEventListener('wheel', onWheel, { capture: true });
      else container.removeEventListener('wheel', onWheel);
      container.removeEventListener('pointerdown', onPress, { capture: true });
    },
  };
}
