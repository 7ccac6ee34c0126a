/**
 * The model graph: models as nodes, extends / component / relationship edges with per-kind toggles and a
 * choice of layouts; clicking a model shows its details (definition and resolved contents).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import cytoscape from 'cytoscape';
import type { ModelIndex } from './modelIndex.ts';
import { modelGraphElements, neighbourhood, type ModelEdgeKind } from './modelGraphElements.ts';
import { ModelDetails } from './ModelDetails.tsx';

const LAYOUTS = { breadthfirst: 'Hierarchy', cose: 'Force', grid: 'Grid', concentric: 'Concentric', circle: 'Circle' } as const;
type LayoutName = keyof typeof LAYOUTS;

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function ModelGraph({ index, selected, onSelect }: { index: ModelIndex; selected: string | null; onSelect(id: string | null): void }) {
  const host = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [show, setShow] = useState<Record<ModelEdgeKind, boolean>>({ extends: true, component: true, relationship: true });
  const [layout, setLayout] = useState<LayoutName>('breadthfirst');
  // Big ontologies (RealEstateCore: 768 models) are unreadable whole: start around the selected model.
  const [around, setAround] = useState(() => (index.byId.size > 150 ? 1 : 0));
  const focus = around > 0 && selected && index.byId.has(selected) ? selected : null;
  const elements = useMemo(() => {
    const all = modelGraphElements(index, show);
    return focus ? neighbourhood(all, focus, around) : all;
  }, [index, show, focus, around]);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);


  useEffect(() => {
    if (!host.current) return;
    const fg = cssVar('--fg', '#222');
    const muted = cssVar('--muted', '#666');
    const accent = cssVar('--accent', '#06c');
    const panel = cssVar('--panel', '#fff');
    const warn = cssVar('--warn', '#960');
    const danger = cssVar('--danger', '#b00');
    const cy = cytoscape({
      container: host.current,
      elements: [
        ...elements.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label }, classes: [n.external ? 'external' : '', n.decommissioned ? 'decommissioned' : ''].join(' ').trim() })),
        ...elements.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target, label: e.label }, classes: e.kind })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'background-color': accent, color: fg, 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'text-max-width': '120px', 'text-wrap': 'ellipsis' } },
        { selector: 'node.external', style: { 'background-color': panel, 'border-width': 1, 'border-color': muted, 'border-style': 'dashed' } },
        { selector: 'node.decommissioned', style: { 'background-color': warn } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': danger } },
        { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': muted, 'target-arrow-color': muted, label: 'data(label)', 'font-size': 8, color: muted, 'text-rotation': 'autorotate' } },
        { selector: 'edge.extends', style: { 'line-color': accent, 'target-arrow-color': accent, 'target-arrow-shape': 'triangle-backcurve', label: '' } },
        { selector: 'edge.component', style: { 'line-style': 'dashed', 'source-arrow-shape': 'diamond', 'source-arrow-color': muted } },
      ],
      layout: { name: layout, animate: false, ...(layout === 'breadthfirst' ? { directed: true, spacingFactor: 1.1 } : {}) } as cytoscape.LayoutOptions,
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (e) => {
      const id = e.target.id() as string;
      onSelectRef.current(index.byId.has(id) ? id : null);
    });
    cyRef.current = cy;
    // The host may have had no size yet (a dialog opening): lay out again once it has one, and on resizes.
    const layoutOptions = { name: layout, animate: false, padding: 20, ...(layout === 'breadthfirst' ? { directed: true, spacingFactor: 1.1 } : {}) } as cytoscape.LayoutOptions;
    let laidOutAt = '';
    const observer = new ResizeObserver(() => {
      const el = host.current;
      if (!el || !el.clientWidth || !el.clientHeight) return;
      cy.resize();
      const size = `${el.clientWidth}x${el.clientHeight}`;
      if (!laidOutAt) cy.layout(layoutOptions).run();
      else cy.fit(undefined, 20);
      laidOutAt = size;
    });
    observer.observe(host.current);
    // Tests and tools reach the instance through the host element (no window globals).
    (host.current as HTMLDivElement & { cy?: cytoscape.Core }).cy = cy;
    return () => {
      observer.disconnect();
      cy.destroy();
      cyRef.current = null;
    };
  }, [elements, layout, index]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.nodes().unselect();
    if (selected) cy.$id(selected).select();
  }, [selected, elements]);

  return (
    <div className="model-graph">
      <div className="model-graph-toolbar" role="toolbar" aria-label="Model graph options">
        {(['extends', 'component', 'relationship'] as const).map((k) => (
          <label key={k}>
            <input type="checkbox" checked={show[k]} onChange={(e) => setShow((s) => ({ ...s, [k]: e.target.checked }))} />{' '}
            {k === 'extends' ? 'Extends' : k === 'component' ? 'Components' : 'Relationships'}
          </label>
        ))}
        <label>
          Layout{' '}
          <select value={layout} onChange={(e) => setLayout(e.target.value as LayoutName)}>
            {Object.entries(LAYOUTS).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Show{' '}
          <select value={around} onChange={(e) => setAround(Number(e.target.value))}>
            <option value={0}>all models</option>
            <option value={1}>1 hop around the selected model</option>
            <option value={2}>2 hops around the selected model</option>
            <option value={3}>3 hops around the selected model</option>
          </select>
        </label>
        <button type="button" onClick={() => cyRef.current?.fit(undefined, 20)}>Fit</button>
        <span className="muted" data-testid="model-graph-counts">
          {elements.nodes.length} models, {elements.edges.length} edges
        </span>
        {around > 0 && !focus ? <span className="muted">Select a model (click it, or in the list) to show its neighbourhood.</span> : null}
      </div>
      <div className="model-graph-body">
        <div ref={host} className="model-graph-canvas" data-testid="model-graph-canvas" aria-label="Model graph canvas" role="img" />
        {selected ? (
          <div className="model-graph-details">
            <ModelDetails index={index} id={selected} onClose={() => onSelect(null)} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
