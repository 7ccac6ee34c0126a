/**
 * Mesh ids the way ADT 3D Scenes Studio computes them (scenes-studio.md §3.4), from the raw glTF JSON:
 * Babylon's glTF 2.0 loader names a node `node.name || "node" + index`; a node whose mesh has several
 * primitives becomes a transform node with child meshes `<name>_primitive<i>`; then the studio's
 * preProcessMeshesOnLoad walks `scene.meshes` (Babylon's `__root__` first, then nodes depth-first) and,
 * for each id found more than once, appends 0, 1, 2… to every holder. Instances of a glTF mesh used by
 * several nodes are cloned by the studio as `<name><counter>` with one counter for the whole scene.
 * three.js names objects differently (sanitised, de-duplicated its own way), so Twinscape keys each three
 * mesh by (glTF node index, primitive index) and looks its id up in this table.
 */

export interface GltfJsonLike {
  scene?: number;
  scenes?: Array<{ nodes?: number[] }>;
  nodes?: Array<{ name?: string; mesh?: number; children?: number[] }>;
  meshes?: Array<{ primitives?: unknown[] }>;
}

export interface MeshIdEntry {
  /** The ADT / Babylon mesh id. */
  id: string;
  /** glTF node index. */
  node: number;
  /** Primitive index within the node's mesh. */
  primitive: number;
}

export function nodeMeshKey(node: number, primitive: number): string {
  return `${node}/${primitive}`;
}

export function computeBabylonMeshIds(gltf: GltfJsonLike): MeshIdEntry[] {
  const nodes = gltf.nodes ?? [];
  const meshes = gltf.meshes ?? [];
  const entries: MeshIdEntry[] = [{ id: '__root__', node: -1, primitive: -1 }];
  const instances: MeshIdEntry[] = [];
  const usedMeshes = new Set<number>();
  const visited = new Set<number>();

  const roots = rootNodes(gltf);
  const visit = (index: number) => {
    if (visited.has(index) || !nodes[index]) return; // guard against cycles in malformed files
    visited.add(index);
    const n = nodes[index];
    const name = n.name || `node${index}`;
    if (n.mesh !== undefined && meshes[n.mesh]) {
      const count = Math.max(1, meshes[n.mesh].primitives?.length ?? 1);
      const instanced = usedMeshes.has(n.mesh);
      usedMeshes.add(n.mesh);
      for (let p = 0; p < count; p++) {
        const entry = { id: count > 1 ? `${name}_primitive${p}` : name, node: index, primitive: p };
        (instanced ? instances : entries).push(entry);
      }
    }
    for (const c of n.children ?? []) visit(c);
  };
  roots.forEach(visit);

  // preProcessMeshesOnLoad: make ids unique in scene.meshes order.
  const holders = new Map<string, MeshIdEntry[]>();
  for (const e of entries) {
    const list = holders.get(e.id);
    if (list) list.push(e);
    else holders.set(e.id, [e]);
  }
  for (const e of entries) {
    const same = holders.get(e.id);
    if (!same || same.length < 2 || !same.includes(e)) continue;
    holders.delete(e.id);
    same.forEach((h, i) => {
      h.id = h.id + i;
      const list = holders.get(h.id);
      if (list) list.push(h);
      else holders.set(h.id, [h]);
    });
  }
  instances.forEach((e, i) => { e.id = e.id + i; });
  return [...entries.slice(1), ...instances];
}

function rootNodes(gltf: GltfJsonLike): number[] {
  const sceneIndex = gltf.scene ?? 0;
  const scene = gltf.scenes?.[sceneIndex];
  if (scene?.nodes) return scene.nodes;
  // No scene: every node that is nobody's child is a root.
  const nodes = gltf.nodes ?? [];
  const child = new Set<number>();
  nodes.forEach((n) => (n.children ?? []).forEach((c) => child.add(c)));
  return nodes.map((_, i) => i).filter((i) => !child.has(i));
}
