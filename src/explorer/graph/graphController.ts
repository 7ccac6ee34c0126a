/**
 * Imperative side of the twin canvas: owns the Cytoscape instance, mirrors the explorer store into it
 * (diffing, so 10,000 twins are added once and events change only what changed), places new nodes, runs
 * layouts in the worker, remembers positions per workspace. React components call it; it never renders React.
 */
import cytoscape from 'cytoscape';
import type { Relationship, Twin } from '../../engine/types.ts';
import { drawableRelationships, keyOf } from '../state/canvasContent.ts';
import type { ExplorerState } from '../state/explorerStore.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { displayNameOf, filterContext, isFilterActive, matchesFilter } from '../state/filters.ts';
import { loadPrefs, savePrefs } from '../state/workspacePrefs.ts';
import { graphStyle, readTheme } from './cyStyle.ts';
import { diffElements } from './diffElements.ts';
import { LayoutCancelled, runLayout } from './layoutClient.ts';
import { gridPositions, slowLayoutNotice, type LayoutName } from './layouts.ts';
import { modelColor } from './modelColors.ts';
import { fitViewport, installZoomPreview, type ZoomPreview } from './viewportPreview.ts';

/** Above this many twins the canvas uses Cytoscape's WebGL renderer and cheaper styles. */
export const LARGE_GRAPH = 2000;
/**
 * Big graphs: a sync adding more relationships than this keeps them out of Cytoscape until they are drawn
 * (zoomed in: those in view; a selected twin: its own). Adding 100,000 hidden relationships froze the page
 * for ~10 s after the first frame of 50,000 twins.
 */
const EDGE_DEFER = 4000;
/** Wheel zoom sensitivity (Cytoscape's option, and the big-graph zoom preview's). */
const WHEEL_SENSITIVITY = 0.4;
/** Big graphs: below this zoom relationships are not drawn (level of detail). */
export const EDGE_ZOOM = 0.3;

type Pos = { x: number; y: number };
/** Node diameter in the big-graph style (cyStyle.ts). */
const NODE_SIZE = 22;

export interface GraphStatus {
  nodes: number;
  edges: number;
  layout: LayoutName;
  layoutRunning: boolean;
  notice: string | null;
  lastLayoutMs: number | null;
  /** The algorithm of the last layout (the hierarchical one is dagre on small graphs, layered on big ones). */
  lastLayoutAlgorithm: string | null;
  firstFrameMs: number | null;
  webgl: boolean;
  /** Level of detail for big graphs: dots, straight edges, labels only when zoomed in. */
  large: boolean;
  /** When the relationships to draw were drawn (big graphs add the others when zoomed in on them). */
  allEdgesMs: number | null;
  /** Big graphs zoomed far out: relationships are not drawn. */
  edgesHidden: boolean;
}

type Listener = () => void;

