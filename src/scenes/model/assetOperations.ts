/**
 * Builder edits of a scene's models (assets): place one (transform) and remove one. Pure, like operations.ts.
 * The scene's saved camera views live on its first asset: removing that asset moves them to the next one.
 */
import { sceneErr, sceneOk, type SceneResult } from './errors.ts';
import type { AssetTransform, SceneDocument } from './types.ts';

export const IDENTITY_TRANSFORM: AssetTransform = { position: [0, 0, 0], rotation: [0, 0, 0], scale: [1, 1, 1] };

const finite3 = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === 'number' && Number.isFinite(n));

export function setAssetTransform(doc: SceneDocument, sceneId: string, index: number, transform: AssetTransform): SceneResult<SceneDocument> {
  if (!finite3(transform.position) || !finite3(transform.rotation) || !finite3(transform.scale)) {
    return sceneErr('ValidationFailed', 'A model transform is three finite numbers each for position, rotation (degrees) and scale.');
  }
  if (transform.scale.some((n) => n === 0)) return sceneErr('ValidationFailed', 'A model scale cannot be 0.');
  const d = structuredClone(doc);
  const asset = d.configuration.scenes.find((s) => s.id === sceneId)?.assets[index];
  if (!asset) return sceneErr('SceneNotFound', `No model ${index} in scene ${sceneId}`);
  const ext = asset.extensionProperties ?? {};
  asset.extensionProperties = { ...ext, twinscape: { ...ext.twinscape, transform: structuredClone(transform) } };
  return sceneOk(d);
}

export function removeAsset(doc: SceneDocument, sceneId: string, index: number): SceneResult<SceneDocument> {
  const d = structuredClone(doc);
  const scene = d.configuration.scenes.find((s) => s.id === sceneId);
  if (!scene?.assets[index]) return sceneErr('SceneNotFound', `No model ${index} in scene ${sceneId}`);
  const [gone] = scene.assets.splice(index, 1);
  const views = gone.extensionProperties?.twinscape?.cameraViews;
  if (index === 0 && views && scene.assets[0]) {
    const ext = scene.assets[0].extensionProperties ?? {};
    scene.assets[0].extensionProperties = { ...ext, twinscape: { ...ext.twinscape, cameraViews: views } };
  }
  return sceneOk(d);
}
