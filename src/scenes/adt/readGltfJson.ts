/**
 * Reads the JSON part of a glTF asset: the JSON chunk of a GLB (magic `glTF`, version 2) or a `.gltf` text.
 * Pure (no three): used for mesh ids, the node tree and validation before handing bytes to the loader.
 */
import type { SceneResult } from '../model/errors.ts';
import type { GltfJsonLike } from './babylonMeshIds.ts';

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a; // 'JSON'

export function readGltfJson(bytes: ArrayBuffer | Uint8Array): SceneResult<GltfJsonLike & { asset?: { version?: string } }> {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let text: string;
  if (u8.byteLength >= 12 && view.getUint32(0, true) === GLB_MAGIC) {
    const version = view.getUint32(4, true);
    if (version !== 2) return { ok: false, error: { code: 'FormatUnknown', message: `GLB version ${version} is not supported (glTF 2.0 only)` } };
    const length = view.getUint32(8, true);
    if (length > u8.byteLength) return { ok: false, error: { code: 'ValidationFailed', message: `GLB is truncated: header says ${length} bytes, file has ${u8.byteLength}` } };
    if (u8.byteLength < 20) return { ok: false, error: { code: 'ValidationFailed', message: 'GLB has no JSON chunk' } };
    const chunkLength = view.getUint32(12, true);
    if (view.getUint32(16, true) !== CHUNK_JSON) return { ok: false, error: { code: 'ValidationFailed', message: 'GLB first chunk is not JSON' } };
    if (20 + chunkLength > u8.byteLength) return { ok: false, error: { code: 'ValidationFailed', message: 'GLB JSON chunk is truncated' } };
    text = new TextDecoder().decode(u8.subarray(20, 20 + chunkLength));
  } else {
    text = new TextDecoder().decode(u8);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { code: 'FormatUnknown', message: `Not a glTF/GLB file: ${(e as Error).message}` } };
  }
  if (json === null || typeof json !== 'object') return { ok: false, error: { code: 'FormatUnknown', message: 'Not a glTF file' } };
  const asset = (json as { asset?: { version?: string } }).asset;
  if (!asset || !String(asset.version ?? '').startsWith('2')) {
    return { ok: false, error: { code: 'FormatUnknown', message: `Not a glTF 2.0 file (asset.version ${JSON.stringify(asset?.version)})` } };
  }
  return { ok: true, value: json as GltfJsonLike };
}