class GraphController {
  cy: cytoscape.Core | null = null;
  private container: HTMLElement | null = null;
  private syncedNodes = new Map<string, Twin>();
  private syncedEdges = new Map<string, Relationship>();
  private positions: Record<string, Pos> = {};
  private pinned = new Set<string>();
  private workspaceId = 'default';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<Listener>();
  private parents: ReadonlyMap<string, readonly string[]> = new Map();
  /** Ids added by expanding a twin, for collapse. */
  readonly expansions = new Map<string, string[]>();
  /** Where the last sync spent its time (ms per phase), for the benchmark. */
  lastSyncPhases: Record<string, number> = {};
  private syncedNodesBefore = 0;
  status: GraphStatus = { nodes: 0, edges: 0, layout: 'dagre', layoutRunning: false, notice: null, lastLayoutMs: null, lastLayoutAlgorithm: null, firstFrameMs: null, webgl: false, large: false, allEdgesMs: null, edgesHidden: false };

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getStatus = () => this.status;
  private setStatus(patch: Partial<GraphStatus>) {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  private onCreated: ((cy: cytoscape.Core) => void) | null = null;

  /** Whether a canvas of `n` twins uses the level-of-detail style. */
  wantsLarge(n: number): boolean {
    return n > LARGE_GRAPH;
  }

  /**
   * Cytoscape's WebGL renderer for big graphs is opt-in (localStorage `twinscape.explorer.webgl` = `on`):
   * measured slower than the canvas renderer under software rendering (SwiftShader), where texture uploads
   * dominate; with a real GPU it helps pan/zoom.
   */
  private webglOptIn(): boolean {
    try {
      return localStorage.getItem('twinscape.explorer.webgl') === 'on';
    } catch {
      return false;
    }
  }

  attach(container: HTMLElement, large: boolean, onCreated?: (cy: cytoscape.Core) => void): cytoscape.Core {
    const webgl = large && this.webglOptIn();
    this.detach();
    this.container = container;
    if (onCreated) this.onCreated = onCreated;
    const theme = readTheme();
    const prefs = loadPrefs(this.workspaceId);
    this.positions = { ...prefs.positions };
    this.pinned = new Set(prefs.pinned);
    const cy = cytoscape({
      container,
      style: graphStyle(theme, large),
      minZoom: 0.02,
      maxZoom: 4,
      wheelSensitivity: WHEEL_SENSITIVITY,
      boxSelectionEnabled: true,
      selectionType: 'single',
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : undefined,
      ...(webgl ? { webgl: true, webglBgColor: cssToRgb(theme.bg) } : {}),
    } as cytoscape.CytoscapeOptions);
    this.cy = cy;
    // Big graphs: zoom gestures scale the drawn pixels and redraw once per gesture (viewportPreview.ts).
    if (large) this.zoomPreview = installZoomPreview(cy, container, { sensitivity: WHEEL_SENSITIVITY });
    this.syncedNodes = new Map();
    this.syncedEdges = new Map();
    this.edgeBacklog = new Set();
    this.edgesShown = !large;
    this.status = { ...this.status, webgl, large, edgesHidden: large, layout: (prefs.layout as LayoutName) || 'dagre', nodes: 0, edges: 0 };
    cy.on('free', 'node', (e) => {
      // A drag ended: remember the position (and pin it if asked).
      const n = e.target as cytoscape.NodeSingular;
      this.positions[n.id()] = { ...n.position() };
      this.schedulePrefsSave();
    });
    if (large) {
      cy.on('select', 'node', (e) => {
        const id = (e.target as cytoscape.NodeSingular).id();
        this.addFromBacklog((r) => r.$sourceId === id || r.$targetId === id);
        (e.target as cytoscape.NodeSingular).connectedEdges().addClass('near-selection');
      });
      cy.on('unselect', 'node', (e) => (e.target as cytoscape.NodeSingular).connectedEdges().removeClass('near-selection'));
      let timer: ReturnType<typeof setTimeout> | null = null;
      cy.on('zoom pan', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => this.updateLabels(), 120);
      });
    }
    this.onCreated?.(cy);
    return cy;
  }

  /** Big graphs: keys of relationships on the canvas (in the store) not added to Cytoscape yet. */
  private edgeBacklog = new Set<string>();

  /** Adds the backlog relationships `want` picks (then styles them like the rest); returns how many. */
  private addFromBacklog(want: (r: Relationship, key: string) => boolean): number {
    const cy = this.cy;
    if (!cy || this.edgeBacklog.size === 0) return 0;
    const defs: cytoscape.ElementDefinition[] = [];
    for (const key of this.edgeBacklog) {
      const r = this.syncedEdges.get(key);
      if (!r) this.edgeBacklog.delete(key);
      else if (want(r, key)) {
        this.edgeBacklog.delete(key);
        defs.push({ group: 'edges', data: { id: key, source: r.$sourceId, target: r.$targetId, name: r.$relationshipName }, classes: this.edgesShown ? undefined : 'lod-hidden' });
      }
    }
    if (defs.length === 0) return 0;
    cy.batch(() => {
      cy.add(defs);
    });
    this.applyVisuals(useExplorer.getState());
    return defs.length;
  }

  /** Big graphs zoomed in: adds the backlog relationships with an end in or near the view. */
  private addEdgesInView() {
    const cy = this.cy;
    if (!cy || this.edgeBacklog.size === 0) return;
    const ext = cy.extent();
    const mx = ext.w / 2;
    const my = ext.h / 2;
    const near = new Set<string>();
    cy.nodes().forEach((n) => {
      const p = n.position();
      if (p.x >= ext.x1 - mx && p.x <= ext.x2 + mx && p.y >= ext.y1 - my && p.y <= ext.y2 + my) near.add(n.id());
    });
    this.addFromBacklog((r) => near.has(r.$sourceId) || near.has(r.$targetId));
  }

  /** Makes sure these relationships are in Cytoscape (e.g. one selected in a query result). */
  ensureEdges(keys: readonly string[]) {
    const want = new Set(keys.filter((k) => this.edgeBacklog.has(k)));
    if (want.size > 0) this.addFromBacklog((_r, key) => want.has(key));
  }

  private edgesShown = true;

  /** Large graphs: relationships drawn only above EDGE_ZOOM; labels on the nodes in view once readable. */
  updateLabels() {
    const cy = this.cy;
    if (!cy || !this.status.large) return;
    const edges = cy.zoom() >= EDGE_ZOOM;
    if (edges !== this.edgesShown) {
      this.edgesShown = edges;
      cy.batch(() => {
        if (edges) cy.edges('.lod-hidden').removeClass('lod-hidden');
        else cy.edges().addClass('lod-hidden');
      });
      this.setStatus({ edgesHidden: !edges });
    }
    const show = cy.zoom() >= 0.55;
    cy.batch(() => {
      const labelled = cy.nodes('.labelled');
      if (!show) {
        labelled.removeClass('labelled');
        return;
      }
      const ext = cy.extent();
      const inView = cy.nodes().filter((n) => {
        const p = n.position();
        return p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2;
      });
      labelled.difference(inView).removeClass('labelled');
      inView.addClass('labelled');
    });
    if (edges) this.addEdgesInView();
  }

  /** Big graphs: the zoom preview of the current gesture, if any. */
  private zoomPreview: ZoomPreview | null = null;

  /** Applies a pending zoom preview, so the viewport read next is the one on screen. */
  settleViewport() {
    this.zoomPreview?.commit();
  }

  /** Whether a zoom gesture's preview is waiting to be applied (big graphs). */
  zoomPending(): boolean {
    return this.zoomPreview?.pending() ?? false;
  }

  detach() {
    this.zoomPreview?.dispose();
    this.zoomPreview = null;
    this.cy?.destroy();
    this.cy = null;
    this.container = null;
  }

  /** Called when the canvas component unmounts. */
  release() {
    this.detach();
    this.onCreated = null;
  }

  setWorkspace(id: string) {
    this.workspaceId = id;
  }

  setParents(parents: ReadonlyMap<string, readonly string[]>) {
    this.parents = parents;
  }

  restyle(large: boolean) {
    this.cy?.style(graphStyle(readTheme(), large));
  }

  /** Mirrors the store's canvas content into Cytoscape. */
  sync(state: ExplorerState) {
    let cy = this.cy;
    if (!cy) return;
    if (this.wantsLarge(state.canvas.twins.size) !== this.status.large && this.container) {
      // Crossing the large-graph threshold: switch style/renderer before adding anything (one sync, not two).
      cy = this.attach(this.container, !this.status.large);
    }
    const started = performance.now();
    const nextNodes = state.canvas.twins as Map<string, Twin>;
    const nextEdges = new Map<string, Relationship>();
    for (const r of drawableRelationships(state.canvas)) nextEdges.set(keyOf(r), r);
    const dn = diffElements(this.syncedNodes, nextNodes);
    const de = diffElements(this.syncedEdges, nextEdges);
    if (dn.add.length + dn.remove.length + dn.update.length + de.add.length + de.remove.length + de.update.length === 0) return;
    const wasEmpty = this.syncedNodes.size === 0 || dn.remove.length >= this.syncedNodes.size;
    this.syncedNodesBefore = this.syncedNodes.size;
    const unplaced: string[] = [];
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - mark);
      mark = now;
    };
    cy.batch(() => {
      if (wasEmpty) {
        cy.elements().remove();
        this.expansions.clear();
        this.edgeBacklog.clear();
      } else {
        for (const k of de.remove) {
          cy.getElementById(k).remove();
          this.edgeBacklog.delete(k);
        }
        for (const id of dn.remove) {
          cy.getElementById(id).remove();
          this.expansions.delete(id);
        }
      }
      const prop = state.displayNameProperty;
      const nodes: cytoscape.ElementDefinition[] = [];
      const colors = new Map<string, { color: string }>();
      // On a fresh canvas, twins without a remembered position start on a grid (placed before adding: cheaper).
      const fresh = wasEmpty ? dn.add.filter((id) => !this.positions[id]) : [];
      const grid = wasEmpty ? gridPositions(fresh, { x: 0, y: 0 }, 70) : {};
      for (const id of dn.add) {
        const t = nextNodes.get(id)!;
        const remembered = this.positions[id];
        if (!remembered) unplaced.push(id);
        const model = t.$metadata?.$model ?? '';
        let look = colors.get(model);
        if (!look) {
          look = { color: modelColor(model) };
          colors.set(model, look);
        }
        const pinned = this.pinned.has(id);
        const def: cytoscape.ElementDefinition = {
          group: 'nodes',
          data: { id, label: displayNameOf(t, prop), model, color: look.color },
          position: remembered ? { x: remembered.x, y: remembered.y } : (grid[id] ?? { x: 0, y: 0 }),
        };
        if (pinned) {
          def.classes = 'pinned';
          def.locked = true;
        }
        nodes.push(def);
      }
      phase('prepare');
      if (nodes.length > 0) cy.add(nodes);
      phase('addNodes');
      for (const id of dn.update) {
        const t = nextNodes.get(id)!;
        const n = cy.getElementById(id);
        n.data({ label: displayNameOf(t, prop), model: t.$metadata?.$model ?? '', color: modelColor(t.$metadata?.$model) });
      }
      const edges: cytoscape.ElementDefinition[] = [];
      const edgeClasses = this.edgesShown ? undefined : 'lod-hidden';
      for (const k of de.add) {
        const r = nextEdges.get(k)!;
        edges.push({ group: 'edges', data: { id: k, source: r.$sourceId, target: r.$targetId, name: r.$relationshipName }, classes: edgeClasses });
      }
      // Big graphs: many relationships wait until they are drawn (zoomed in on them, or a twin selected).
      if (this.status.large && edges.length > EDGE_DEFER) for (const e of edges) this.edgeBacklog.add(e.data.id as string);
      else if (edges.length > 0) cy.add(edges);
      phase('addEdges');
      for (const k of de.update) cy.getElementById(k).data('name', nextEdges.get(k)!.$relationshipName);
      if (unplaced.length > 0 && !wasEmpty) this.placeNew(unplaced, wasEmpty);
    });
    phase('endBatch');
    this.syncedNodes = new Map(nextNodes);
    this.syncedEdges = nextEdges;
    this.applyVisuals(state);
    phase('visuals');
    if (!wasEmpty && this.edgesShown) this.addEdgesInView();
    this.lastSyncPhases = phases;
    this.setStatus({ nodes: nextNodes.size, edges: nextEdges.size });
    if (!wasEmpty && dn.remove.length > this.syncedNodesBefore / 2 && nextNodes.size > 0) {
      // Most of the canvas was replaced (a new query): frame what is left.
      this.fitVisible(40);
      if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      if (!this.status.large) cy.center(cy.nodes(':visible'));
    }
    if (wasEmpty && nextNodes.size > 0) {
      this.fitVisible(30);
      this.updateLabels();
      // The canvas renderer draws in its requestAnimationFrame loop (the WebGL one emits no 'render' event):
      // two frames after the sync, the first frame with these elements has been drawn.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (this.cy !== cy) return;
        const ms = performance.now() - started;
        this.setStatus({ firstFrameMs: ms, allEdgesMs: ms });
      }));
      if (unplaced.length > 0) {
        const slow = slowLayoutNotice(this.status.layout, nextNodes.size);
        if (!slow) void this.layout(this.status.layout, { fit: true });
        else this.setStatus({ notice: `Shown on a grid. ${slow} Choose Run layout to compute it.` });
      }
    }
  }

  /** New nodes go next to a placed neighbour, or on a grid right of what is there. */
  private placeNew(ids: string[], wasEmpty: boolean) {
    const cy = this.cy!;
    const leftover: string[] = [];
    const fresh = new Set(ids);
    if (!wasEmpty) {
      for (const id of ids) {
        const n = cy.getElementById(id);
        const anchor = n.neighborhood('node').filter((m) => !fresh.has(m.id()) || m.id() < id).first() as cytoscape.NodeSingular;
        if (anchor.nonempty()) {
          const p = anchor.position();
          const angle = (hash(id) % 360) * (Math.PI / 180);
          n.position({ x: p.x + Math.cos(angle) * 90, y: p.y + Math.sin(angle) * 90 });
        } else leftover.push(id);
      }
    } else leftover.push(...ids);
    if (leftover.length === 0) return;
    let origin = { x: 0, y: 0 };
    if (!wasEmpty) {
      const left = new Set(leftover);
      const placed = cy.nodes().filter((n) => !left.has(n.id()));
      if (placed.nonempty()) {
        const bb = placed.boundingBox();
        origin = { x: bb.x2 + 120, y: bb.y1 };
      }
    }
    const grid = gridPositions(leftover, origin, 70);
    for (const id of leftover) cy.getElementById(id).position(grid[id]);
  }

  /** Places a node at a model position (e.g. where a model was dropped) before it is synced. */
  rememberPosition(id: string, pos: Pos) {
    this.positions[id] = { ...pos };
    this.schedulePrefsSave();
  }

  /** Styles nodes by filter, overlay highlight, hidden twins and legend toggles. */
  applyVisuals(state: ExplorerState) {
    const cy = this.cy;
    if (!cy) return;
    const active = isFilterActive(state.filter);
    const prop = state.displayNameProperty;
    const ctx = filterContext(state.filter, this.parents, (t) => displayNameOf(t, prop));
    const { highlight, hidden, hiddenModels } = state;
    cy.batch(() => {
      const gone = new Set<string>();
      cy.nodes().forEach((n) => {
        const id = n.id();
        const twin = state.canvas.twins.get(id);
        if (!twin) return;
        const matches = active ? matchesFilter(twin, state.filter, ctx) : true;
        const isGone = hidden.has(id) || hiddenModels.has(twin.$metadata?.$model) || (active && state.filter.mode === 'filter' && !matches);
        const isDim = !isGone && ((highlight !== null && !highlight.has(id)) || (active && state.filter.mode === 'highlight' && !matches));
        if (isGone) gone.add(id);
        setClass(n, 'gone', isGone);
        setClass(n, 'dim', isDim);
        setClass(n, 'match', active && matches && !isGone);
      });
      cy.edges().forEach((e) => {
        const d = e.data() as { source: string; target: string; id: string };
        const isGone = gone.has(d.source) || gone.has(d.target);
        setClass(e, 'gone', isGone);
        setClass(e, 'dim', !isGone && highlight !== null && !highlight.has(d.id));
      });
    });
  }

  relabel(state: ExplorerState) {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const t = state.canvas.twins.get(n.id());
        if (t) n.data('label', displayNameOf(t, state.displayNameProperty));
      });
    });
  }

  /** Runs a layout in the worker and applies it (pinned nodes stay). Returns the positions before, for undo. */
  async layout(name: LayoutName, opts: { fit?: boolean } = {}): Promise<{ before: Record<string, Pos>; after: Record<string, Pos> } | null> {
    const cy = this.cy;
    if (!cy || cy.nodes().empty()) return null;
    this.setStatus({ layout: name, layoutRunning: true, notice: null });
    this.savePrefsNow({ layout: name });
    const visible = cy.nodes().filter((n) => !n.hasClass('gone'));
    const nodes = visible.map((n) => ({ id: n.id() }));
    const ids = new Set(nodes.map((n) => n.id));
    // From the store: big graphs keep relationships out of Cytoscape until they are drawn.
    const edges: Array<{ id: string; source: string; target: string }> = [];
    for (const [id, r] of this.syncedEdges) if (ids.has(r.$sourceId) && ids.has(r.$targetId)) edges.push({ id, source: r.$sourceId, target: r.$targetId });
    try {
      const res = await runLayout(name, nodes, edges);
      if (!res.ok || !res.positions || this.cy !== cy) {
        this.setStatus({ layoutRunning: false, notice: res.ok ? null : `Layout failed: ${res.error}` });
        return null;
      }
      const before: Record<string, Pos> = {};
      const after: Record<string, Pos> = {};
      cy.batch(() => {
        for (const [id, p] of Object.entries(res.positions!)) {
          if (this.pinned.has(id)) continue;
          const n = cy.getElementById(id);
          if (n.empty()) continue;
          before[id] = { ...n.position() };
          after[id] = p;
          n.position(p);
          this.positions[id] = p;
        }
      });
      if (opts.fit !== false) this.fitVisible(30);
      this.schedulePrefsSave();
      this.setStatus({ layoutRunning: false, lastLayoutMs: res.ms, lastLayoutAlgorithm: res.algorithm ?? name });
      return { before, after };
    } catch (e) {
      if (!(e instanceof LayoutCancelled)) this.setStatus({ layoutRunning: false, notice: `Layout failed: ${String(e)}` });
      return null;
    }
  }

  /** Moves nodes (undo/redo of moves and layouts). */
  applyPositions(positions: Record<string, Pos>) {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      for (const [id, p] of Object.entries(positions)) {
        const n = cy.getElementById(id);
        if (n.nonempty()) {
          const locked = n.locked();
          if (locked) n.unlock();
          n.position(p);
          if (locked) n.lock();
        }
        this.positions[id] = p;
      }
    });
    this.schedulePrefsSave();
  }

  togglePin(ids: string[]) {
    const cy = this.cy;
    if (!cy) return;
    for (const id of ids) {
      const n = cy.getElementById(id);
      if (this.pinned.has(id)) {
        this.pinned.delete(id);
        n.unlock();
        n.removeClass('pinned');
      } else {
        this.pinned.add(id);
        this.positions[id] = { ...n.position() };
        n.lock();
        n.addClass('pinned');
      }
    }
    this.schedulePrefsSave();
  }

  isPinned(id: string) {
    return this.pinned.has(id);
  }

  fit() {
    this.settleViewport();
    this.fitVisible(30);
  }

  /**
   * Fits the visible twins. Big graphs: from node positions (Cytoscape's fit measures every element's
   * bounding box, labels included: 2.8 s for 50,000 twins), nodes taken as NODE_SIZE squares.
   */
  private fitVisible(padding: number) {
    const cy = this.cy;
    if (!cy) return;
    if (!this.status.large) {
      cy.fit(cy.elements(':visible'), padding);
      return;
    }
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    cy.nodes().forEach((n) => {
      if (n.hasClass('gone')) return;
      const p = n.position();
      if (p.x < x1) x1 = p.x;
      if (p.x > x2) x2 = p.x;
      if (p.y < y1) y1 = p.y;
      if (p.y > y2) y2 = p.y;
    });
    if (x1 === Infinity) return;
    const half = NODE_SIZE / 2;
    const viewport = fitViewport({ x1: x1 - half, y1: y1 - half, x2: x2 + half, y2: y2 + half }, cy.width(), cy.height(), padding, cy.minZoom(), cy.maxZoom());
    cy.viewport(viewport);
  }

  zoomBy(factor: number) {
    const cy = this.cy;
    if (!cy) return;
    if (this.zoomPreview) {
      this.zoomPreview.zoomBy(factor);
      return;
    }
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  centerOn(id: string) {
    this.settleViewport();
    const n = this.cy?.getElementById(id);
    if (n && n.nonempty()) this.cy!.center(n);
  }

  /** Rendered (container-relative) position of a node, or null. */
  renderedPosition(id: string): Pos | null {
    this.settleViewport();
    const n = this.cy?.getElementById(id);
    if (!n || n.empty()) return null;
    return { ...n.renderedPosition() };
  }

  /** Node under a container-relative point. */
  nodeAt(point: Pos): string | null {
    const cy = this.cy;
    if (!cy) return null;
    this.settleViewport();
    let found: string | null = null;
    cy.nodes(':visible').forEach((n) => {
      if (found) return;
      const bb = n.renderedBoundingBox({ includeLabels: false });
      if (point.x >= bb.x1 - 4 && point.x <= bb.x2 + 4 && point.y >= bb.y1 - 4 && point.y <= bb.y2 + 4) found = n.id();
    });
    return found;
  }

  /** Container-relative rendered point -> model coordinates. */
  toModel(point: Pos): Pos {
    const cy = this.cy;
    if (!cy) return point;
    this.settleViewport();
    const pan = cy.pan();
    const z = cy.zoom();
    return { x: (point.x - pan.x) / z, y: (point.y - pan.y) / z };
  }

  private schedulePrefsSave() {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.savePrefsNow({}), 800);
  }

  private savePrefsNow(patch: { layout?: string }) {
    const prefs = loadPrefs(this.workspaceId);
    // Keep remembered positions bounded (localStorage is small): the twins on the canvas win.
    let positions = this.positions;
    const keys = Object.keys(positions);
    if (keys.length > 20_000) {
      const onCanvas = useExplorer.getState().canvas.twins;
      positions = Object.fromEntries(keys.filter((k) => onCanvas.has(k)).slice(0, 20_000).map((k) => [k, this.positions[k]]));
    }
    savePrefs(this.workspaceId, { ...prefs, ...patch, positions, pinned: [...this.pinned] });
  }
}

function setClass(el: cytoscape.NodeSingular | cytoscape.EdgeSingular, cls: string, on: boolean) {
  if (on !== el.hasClass(cls)) {
    if (on) el.addClass(cls);
    else el.removeClass(cls);
  }
}

function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

function cssToRgb(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return [255, 255, 255];
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export const graph = new GraphController();
