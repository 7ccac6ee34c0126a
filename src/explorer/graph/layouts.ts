/** The layouts the twin graph offers, and the limits above which they are only run on request. */
export type LayoutName = 'dagre' | 'fcose' | 'grid' | 'concentric' | 'breadthfirst';

export const layoutNames: ReadonlyArray<{ name: LayoutName; label: string }> = [
  { name: 'dagre', label: 'Hierarchical' },
  { name: 'fcose', label: 'Force (fCoSE)' },
  { name: 'breadthfirst', label: 'Tree (breadth-first)' },
  { name: 'grid', label: 'Grid' },
  { name: 'concentric', label: 'Concentric' },
];

/**
 * Up to this many twins (or twice as many relationships) the hierarchical layout is dagre's (dummy nodes,
 * fewer crossings); above it, the linear layered layout (layeredLayout.ts), which finishes on 50,000 twins.
 * dagre on a building-shaped graph with twice as many relationships as twins, headless, on a loaded 2-core
 * machine: 500 twins 1.9 s, 1,000 twins 8.7 s, 1,500 twins 26 s.
 */
export const DAGRE_MAX_NODES = 600;

export function hierarchicalAlgorithm(nodes: number, edges: number): 'dagre' | 'layered' {
  return nodes <= DAGRE_MAX_NODES && edges <= 2 * DAGRE_MAX_NODES ? 'dagre' : 'layered';
}

/** Node counts above which a layout is announced as slow (it still runs in the worker, off the main thread). */
export const slowLayoutAbove: Record<LayoutName, number> = {
  dagre: 100_000,
  fcose: 3000,
  breadthfirst: 8000,
  grid: 200_000,
  concentric: 20_000,
};

export interface LayoutRequest {
  id: number;
  name: LayoutName;
  nodes: Array<{ id: string; model?: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
}

export interface LayoutResponse {
  id: number;
  ok: boolean;
  positions?: Record<string, { x: number; y: number }>;
  error?: string;
  ms: number;
  /** The algorithm that ran (the hierarchical layout picks dagre or layered by size). */
  algorithm?: string;
}

/** A notice for the user when a layout of this many twins would be slow, or null when it is quick. */
export function slowLayoutNotice(name: LayoutName, nodes: number): string | null {
  if (nodes <= slowLayoutAbove[name]) return null;
  const label = layoutNames.find((l) => l.name === name)?.label ?? name;
  return `A ${label.toLowerCase()} layout of ${nodes.toLocaleString()} twins is slow (it may take minutes); it runs in the background and the canvas stays usable.`;
}

/** Instant grid placement (used for the first frame of big graphs and for nodes without a position). */
export function gridPositions(ids: readonly string[], origin = { x: 0, y: 0 }, spacing = 60): Record<string, { x: number; y: number }> {
  const cols = Math.max(1, Math.ceil(Math.sqrt(ids.length)));
  const out: Record<string, { x: number; y: number }> = {};
  ids.forEach((id, i) => {
    out[id] = { x: origin.x + (i % cols) * spacing, y: origin.y + Math.floor(i / cols) * spacing };
  });
  return out;
}
