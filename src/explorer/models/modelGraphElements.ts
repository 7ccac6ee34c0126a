/** Nodes and edges of the model graph (extends, components, relationships), by kind toggles. Pure. */
import { resolveContents, type ModelIndex } from './modelIndex.ts';

export type ModelEdgeKind = 'extends' | 'component' | 'relationship';

export interface ModelGraphNode {
  id: string;
  label: string;
  decommissioned: boolean;
  /** A target that is not a stored model (e.g. an untargeted relationship's "any twin"). */
  external?: boolean;
}

export interface ModelGraphEdge {
  id: string;
  source: string;
  target: string;
  kind: ModelEdgeKind;
  label: string;
}

export const ANY_TWIN = '(any twin)';

export function modelGraphElements(index: ModelIndex, show: Record<ModelEdgeKind, boolean>, includeInherited = false): { nodes: ModelGraphNode[]; edges: ModelGraphEdge[] } {
  const nodes = new Map<string, ModelGraphNode>();
  for (const n of index.byId.values()) nodes.set(n.id, { id: n.id, label: n.displayName, decommissioned: n.decommissioned });
  const edges: ModelGraphEdge[] = [];
  const external = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: id === ANY_TWIN ? ANY_TWIN : id, decommissioned: false, external: true });
  };
  for (const n of index.byId.values()) {
    if (show.extends) {
      for (const p of n.extends) {
        external(p);
        edges.push({ id: `extends:${n.id}>${p}`, source: n.id, target: p, kind: 'extends', label: 'extends' });
      }
    }
    const contents = includeInherited ? resolveContents(index, n.id) : n.contents;
    for (const c of contents) {
      if (c.kind === 'Component' && show.component && c.schema && c.schema.startsWith('dtmi:')) {
        external(c.schema);
        edges.push({ id: `component:${n.id}:${c.name}`, source: n.id, target: c.schema, kind: 'component', label: c.name });
      }
      if (c.kind === 'Relationship' && show.relationship) {
        const target = c.target ?? ANY_TWIN;
        external(target);
        edges.push({ id: `relationship:${n.id}:${c.name}`, source: n.id, target, kind: 'relationship', label: c.name });
      }
    }
  }
  return { nodes: [...nodes.values()], edges };
}

/** The part of the graph within `depth` hops of `center`, edges followed both ways. */
export function neighbourhood(g: { nodes: ModelGraphNode[]; edges: ModelGraphEdge[] }, center: string, depth: number): { nodes: ModelGraphNode[]; edges: ModelGraphEdge[] } {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const e of g.edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const keep = new Set<string>([center]);
  let frontier = [center];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const n of frontier) for (const m of adjacent.get(n) ?? []) if (!keep.has(m)) {
      keep.add(m);
      next.push(m);
    }
    frontier = next;
  }
  return { nodes: g.nodes.filter((n) => keep.has(n.id)), edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) };
}
