/**
 * The twin graph canvas: Cytoscape mirrored from the explorer store, live engine events, drag a model from
 * the model list to create a twin, drag a twin's handle to another twin to create a relationship,
 * double-click to expand, keyboard navigation.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type cytoscape from 'cytoscape';
import { engine, onEngineEvents, useEngineStore } from '../../app/engine/index.ts';
import type { Twin } from '../../engine/types.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, moveCommand } from '../undo/index.ts';
import { expand, hideSelected, redo, requestDelete, undo } from './graphActions.ts';
import { graph } from './graphController.ts';
import { loadWholeWorkspace, outgoingRelationships } from './graphData.ts';
import { useGraphUi } from './graphUi.ts';
import { HoverCard, wireHover } from './HoverCard.tsx';
import { Minimap } from './Minimap.tsx';

export const MODEL_DRAG_TYPE = 'application/x-twinscape-model';

/** Twin ids the canvas expects to (re)appear through Create events: created or deleted here (undo). */
export const expectedTwins = new Set<string>();

declare global {
  interface Window {
    /** Read-only hooks for e2e tests and the benchmark (positions, counts, timings). */
    __twinscapeGraph?: {
      status(): ReturnType<typeof graph.getStatus>;
      renderedPosition(id: string): { x: number; y: number } | null;
      nodeIds(): string[];
      edgeIds(): string[];
      visibleNodeIds(): string[];
      classesOf(id: string): string[];
      zoom(): number;
      pan(): { x: number; y: number };
      selectedNodeIds(): string[];
      syncPhases(): Record<string, number>;
      /** Big graphs: a zoom gesture's preview is waiting to be applied. */
      zoomPending(): boolean;
    };
  }
}

function installTestHooks() {
  window.__twinscapeGraph = {
    status: () => graph.getStatus(),
    renderedPosition: (id) => graph.renderedPosition(id),
    nodeIds: () => graph.cy?.nodes().map((n) => n.id()) ?? [],
    edgeIds: () => graph.cy?.edges().map((e) => e.id()) ?? [],
    visibleNodeIds: () => graph.cy?.nodes(':visible').map((n) => n.id()) ?? [],
    classesOf: (id) => (graph.cy?.getElementById(id).classes() as unknown as string[]) ?? [],
    zoom: () => {
      graph.settleViewport();
      return graph.cy?.zoom() ?? 1;
    },
    selectedNodeIds: () => graph.cy?.nodes(':selected').map((n) => n.id()) ?? [],
    pan: () => {
      graph.settleViewport();
      return { ...(graph.cy?.pan() ?? { x: 0, y: 0 }) };
    },
    zoomPending: () => graph.zoomPending(),
    syncPhases: () => graph.lastSyncPhases,
  };
}

