/**
 * Reads what a viewer's `src` points at: the studio's scene package (through its reader, so there is one format),
 * or a bare scene document (`twinscape.scenes` JSON or an ADT 3DScenesConfiguration). Adds the embed's optional
 * manifest key `allowedOrigins`. Never throws: every problem is an EmbedError a page author can act on.
 */
import { strFromU8, unzipSync } from 'fflate';
import { adtScenes, sceneModel, scenePackage } from '../../scenes/index.ts';
import { embedErr, embedOk, type EmbedErrorCode, type EmbedResult } from '../errors.ts';
import { PACKAGE_URL_PREFIX, SCENE_PACKAGE_MANIFEST } from './format.ts';

type Twin = Record<string, unknown>;

export interface ScenePackage {
  document: sceneModel.SceneDocument;
  /** Asset bytes by package path ("assets/duplex.glb"); the document's urls are "package:<path>". */
  assets: Map<string, Uint8Array>;
  /** A multi-file glTF's other files (.bin, textures) by its main path. */
  companions: Map<string, Array<{ name: string; path: string }>>;
  twins: Twin[];
  allowedOrigins: string[];
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

const CODES: Record<string, EmbedErrorCode> = { FormatUnknown: 'NotAPackage', FormatTooNew: 'UnsupportedVersion' };

export function readScenePackage(bytes: Uint8Array): EmbedResult<ScenePackage> {
  if (!isZip(bytes)) return readBareDocument(bytes);
  const r = scenePackage.readScenePackage(bytes);
  if (!r.ok) return embedErr(CODES[r.error.code] ?? 'BadPackage', r.error.message);
  let allowedOrigins: string[] = [];
  try {
    const m = unzipSync(bytes, { filter: (f) => f.name === SCENE_PACKAGE_MANIFEST })[SCENE_PACKAGE_MANIFEST];
    const list = m ? (JSON.parse(strFromU8(m)) as { allowedOrigins?: unknown }).allowedOrigins : undefined;
    if (Array.isArray(list)) allowedOrigins = list.filter((o): o is string => typeof o === 'string');
  } catch (_e) {
    // the studio's reader accepted the manifest already; an unreadable extra key is just absent
  }
  const twins = (r.value.twins ?? []).filter((t): t is Twin => !!t && typeof t === 'object' && typeof t.$dtId === 'string');
  return embedOk({ document: r.value.document, assets: r.value.assets, companions: r.value.companions, twins, allowedOrigins });
}

/** The bytes of an asset url of the document ("package:assets/x.glb"), or undefined when it is not in the package. */
export function packageAsset(pkg: ScenePackage, url: string): Uint8Array | undefined {
  return url.startsWith(PACKAGE_URL_PREFIX) ? pkg.assets.get(url.slice(PACKAGE_URL_PREFIX.length)) : undefined;
}

/** Every file of an asset url (main file first; a multi-file glTF's .bin and textures after it), or null. */
export function packageAssetFiles(pkg: ScenePackage, url: string): Array<{ name: string; bytes: Uint8Array }> | null {
  return scenePackage.packageModelFiles(pkg, url);
}

function readBareDocument(bytes: Uint8Array): EmbedResult<ScenePackage> {
  const text = strFromU8(bytes).trimStart();
  if (!text.startsWith('{')) return embedErr('NotAPackage', 'This file is neither a Twinscape scene package nor a scene document (JSON).');
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return embedErr('BadPackage', `The scene document is not valid JSON: ${(e as Error).message}`);
  }
  const isTwinscape = !!raw && typeof raw === 'object' && (raw as { format?: unknown }).format === sceneModel.SCENE_DOCUMENT_FORMAT;
  const r = isTwinscape ? sceneModel.loadSceneDocument(raw) : adtScenes.importAdtScenesConfig(raw);
  if (!r.ok) return embedErr(r.error.code === 'FormatTooNew' ? 'UnsupportedVersion' : 'BadPackage', `The scene document is not valid: ${r.error.message}`);
  return embedOk({ document: r.value.document, assets: new Map(), companions: new Map(), twins: [], allowedOrigins: [] });
}
