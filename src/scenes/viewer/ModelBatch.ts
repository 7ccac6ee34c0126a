/**
 * Draws a model's plain opaque meshes through three.js BatchedMeshes: one draw call per source material instead of
 * one per mesh. Under software WebGL (SwiftShader) every draw call costs the GPU process a fixed setup that the main
 * thread then waits for (Chromium's software compositor reads the canvas back in the frame's commit): 1,000 boxes
 * took ~50 ms a frame as 1,000 meshes and ~20 ms as one batch. On a GPU it saves the per-mesh uniform uploads.
 *
 * The original meshes stay in the scene graph (picking, BVH, outline hulls, the node tree, the test hook read them);
 * MeshPainter decides per mesh whether it is drawn by the batch (opaque, not highlighted: its own material is set
 * invisible) or by itself (selected, hovered, see-through, wireframe). A batch instance carries the colour the mesh's
 * material shows; its alpha says whether the emissive is the material's own (0) or the rule tint, a quarter of the
 * colour (1) — the two emissives MeshPainter gives a mesh it lets the batch draw.
 *
 * Only meshes that can share one material and one vertex layout are batched: a single lit material (standard,
 * physical, Lambert, Phong) without vertex colours, no morph targets, no skinning, the whole geometry drawn. A group
 * smaller than `minGroup` is not worth a batch; its meshes draw themselves as before.
 */
import { BatchedMesh, Group, Matrix4, Vector4, type BufferGeometry, type Color, type Material, type Mesh } from 'three';

/** The emissive a rule colour adds, as a share of the colour (MeshPainter and the batch shader agree on it). */
export const RULE_EMISSIVE = 0.25;

interface Slot {
  batch: BatchedMesh;
  instance: number;
  /** Mirrored (negative determinant): three flips the front face of such a mesh, which a batch cannot do per instance. */
  mirrored: boolean;
}

type LitMaterial = Material & {
  color: Color;
  vertexColors: boolean;
  isMeshStandardMaterial?: boolean;
  isMeshLambertMaterial?: boolean;
  isMeshPhongMaterial?: boolean;
};

const tmpColor = new Vector4();
const tmpMatrix = new Matrix4();

export class ModelBatch {
  /** Holds the batches; add it to the scene (at the origin: instance matrices are the meshes' world matrices). */
  readonly root = new Group();
  private readonly slots = new Map<Mesh, Slot>();
  private readonly batches: BatchedMesh[] = [];

  /** `entries`: each mesh with the material it had before MeshPainter gave it its own copy (the grouping key). */
  constructor(entries: Iterable<{ mesh: Mesh; source: Material }>, minGroup = 2) {
    this.root.name = 'model-batches';
    this.root.matrixAutoUpdate = false;
    const groups = new Map<string, Array<{ mesh: Mesh; source: Material }>>();
    for (const e of entries) {
      const key = batchKey(e.mesh, e.source);
      if (key === null) continue;
      const list = groups.get(key);
      if (list) list.push(e);
      else groups.set(key, [e]);
    }
    for (const list of groups.values()) {
      if (list.length < minGroup) continue;
      const geometries = [...new Set(list.map((e) => e.mesh.geometry))];
      let vertices = 0;
      let indices = 0;
      for (const g of geometries) {
        vertices += g.attributes.position.count;
        indices += g.index?.count ?? 0;
      }
      const material = batchMaterial(list[0].source as LitMaterial);
      const batch = new BatchedMesh(list.length, vertices, Math.max(indices, 1), material);
      batch.name = `batch:${list[0].source.name || list[0].source.uuid}`;
      // Few big batches: culling and sorting per instance would cost more main-thread time than they save.
      batch.perObjectFrustumCulled = false;
      batch.sortObjects = false;
      batch.frustumCulled = false;
      batch.raycast = () => {};
      const ids = new Map<BufferGeometry, number>();
      for (const g of geometries) ids.set(g, batch.addGeometry(g));
      for (const { mesh } of list) {
        const instance = batch.addInstance(ids.get(mesh.geometry)!);
        batch.setVisibleAt(instance, false);
        this.slots.set(mesh, { batch, instance, mirrored: false });
      }
      this.batches.push(batch);
      this.root.add(batch);
    }
    this.syncMatrices();
  }

  /** Whether the batch can draw this mesh (now: a mirrored placement draws itself). */
  has(mesh: Mesh): boolean {
    const s = this.slots.get(mesh);
    return !!s && !s.mirrored;
  }

