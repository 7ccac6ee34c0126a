/**
 * Loads a glTF 2.0 / GLB model with decoders served by the app itself (no CDN): Draco and the KTX2
 * (Basis) transcoder from /decoders/, meshopt from three's module. Multi-file glTF (a .gltf with its .bin
 * and textures given as files) is resolved through a URL map. Every failure comes back as a value with a
 * reason the user can read ("a blank canvas never happens silently"). Geometry gets a BVH for picking.
 */
import { LoadingManager, Mesh, type BufferGeometry, type WebGLRenderer } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { KTX2Loader } from 'three/examples/jsm/loaders/KTX2Loader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import type { disposeBoundsTree } from 'three-mesh-bvh';
import { acceleratedRaycast, computeBoundsTree } from 'three-mesh-bvh';
import { readGltfJson } from '../adt/index.ts';
import type { SceneResult } from '../model/index.ts';
import { indexModel, type Associations, type ModelIndex } from './ModelIndex.ts';
import { ensureLitMaterials } from './MeshPainter.ts';

// three-mesh-bvh: BVH-accelerated raycasting, so picking stays fast on models with thousands of meshes.
type BvhGeometry = BufferGeometry & { computeBoundsTree?: typeof computeBoundsTree; disposeBoundsTree?: typeof disposeBoundsTree; boundsTree?: unknown };
Mesh.prototype.raycast = acceleratedRaycast;

const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');
let draco: DRACOLoader | null = null;
let ktx2: KTX2Loader | null = null;

export type ModelSource = { url: string; name?: string } | { files: File[] };

export interface LoadedModel extends ModelIndex {
  gltf: GLTF;
  bytes: number;
  loadMs: number;
}

export async function loadModel(source: ModelSource, renderer?: WebGLRenderer): Promise<SceneResult<LoadedModel>> {
  const t0 = performance.now();
  const manager = new LoadingManager();
  let buffer: ArrayBuffer;
  let resourcePath = '';
  const objectUrls: string[] = [];
  try {
    if ('url' in source) {
      let res: Response;
      try {
        res = await fetch(source.url);
      } catch (e) {
        return fail(`Could not fetch ${source.url}: ${(e as Error).message}`);
      }
      if (!res.ok) return fail(`Could not load ${source.url}: HTTP ${res.status} ${res.statusText}`);
      buffer = await res.arrayBuffer();
      resourcePath = new URL(source.url, location.href).href.replace(/[^/]*$/, '');
    } else {
      const main = source.files.find((f) => /\.(glb|gltf)$/i.test(f.name));
      if (!main) return fail('No .glb or .gltf file among the files given');
      buffer = await main.arrayBuffer();
      const byName = new Map<string, string>();
      for (const f of source.files) {
        if (f === main) continue;
        const u = URL.createObjectURL(f);
        objectUrls.push(u);
        byName.set(f.name, u);
        byName.set((f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, u);
      }
      manager.setURLModifier((url) => {
        const name = decodeURIComponent(url.split('/').pop() ?? url);
        return byName.get(name) ?? url;
      });
    }
    const json = readGltfJson(buffer);
    if (!json.ok) return json;

    const loader = new GLTFLoader(manager);
    draco ??= new DRACOLoader().setDecoderPath(`${BASE}decoders/draco/`);
    loader.setDRACOLoader(draco);
    if (renderer) {
      ktx2 ??= new KTX2Loader().setTranscoderPath(`${BASE}decoders/basis/`).detectSupport(renderer);
      loader.setKTX2Loader(ktx2);
    }
    loader.setMeshoptDecoder(MeshoptDecoder);
    let gltf: GLTF;
    try {
      gltf = await loader.parseAsync(buffer, resourcePath);
    } catch (e) {
      return fail(`The model could not be read: ${(e as Error)?.message ?? String(e)}`);
    }
    ensureLitMaterials(gltf.scene);
    const seen = new Set<BufferGeometry>();
    gltf.scene.traverse((o) => {
      if (!(o instanceof Mesh) || seen.has(o.geometry)) return;
      seen.add(o.geometry);
      const g = o.geometry as BvhGeometry;
      if (g.index || g.attributes.position) computeBoundsTree.call(g);
    });
    const index = indexModel(gltf.scene, json.value, gltf.parser.associations as unknown as Associations);
    if (index.meshes.size === 0) return fail('The model has no meshes to show');
    if (index.box.isEmpty()) return fail('The model has no visible geometry (empty bounding box)');
    return { ok: true, value: { ...index, gltf, bytes: buffer.byteLength, loadMs: performance.now() - t0 } };
  } finally {
    // Textures are decoded by now; the blob URLs of extra files are no longer needed.
    setTimeout(() => objectUrls.forEach((u) => URL.revokeObjectURL(u)), 10_000);
  }
}

function fail(message: string): SceneResult<never> {
  return { ok: false, error: { code: 'ValidationFailed', message } };
}
