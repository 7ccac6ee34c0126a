/**
 * Several models of one scene as one: each model's root goes under a group carrying its asset transform
 * (position, rotation in degrees XYZ, scale), mesh ids stay those of ADT for the first model that uses them;
 * a later model's mesh whose id is taken is keyed `<id>@<asset index>` so it can still be picked and bound.
 * Node indices of later models are offset so the node tree stays one list.
 */
import { Box3, Group, MathUtils, type Mesh } from 'three';
import type { AssetTransform } from '../model/index.ts';
import type { LoadedModel } from './loadModel.ts';
import type { ModelNode } from './ModelIndex.ts';

export interface PlacedModel {
  model: LoadedModel;
  transform?: AssetTransform;
  /** Kept on the model's group (`userData.assetKey`) to re-place it later (placeModels). */
  key?: string;
}

export function applyTransform(group: Group, t: AssetTransform | undefined): void {
  group.position.set(...(t?.position ?? [0, 0, 0]));
  const r = t?.rotation ?? [0, 0, 0];
  group.rotation.set(MathUtils.degToRad(r[0]), MathUtils.degToRad(r[1]), MathUtils.degToRad(r[2]), 'XYZ');
  group.scale.set(...(t?.scale ?? [1, 1, 1]));
}

export function combineModels(placed: PlacedModel[]): LoadedModel | null {
  if (!placed.length) return null;
  const root = new Group();
  root.name = 'scene-assets';
  const meshes = new Map<string, Mesh>();
  const nodes: ModelNode[] = [];
  const rootNodes: number[] = [];
  let bytes = 0;
  let loadMs = 0;
  placed.forEach(({ model, transform, key: assetKey }, i) => {
    const holder = new Group();
    holder.name = `asset-${i}`;
    holder.userData.assetKey = assetKey;
    applyTransform(holder, transform);
    holder.add(model.root);
    root.add(holder);
    const rename = new Map<string, string>();
    for (const [id, mesh] of model.meshes) {
      let key = id;
      if (meshes.has(key)) {
        key = `${id}@${i}`;
        rename.set(id, key);
      }
      mesh.userData.meshId = key;
      meshes.set(key, mesh);
    }
    const offset = nodes.length;
    for (const n of model.nodes) {
      nodes.push({ index: n.index + offset, name: n.name, meshIds: n.meshIds.map((m) => rename.get(m) ?? m), children: n.children.map((c) => c + offset) });
    }
    for (const r of model.rootNodes) rootNodes.push(r + offset);
    bytes += model.bytes;
    loadMs = Math.max(loadMs, model.loadMs);
  });
  root.updateMatrixWorld(true);
  return { root, meshes, nodes, rootNodes, box: new Box3().setFromObject(root), gltf: placed[0].model.gltf, bytes, loadMs };
}

/** Moves the models of a combined scene to new transforms (by asset key) and updates its bounding box. */
export function placeModels(combined: LoadedModel, transforms: Map<string, AssetTransform | undefined>): void {
  for (const holder of combined.root.children) {
    const k = holder.userData.assetKey as string | undefined;
    if (k !== undefined && transforms.has(k)) applyTransform(holder as Group, transforms.get(k));
  }
  combined.root.updateMatrixWorld(true);
  combined.box.setFromObject(combined.root);
}
