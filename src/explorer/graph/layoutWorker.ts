/// <reference lib="webworker" />
/**
 * Runs Cytoscape layouts in a headless Cytoscape inside a Web Worker, so dagre / fCoSE on thousands of
 * twins never freeze the page; big hierarchical layouts use the linear layered layout instead of dagre. Receives LayoutRequest, answers LayoutResponse with positions.
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import { layeredLayout } from './layeredLayout.ts';
import { gridPositions, hierarchicalAlgorithm, type LayoutName, type LayoutRequest, type LayoutResponse } from './layouts.ts';

cytoscape.use(dagre);
cytoscape.use(fcose);

function options(name: LayoutName, n: number): cytoscape.LayoutOptions {
  switch (name) {
    case 'dagre':
      return { name: 'dagre', rankDir: 'TB', nodeSep: 30, rankSep: 70, animate: false } as cytoscape.LayoutOptions;
    case 'fcose':
      return { name: 'fcose', quality: n > 2000 ? 'draft' : 'default', randomize: true, animate: false, nodeRepulsion: 6000, idealEdgeLength: 80 } as cytoscape.LayoutOptions;
    case 'breadthfirst':
      return { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false };
    case 'concentric':
      return { name: 'concentric', animate: false, minNodeSpacing: 20, concentric: (node: cytoscape.NodeSingular) => node.degree(false), levelWidth: () => 2 } as cytoscape.LayoutOptions;
    case 'grid':
    default:
      return { name: 'grid', animate: false, avoidOverlap: true };
  }
}

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const req = event.data;
  const started = performance.now();
  try {
    if (req.name === 'grid') {
      // A grid needs no graph: place directly (10k twins in milliseconds).
      const positions = gridPositions(req.nodes.map((n) => n.id), { x: 0, y: 0 }, 60);
      self.postMessage({ id: req.id, ok: true, positions, ms: performance.now() - started, algorithm: 'grid' } satisfies LayoutResponse);
      return;
    }
    if (req.name === 'dagre' && hierarchicalAlgorithm(req.nodes.length, req.edges.length) === 'layered') {
      // dagre does not finish on 10,000 twins: the linear layered layout does, in well under a second.
      const { positions } = layeredLayout(req.nodes.map((n) => n.id), req.edges);
      self.postMessage({ id: req.id, ok: true, positions, ms: performance.now() - started, algorithm: 'layered' } satisfies LayoutResponse);
      return;
    }
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: [
        ...req.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id } })),
        ...req.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
      ],
      style: [{ selector: 'node', style: { width: 24, height: 24 } }],
    });
    cy.layout(options(req.name, req.nodes.length)).run();
    const positions: Record<string, { x: number; y: number }> = {};
    cy.nodes().forEach((node) => {
      const p = node.position();
      positions[node.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
    });
    cy.destroy();
    const res: LayoutResponse = { id: req.id, ok: true, positions, ms: performance.now() - started, algorithm: req.name };
    self.postMessage(res);
  } catch (error) {
    const res: LayoutResponse = { id: req.id, ok: false, error: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
    self.postMessage(res);
  }
};
