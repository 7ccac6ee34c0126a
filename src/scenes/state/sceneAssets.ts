/**
 * Model files of the studio kept in the engine's scene repository by content hash, so an uploaded model loads
 * offline after a reload. An asset stored this way has the url `twinscape-asset:<sha256>` (the .glb or .gltf)
 * and, for a multi-file glTF, its companions in `extensionProperties.twinscape.files`.
 */
import type { SceneCall } from '../../engine/scenes/index.ts';
import type { Asset, SceneResult } from '../model/index.ts';

export const ASSET_URL_PREFIX = 'twinscape-asset:';

const cache = new Map<string, File>();

/** Stores the files of one model (a .glb, or a .gltf with its .bin and textures) and returns the asset to put in a scene. */
export async function storeModelFiles(call: SceneCall, files: File[]): Promise<SceneResult<Asset>> {
  const main = files.find((f) => /\.(glb|gltf)$/i.test(f.name));
  if (!main) return { ok: false, error: { code: 'ValidationFailed', message: 'Choose a .glb, or a .gltf with its .bin and textures' } };
  const put = async (f: File): Promise<SceneResult<string>> => {
    const r = await call('putAsset', new Uint8Array(await f.arrayBuffer()), { name: f.name, type: f.type });
    if (!r.ok) return { ok: false, error: { code: 'ValidationFailed', message: `${f.name} could not be stored (${r.error.code}): ${r.error.message}` } };
    cache.set(r.value.hash, f);
    return { ok: true, value: r.value.hash };
  };
  const mainHash = await put(main);
  if (!mainHash.ok) return mainHash;
  const companions: { name: string; sha256: string }[] = [];
  for (const f of files) {
    if (f === main) continue;
    const h = await put(f);
    if (!h.ok) return h;
    companions.push({ name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, sha256: h.value });
  }
  return {
    ok: true,
    value: {
      type: '3DAsset', url: `${ASSET_URL_PREFIX}${mainHash.value}`,
      extensionProperties: { twinscape: { name: main.name, sha256: mainHash.value, ...(companions.length ? { files: companions } : {}) } },
    },
  };
}

/** Stores bytes (e.g. from a scene package) as a model asset; returns its url. */
export async function storeModelBytes(call: SceneCall, bytes: Uint8Array, name: string): Promise<SceneResult<string>> {
  const r = await call('putAsset', bytes, { name });
  if (!r.ok) return { ok: false, error: { code: 'ValidationFailed', message: `${name} could not be stored (${r.error.code}): ${r.error.message}` } };
  cache.set(r.value.hash, new File([bytes as BlobPart], name));
  return { ok: true, value: `${ASSET_URL_PREFIX}${r.value.hash}` };
}

export function isStoredAsset(url: string | undefined): boolean {
  return !!url?.startsWith(ASSET_URL_PREFIX);
}

async function fileOf(call: SceneCall, hash: string, name: string): Promise<SceneResult<File>> {
  const hit = cache.get(hash);
  if (hit) return { ok: true, value: hit.name === name ? hit : new File([hit], name) };
  const r = await call('getAsset', hash);
  if (!r.ok) return { ok: false, error: { code: 'ValidationFailed', message: `The model file ${name} is not stored in this browser (${r.error.code}): ${r.error.message}` } };
  const f = new File([r.value.bytes as BlobPart], name || r.value.name || 'model.glb', { type: r.value.type });
  cache.set(hash, f);
  return { ok: true, value: f };
}

/** The files of a stored asset (main file first), read from the engine (cached for the session). */
export async function loadStoredAssetFiles(call: SceneCall, asset: Pick<Asset, 'url' | 'extensionProperties'>): Promise<SceneResult<File[]>> {
  const hash = asset.url.slice(ASSET_URL_PREFIX.length);
  const ext = asset.extensionProperties?.twinscape;
  const main = await fileOf(call, hash, ext?.name ?? 'model.glb');
  if (!main.ok) return main;
  const out = [main.value];
  for (const c of ext?.files ?? []) {
    const f = await fileOf(call, c.sha256, c.name.split('/').pop() ?? c.name);
    if (!f.ok) return f;
    out.push(f.value);
  }
  return { ok: true, value: out };
}