  /** Number of meshes the batches can draw. */
  get size(): number {
    return this.slots.size;
  }

  /** Draws the mesh through its batch with this (linear) colour; `ruleTint`: the emissive is the rule tint. */
  show(mesh: Mesh, color: Color, ruleTint: boolean): void {
    const s = this.slots.get(mesh);
    if (!s) return;
    s.batch.setColorAt(s.instance, tmpColor.set(color.r, color.g, color.b, ruleTint ? 1 : 0));
    s.batch.setVisibleAt(s.instance, true);
  }

  /** Stops drawing the mesh through its batch (it draws itself). */
  hide(mesh: Mesh): void {
    const s = this.slots.get(mesh);
    if (s) s.batch.setVisibleAt(s.instance, false);
  }

  /** Whether the batch draws the mesh now. */
  shows(mesh: Mesh): boolean {
    const s = this.slots.get(mesh);
    return !!s && s.batch.getVisibleAt(s.instance);
  }

  /**
   * Copies the meshes' world matrices to their instances (after the model moved; call updateMatrixWorld first).
   * Mirrored meshes leave the batch (MeshPainter repaints every mesh after this, see MeshPainter.placed).
   */
  syncMatrices(): void {
    for (const [mesh, s] of this.slots) {
      s.batch.setMatrixAt(s.instance, tmpMatrix.copy(mesh.matrixWorld));
      s.mirrored = tmpMatrix.determinant() < 0;
      if (s.mirrored) s.batch.setVisibleAt(s.instance, false);
    }
  }

  /**
   * Frees the batches' GPU memory (buffers, textures, programs). The batch stays usable — three uploads it again
   * if it is drawn once more (React's StrictMode runs an effect's cleanup and the effect again on the same object).
   */
  dispose(): void {
    for (const b of this.batches) {
      b.geometry.dispose();
      (b.material as Material).dispose();
      const textures = b as unknown as Record<'_matricesTexture' | '_indirectTexture' | '_colorsTexture', { dispose(): void } | null>;
      textures._matricesTexture?.dispose();
      textures._indirectTexture?.dispose();
      textures._colorsTexture?.dispose();
    }
  }
}

function isLit(m: Material): m is LitMaterial {
  const l = m as LitMaterial;
  return !!(l.isMeshStandardMaterial || l.isMeshLambertMaterial || l.isMeshPhongMaterial);
}

/** Meshes with the same key can share one batch; null: this mesh draws itself. */
function batchKey(mesh: Mesh, source: Material): string | null {
  if (Array.isArray(mesh.material) || !isLit(source) || source.vertexColors || !source.visible || source.transparent) return null;
  if ((mesh as Mesh & { isSkinnedMesh?: boolean }).isSkinnedMesh || (mesh as Mesh & { isInstancedMesh?: boolean }).isInstancedMesh) return null;
  const g = mesh.geometry;
  if (!g.attributes.position || Object.keys(g.morphAttributes).length) return null;
  if (g.drawRange.start !== 0 || g.drawRange.count !== Infinity) return null;
  const attrs = Object.keys(g.attributes).sort().map((name) => {
    const a = g.attributes[name] as BufferGeometry['attributes'][string] & { isInterleavedBufferAttribute?: boolean; data?: { array: ArrayLike<number> } };
    const array = a.isInterleavedBufferAttribute ? a.data!.array : (a as { array: ArrayLike<number> }).array;
    return `${name}:${a.itemSize}:${a.normalized ? 'n' : ''}:${array.constructor.name}`;
  });
  return `${source.uuid}|${g.index ? 'i' : ''}|${attrs.join(',')}`;
}

/**
 * The batch's material: the source's, white (the instance colour is the mesh's colour), whose emissive is the
 * source's or — where the instance colour's alpha is 1 — the rule tint.
 */
function batchMaterial(source: LitMaterial): Material {
  const m = source.clone() as LitMaterial;
  m.color.setRGB(1, 1, 1);
  m.transparent = false;
  m.opacity = 1;
  m.onBeforeCompile = (shader) => {
    shader.fragmentShader = shader.fragmentShader.replace('#include <color_fragment>', /* glsl */ `
#ifdef USE_BATCHING_COLOR
  diffuseColor.rgb *= vColor.rgb;
  totalEmissiveRadiance = mix( totalEmissiveRadiance, vColor.rgb * ${RULE_EMISSIVE.toFixed(4)}, vColor.a );
#else
  #include <color_fragment>
#endif`);
  };
  m.customProgramCacheKey = () => 'twinscape-model-batch';
  return m;
}
