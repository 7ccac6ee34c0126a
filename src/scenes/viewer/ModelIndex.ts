/**
 * What the viewer knows about a loaded model: each three.js mesh keyed by its ADT-style mesh id
 * (computed from the glTF JSON, see adt/babylonMeshIds.ts), and the node tree for the searchable tree panel.
 */
import { Box3, Mesh, type Object3D } from 'three';
import { computeBabylonMeshIds, nodeMeshKey, type GltfJsonLike } from '../adt/index.ts';

export interface ModelNode {
  index: number;
  name: string;
  meshIds: string[];
  children: number[];
}

export interface ModelIndex {
  root: Object3D;
  meshes: Map<string, Mesh>;
  nodes: ModelNode[];
  rootNodes: number[];
  box: Box3;
}

/** `associations` is GLTFLoader's map from three objects to glTF indices. */
export type Associations = Map<unknown, { nodes?: number; meshes?: number; primitives?: number }>;

export function indexModel(root: Object3D, json: GltfJsonLike, associations: Associations): ModelIndex {
  const table = new Map<string, string>();
  const byNode = new Map<number, string[]>();
  for (const e of computeBabylonMeshIds(json)) {
    table.set(nodeMeshKey(e.node, e.primitive), e.id);
    byNode.set(e.node, [...(byNode.get(e.node) ?? []), e.id]);
  }
  const meshes = new Map<string, Mesh>();
  let fallback = 0;
  root.updateMatrixWorld(true);
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    const own = associations.get(o);
    const node = own?.nodes ?? associations.get(o.parent)?.nodes;
    const prim = own?.primitives ?? 0;
    let id = node === undefined ? undefined : table.get(nodeMeshKey(node, prim));
    if (!id || meshes.has(id)) id = `${o.name || 'mesh'}#${fallback++}`;
    o.userData.meshId = id;
    meshes.set(id, o);
  });
  const nodes: ModelNode[] = (json.nodes ?? []).map((n, i) => ({ index: i, name: n.name || `node${i}`, meshIds: byNode.get(i) ?? [], children: n.children ?? [] }));
  const sceneRoots = json.scenes?.[json.scene ?? 0]?.nodes ?? nodes.map((n) => n.index);
  return { root, meshes, nodes, rootNodes: sceneRoots, box: new Box3().setFromObject(root) };
}

/** All mesh ids under a node (the node's own and its descendants'). */
export function meshIdsUnder(index: ModelIndex, node: number): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const visit = (i: number) => {
    if (seen.has(i)) return;
    seen.add(i);
    const n = index.nodes[i];
    if (!n) return;
    out.push(...n.meshIds);
    n.children.forEach(visit);
  };
  visit(node);
  return out;
}
