/**
 * The scene package (`.twinscape-scene.zip`): one file with the scene document, the 3D assets it uses and,
 * optionally, a snapshot of the bound twins — what the embeddable viewer opens. Layout:
 *   manifest.json   {format: "twinscape.scene-package", version: 1, document: "scenes.json", twins?: "twins.json", assets: {<path>: {bytes, sha256?}}}
 *   scenes.json     the scene document, with asset urls rewritten to "package:assets/<name>"
 *   twins.json      optional array of twins (ADT JSON)
 *   assets/<name>   the model files, stored (GLB is already compact)
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { loadSceneDocument } from '../model/index.ts';
import type { SceneDocument, SceneResult } from '../model/index.ts';

export const SCENE_PACKAGE_FORMAT = 'twinscape.scene-package';
export const SCENE_PACKAGE_VERSION = 1;
export const PACKAGE_URL_PREFIX = 'package:';

export interface ScenePackage {
  document: SceneDocument;
  /** Asset bytes by package path (e.g. "assets/duplex.glb"). */
  assets: Map<string, Uint8Array>;
  twins?: Array<Record<string, unknown>>;
}

/**
 * Builds a package. `assets` maps each asset url used in the document to its bytes; urls without bytes
 * stay as they are (e.g. absolute https urls the viewer can fetch itself).
 */
export function writeScenePackage(document: SceneDocument, assets: Map<string, Uint8Array>, twins?: Array<Record<string, unknown>>): Uint8Array {
  const doc = structuredClone(document);
  const files: Zippable = {};
  const manifestAssets: Record<string, { bytes: number }> = {};
  const pathOf = new Map<string, string>();
  const used = new Set<string>();
  for (const scene of doc.configuration.scenes) {
    for (const asset of scene.assets) {
      const bytes = assets.get(asset.url);
      if (!bytes) continue;
      let path = pathOf.get(asset.url);
      if (!path) {
        const base = (asset.url.split(/[/:]/).pop() || 'model.glb').replace(/[^A-Za-z0-9._-]/g, '_');
        path = `assets/${base}`;
        for (let i = 1; used.has(path); i++) path = `assets/${i}-${base}`;
        used.add(path);
        pathOf.set(asset.url, path);
        files[path] = [bytes, { level: 0 }];
        manifestAssets[path] = { bytes: bytes.byteLength };
      }
      asset.url = PACKAGE_URL_PREFIX + path;
    }
  }
  files['scenes.json'] = strToU8(JSON.stringify(doc));
  if (twins) files['twins.json'] = strToU8(JSON.stringify(twins));
  files['manifest.json'] = strToU8(JSON.stringify({
    format: SCENE_PACKAGE_FORMAT, version: SCENE_PACKAGE_VERSION, document: 'scenes.json',
    ...(twins ? { twins: 'twins.json' } : {}), assets: manifestAssets,
  }));
  return zipSync(files);
}

export function readScenePackage(bytes: Uint8Array): SceneResult<ScenePackage> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return { ok: false, error: { code: 'FormatUnknown', message: `Not a scene package (zip): ${(e as Error).message}` } };
  }
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) return { ok: false, error: { code: 'FormatUnknown', message: 'Not a scene package: no manifest.json' } };
  let manifest: { format?: string; version?: number; document?: string; twins?: string; assets?: Record<string, unknown> };
  try {
    manifest = JSON.parse(strFromU8(manifestBytes));
  } catch (_e) {
    return { ok: false, error: { code: 'FormatUnknown', message: 'manifest.json is not JSON' } };
  }
  if (manifest.format !== SCENE_PACKAGE_FORMAT) return { ok: false, error: { code: 'FormatUnknown', message: `Unknown package format ${JSON.stringify(manifest.format)}` } };
  if (typeof manifest.version !== 'number' || manifest.version > SCENE_PACKAGE_VERSION) {
    return { ok: false, error: { code: 'FormatTooNew', message: `Scene package version ${String(manifest.version)} is not supported (up to ${SCENE_PACKAGE_VERSION})` } };
  }
  const docBytes = files[manifest.document ?? 'scenes.json'];
  if (!docBytes) return { ok: false, error: { code: 'ValidationFailed', message: 'The package has no scene document' } };
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(docBytes));
  } catch (_e) {
    return { ok: false, error: { code: 'ValidationFailed', message: 'The scene document in the package is not JSON' } };
  }
  const loaded = loadSceneDocument(raw);
  if (!loaded.ok) return loaded;
  const assets = new Map<string, Uint8Array>();
  for (const path of Object.keys(manifest.assets ?? {})) {
    const b = files[path];
    if (!b) return { ok: false, error: { code: 'ValidationFailed', message: `The package lists ${path} but does not contain it` } };
    assets.set(path, b);
  }
  let twins: Array<Record<string, unknown>> | undefined;
  if (manifest.twins && files[manifest.twins]) {
    try {
      const t = JSON.parse(strFromU8(files[manifest.twins]));
      if (Array.isArray(t)) twins = t;
    } catch (_e) {
      return { ok: false, error: { code: 'ValidationFailed', message: 'twins.json is not JSON' } };
    }
  }
  return { ok: true, value: { document: loaded.value.document, assets, ...(twins ? { twins } : {}) } };
}