export function GraphCanvas() {
  const containerRef = useRef<HTMLDivElement>(null);
  const parents = useModelCatalog((s) => s.parents);
  const engineReady = useEngineStore((s) => s.status === 'ready');
  const twinCount = useEngineStore((s) => s.stats.twins);
  const workspaceId = useEngineStore((s) => s.workspace?.id ?? 'default');
  const [dropHint, setDropHint] = useState(false);
  const showMinimap = useGraphUi((s) => s.minimap);

  // Cytoscape instance (re-created when the graph crosses the WebGL threshold).
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    graph.setWorkspace(workspaceId);
    graph.attach(el, graph.wantsLarge(useExplorer.getState().canvas.twins.size), wireEvents);
    installTestHooks();
    graph.sync(useExplorer.getState());
    // Panels around the canvas change its size (query results open, window resize): tell Cytoscape.
    // The view keeps its centre when the canvas grows or shrinks.
    let size = { w: el.clientWidth, h: el.clientHeight };
    const ro = new ResizeObserver(() => {
      const cy = graph.cy;
      const next = { w: el.clientWidth, h: el.clientHeight };
      if (cy && (next.w !== size.w || next.h !== size.h)) {
        cy.resize();
        cy.panBy({ x: (next.w - size.w) / 2, y: (next.h - size.h) / 2 });
      }
      size = next;
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      graph.release();
    };
  }, [workspaceId]);

  useEffect(() => {
    graph.setParents(parents);
    graph.applyVisuals(useExplorer.getState());
  }, [parents]);

  // Store -> canvas.
  useEffect(() => useExplorer.subscribe((s, prev) => {
    if (s.canvas !== prev.canvas) {
      graph.sync(s);
      void completeEdges(s.canvas.twins, prev.canvas.twins);
    } else if (s.filter !== prev.filter || s.highlight !== prev.highlight || s.hidden !== prev.hidden || s.hiddenModels !== prev.hiddenModels) {
      graph.applyVisuals(s);
    }
    if (s.displayNameProperty !== prev.displayNameProperty) {
      graph.relabel(s);
      graph.applyVisuals(s);
    }
    if (s.selection !== prev.selection) reflectSelection(s.selection);
  }), []);

  // Theme changes restyle the canvas.
  useEffect(() => {
    const obs = new MutationObserver(() => graph.restyle(graph.getStatus().large));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);

  // Engine events -> store (live updates from any source).
  useEffect(() => onEngineEvents((events) => {
    const stale = useExplorer.getState().applyEngineEvents(events, { addCreatedTwins: expectedTwins });
    for (const e of events) if (e.type === 'Microsoft.DigitalTwins.Twin.Create') expectedTwins.delete(e.subject);
    if (stale.length > 0) void refreshTwins(stale);
  }), []);

  // First open of a workspace with data: show all of it.
  useEffect(() => {
    if (!engineReady || twinCount === 0) return;
    const s = useExplorer.getState();
    if (s.canvas.twins.size > 0 || autoloaded.has(workspaceId)) return;
    autoloaded.add(workspaceId);
    void loadWholeWorkspace().then((r) => {
      if (!r.ok) {
        useGraphUi.getState().say('error', `${r.error.code}: ${r.error.message}`);
        return;
      }
      if (useExplorer.getState().canvas.twins.size > 0) return; // a query got there first
      // All relationships came with them: no per-twin edge completion.
      for (const t of r.value.twins) edgesFetched.add(t.$dtId);
      useExplorer.getState().showOnCanvas(r.value.twins, r.value.relationships, 'replace', { followCreates: true });
    });
  }, [engineReady, twinCount, workspaceId]);

  const onDragOver = (e: React.DragEvent) => {
    if (!e.dataTransfer.types.includes(MODEL_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropHint(true);
  };
  const onDrop = (e: React.DragEvent) => {
    setDropHint(false);
    const model = e.dataTransfer.getData(MODEL_DRAG_TYPE);
    if (!model) return;
    e.preventDefault();
    const rect = containerRef.current!.getBoundingClientRect();
    const position = graph.toModel({ x: e.clientX - rect.left, y: e.clientY - rect.top });
    useGraphUi.getState().open({ kind: 'createTwin', model, position });
  };

  // Cytoscape caches where its container is on the page; panels above it may move it without resizing it.
  const lastOrigin = useRef<{ x: number; y: number } | null>(null);
  const onPointerEnter = () => {
    const el = containerRef.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const o = lastOrigin.current;
    if (!o || o.x !== r.left || o.y !== r.top) {
      lastOrigin.current = { x: r.left, y: r.top };
      graph.cy?.resize();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    const sel = useExplorer.getState().selection;
    const key = e.key;
    if ((e.ctrlKey || e.metaKey) && key.toLowerCase() === 'z') {
      e.preventDefault();
      void (e.shiftKey ? redo() : undo());
      return;
    }
    if (key.startsWith('Arrow')) {
      e.preventDefault();
      navigate(key as 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', sel?.kind === 'twin' ? sel.id : null);
    } else if (key === 'Escape') {
      useExplorer.getState().select(null);
      graph.cy?.elements(':selected').unselect();
    } else if (key === 'Delete' || key === 'Backspace') {
      e.preventDefault();
      requestDelete();
    } else if (key === 'Enter' && sel?.kind === 'twin') {
      e.preventDefault();
      void expand([sel.id]);
    } else if (key === 'h' || key === 'H') {
      hideSelected();
    } else if (key === 'f' || key === 'F') {
      graph.fit();
    } else if (key === '+' || key === '=') {
      graph.zoomBy(1.25);
    } else if (key === '-') {
      graph.zoomBy(0.8);
    }
  };

  return (
    <div className="graph-canvas-wrap">
      <div
        ref={containerRef}
        className={`graph-canvas${dropHint ? ' drop-hint' : ''}`}
        data-testid="twin-graph"
        role="application"
        aria-label="Twin graph canvas. Arrow keys move between twins, Enter expands, Delete deletes, H hides, F fits, Ctrl+Z undoes."
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerEnter={onPointerEnter}
        onDragOver={onDragOver}
        onDragLeave={() => setDropHint(false)}
        onDrop={onDrop}
      />
      <EdgeHandle containerRef={containerRef} />
      <HoverCard />
      {showMinimap && <Minimap />}
      <CanvasCaption />
    </div>
  );
}

const autoloaded = new Set<string>();
/** Twins whose outgoing relationships were fetched (so edges between shown twins appear). */
const edgesFetched = new Set<string>();

async function completeEdges(now: ReadonlyMap<string, Twin>, before: ReadonlyMap<string, Twin>) {
  const fresh: string[] = [];
  for (const id of now.keys()) if (!before.has(id) && !edgesFetched.has(id)) fresh.push(id);
  for (const id of before.keys()) if (!now.has(id)) edgesFetched.delete(id);
  if (fresh.length === 0 || fresh.length > 20_000) return;
  for (const id of fresh) edgesFetched.add(id);
  const rels = await outgoingRelationships(fresh);
  if (rels.length > 0) useExplorer.getState().addToCanvas([], rels);
}

async function refreshTwins(ids: string[]) {
  const got = await Promise.all(ids.map((id) => engine.getTwin(id)));
  const twins = got.filter((g) => g.ok).map((g) => (g as { ok: true; value: Twin }).value);
  const shown = useExplorer.getState().canvas.twins;
  const still = twins.filter((t) => shown.has(t.$dtId));
  if (still.length > 0) useExplorer.getState().addToCanvas(still, []);
}

function reflectSelection(sel: ReturnType<typeof useExplorer.getState>['selection']) {
  const cy = graph.cy;
  if (!cy) return;
  if (!sel || sel.kind === 'model') {
    cy.elements(':selected').unselect();
    return;
  }
  if (sel.kind === 'relationship') graph.ensureEdges([sel.id]);
  const el = cy.getElementById(sel.id);
  if (el.empty() || el.selected()) return;
  cy.elements(':selected').unselect();
  el.select();
}

function wireEvents(cy: cytoscape.Core) {
  const store = () => useExplorer.getState();
  wireHover(cy);
  cy.on('tap', 'node', (e) => store().select({ kind: 'twin', id: e.target.id() }));
  cy.on('tap', 'edge', (e) => store().select({ kind: 'relationship', id: e.target.id() }));
  cy.on('tap', (e) => {
    if (e.target === cy) store().select(null);
  });
  cy.on('dbltap', 'node', (e) => void expand([e.target.id()]));
  cy.on('dbltap', (e) => {
    if (e.target === cy) store().clearHighlight();
  });
  let grabbed: Record<string, { x: number; y: number }> = {};
  cy.on('grab', 'node', () => {
    grabbed = {};
    cy.nodes(':selected').add(cy.nodes(':grabbed')).forEach((n) => {
      grabbed[n.id()] = { ...n.position() };
    });
  });
  cy.on('free', 'node', (e) => {
    const before: Record<string, { x: number; y: number }> = {};
    const after: Record<string, { x: number; y: number }> = {};
    const ids = Object.keys(grabbed).length > 0 ? Object.keys(grabbed) : [e.target.id()];
    for (const id of ids) {
      const n = cy.getElementById(id);
      if (n.empty() || !grabbed[id]) continue;
      const p = n.position();
      if (p.x === grabbed[id].x && p.y === grabbed[id].y) continue;
      before[id] = grabbed[id];
      after[id] = { ...p };
    }
    grabbed = {};
    if (Object.keys(after).length > 0) explorerUndo.record(moveCommand('move', before, after, (p) => graph.applyPositions(p)));
  });
}

/** Arrow keys: the nearest visible twin in that direction (or the first one). */
function navigate(key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', from: string | null) {
  const cy = graph.cy;
  if (!cy) return;
  const nodes = cy.nodes(':visible');
  if (nodes.empty()) return;
  const origin = from ? cy.getElementById(from) : null;
  let best: string | null = null;
  if (!origin || origin.empty()) best = nodes.first().id();
  else {
    const o = origin.position();
    let bestScore = Infinity;
    nodes.forEach((n) => {
      if (n.id() === origin.id()) return;
      const p = n.position();
      const dx = p.x - o.x;
      const dy = p.y - o.y;
      const along = key === 'ArrowRight' ? dx : key === 'ArrowLeft' ? -dx : key === 'ArrowDown' ? dy : -dy;
      const across = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
      if (along <= 0) return;
      const score = along + across * 2;
      if (score < bestScore) {
        bestScore = score;
        best = n.id();
      }
    });
  }
  if (!best) return;
  useExplorer.getState().select({ kind: 'twin', id: best });
  const n = cy.getElementById(best);
  const rp = n.renderedPosition();
  if (rp.x < 0 || rp.y < 0 || rp.x > cy.width() || rp.y > cy.height()) cy.center(n);
}

/** The handle on the selected twin: drag it onto another twin to create a relationship. */
function EdgeHandle({ containerRef }: { containerRef: React.RefObject<HTMLDivElement | null> }) {
  const selection = useExplorer((s) => s.selection);
  const twinId = selection?.kind === 'twin' ? selection.id : null;
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  const [drag, setDrag] = useState<{ x: number; y: number; over: string | null } | null>(null);

  useEffect(() => {
    const cy = graph.cy;
    if (!cy || !twinId) {
      setPos(null);
      return;
    }
    const update = () => {
      const n = cy.getElementById(twinId);
      if (n.empty() || !n.visible()) {
        setPos(null);
        return;
      }
      const bb = n.renderedBoundingBox({ includeLabels: false });
      setPos({ x: bb.x2 + 10, y: (bb.y1 + bb.y2) / 2 });
    };
    update();
    cy.on('pan zoom resize', update);
    cy.on('position', `node`, update);
    return () => {
      cy.off('pan zoom resize', update);
      cy.off('position', 'node', update);
    };
  }, [twinId]);

  if (!twinId || !pos) return null;
  const rel = (e: React.PointerEvent) => {
    const rect = containerRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const setDropTarget = (id: string | null) => {
    const cy = graph.cy;
    cy?.nodes('.drop-target').removeClass('drop-target');
    if (id && id !== twinId) cy?.getElementById(id).addClass('drop-target');
  };
  return (
    <>
      <div
        className="edge-handle"
        role="button"
        tabIndex={-1}
        aria-label={`Drag to another twin to create a relationship from ${twinId}`}
        title="Drag onto another twin to create a relationship"
        data-testid="edge-handle"
        style={{ left: pos.x - 7, top: pos.y - 7 }}
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          setDrag({ ...rel(e), over: null });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = rel(e);
          const over = graph.nodeAt(p);
          setDropTarget(over);
          setDrag({ ...p, over });
        }}
        onPointerUp={(e) => {
          if (!drag) return;
          const over = graph.nodeAt(rel(e));
          setDropTarget(null);
          setDrag(null);
          if (over && over !== twinId) useGraphUi.getState().open({ kind: 'createRelationship', sourceId: twinId, targetId: over });
        }}
        onPointerCancel={() => {
          setDropTarget(null);
          setDrag(null);
        }}
      />
      {drag && (
        <svg className="edge-draft" aria-hidden="true">
          <line x1={pos.x} y1={pos.y} x2={drag.x} y2={drag.y} stroke="var(--accent)" strokeWidth={2} strokeDasharray="5 4" />
        </svg>
      )}
    </>
  );
}

function CanvasCaption() {
  const status = useSyncExternalStore(graph.subscribe, graph.getStatus);
  const message = useGraphUi((s) => s.message);
  return (
    <div className="canvas-caption">
      <span data-testid="canvas-counts">{status.nodes.toLocaleString()} twins · {status.edges.toLocaleString()} relationships on canvas{status.large ? ` · level of detail${status.edgesHidden ? ' (zoom in to see relationships)' : ''}` : ''}{status.webgl ? ' · WebGL' : ''}</span>
      {status.layoutRunning && <span role="status"> · computing layout…</span>}
      {status.notice && <span className="notice" role="status"> {status.notice}</span>}
      {message && <span className={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'}> {message.text}</span>}
    </div>
  );
}
