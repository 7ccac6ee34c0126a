/**
 * The scene package (`.twinscape-scene.zip`): one file with the scene document, the 3D assets it uses and,
 * optionally, a snapshot of the bound twins — what the embeddable viewer opens. Layout:
 *   manifest.json   {format: "twinscape.scene-package", version: 1, document: "scenes.json", twins?: "twins.json", assets: {<path>: {bytes, sha256?}}}
 *   scenes.json     the scene document, with asset urls rewritten to "package:assets/<name>"
 *   twins.json      optional array of twins (ADT JSON)
 *   assets/<name>   the model files, stored (GLB is already compact); a multi-file glTF goes in a folder of its own,
 *                   assets/<model>/<name>.gltf with its .bin and textures beside it under their relative names (so
 *                   the .gltf's relative uris resolve); its manifest entry lists them: {bytes, files: [<path>, …]}
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { loadSceneDocument } from '../model/index.ts';
import type { SceneDocument, SceneResult } from '../model/index.ts';

export const SCENE_PACKAGE_FORMAT = 'twinscape.scene-package';
export const SCENE_PACKAGE_VERSION = 1;
export const PACKAGE_URL_PREFIX = 'package:';

export interface ScenePackage {
  document: SceneDocument;
  /** Asset bytes by package path (e.g. "assets/duplex.glb"), companions of multi-file glTFs included. */
  assets: Map<string, Uint8Array>;
  /** For a multi-file glTF's main path: its other files (name relative to the .gltf, package path). */
  companions: Map<string, Array<{ name: string; path: string }>>;
  twins?: Array<Record<string, unknown>>;
}

/** A model's bytes: one file (GLB), or a .gltf with its .bin and textures (names relative to the .gltf). */
export type PackageModel = Uint8Array | { main: Uint8Array; name?: string; companions: Array<{ name: string; bytes: Uint8Array }> };

const safeSegment = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+$/, '_');

/** Every file of an asset url of the document ("package:assets/…"), main file first, or null when not in the package. */
export function packageModelFiles(pkg: Pick<ScenePackage, 'assets' | 'companions'>, url: string): Array<{ name: string; bytes: Uint8Array }> | null {
  if (!url.startsWith(PACKAGE_URL_PREFIX)) return null;
  const path = url.slice(PACKAGE_URL_PREFIX.length);
  const main = pkg.assets.get(path);
  if (!main) return null;
  const out = [{ name: path.split('/').pop() ?? 'model.glb', bytes: main }];
  for (const c of pkg.companions.get(path) ?? []) {
    const bytes = pkg.assets.get(c.path);
    if (bytes) out.push({ name: c.name, bytes });
  }
  return out;
}

/**
 * Builds a package. `assets` maps each asset url used in the document to its bytes; urls without bytes
 * stay as they are (e.g. absolute https urls the viewer can fetch itself).
 */
export function writeScenePackage(document: SceneDocument, assets: Map<string, PackageModel>, twins?: Array<Record<string, unknown>>): Uint8Array {
  const doc = structuredClone(document);
  const files: Zippable = {};
  const manifestAssets: Record<string, { bytes: number; files?: string[] }> = {};
  const pathOf = new Map<string, string>();
  const used = new Set<string>();
  for (const scene of doc.configuration.scenes) {
    for (const asset of scene.assets) {
      const model = assets.get(asset.url);
      if (!model) continue;
      let path = pathOf.get(asset.url);
      if (!path && model instanceof Uint8Array) {
        const base = safeSegment(asset.url.split(/[/:]/).pop() || 'model.glb');
        path = `assets/${base}`;
        for (let i = 1; used.has(path); i++) path = `assets/${i}-${base}`;
        used.add(path);
        pathOf.set(asset.url, path);
        files[path] = [model, { level: 0 }];
        manifestAssets[path] = { bytes: model.byteLength };
      } else if (!path && !(model instanceof Uint8Array)) {
        // A multi-file glTF: a folder of its own, the files under their names relative to the .gltf.
        const mainName = safeSegment(model.name ?? asset.extensionProperties?.twinscape?.name ?? (asset.url.split(/[/:]/).pop() || 'model.gltf'));
        const stem = mainName.replace(/\.[^.]*$/, '') || 'model';
        let dir = `assets/${stem}/`;
        for (let i = 1; [...used].some((u) => u.startsWith(dir)); i++) dir = `assets/${stem}-${i}/`;
        path = dir + mainName;
        used.add(path);
        pathOf.set(asset.url, path);
        files[path] = [model.main, { level: 0 }];
        const companionPaths: string[] = [];
        for (const c of model.companions) {
          const rel = c.name.split(/[\\/]/).filter((x) => x && x !== '.' && x !== '..').map(safeSegment).join('/') || 'file';
          const cPath = dir + rel;
          if (used.has(cPath)) continue;
          used.add(cPath);
          files[cPath] = [c.bytes, { level: 0 }];
          manifestAssets[cPath] = { bytes: c.bytes.byteLength };
          companionPaths.push(cPath);
        }
        manifestAssets[path] = { bytes: model.main.byteLength, files: companionPaths };
      }
      if (!path) continue;
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
  const companions = new Map<string, Array<{ name: string; path: string }>>();
  for (const [path, entry] of Object.entries(manifest.assets ?? {})) {
    const b = files[path];
    if (!b) return { ok: false, error: { code: 'ValidationFailed', message: `The package lists ${path} but does not contain it` } };
    assets.set(path, b);
    const list = (entry as { files?: unknown } | null)?.files;
    if (Array.isArray(list)) {
      const dir = path.replace(/[^/]*$/, '');
      const own: Array<{ name: string; path: string }> = [];
      for (const c of list) {
        if (typeof c !== 'string') continue;
        if (!files[c]) return { ok: false, error: { code: 'ValidationFailed', message: `The package lists ${c} (a file of ${path}) but does not contain it` } };
        own.push({ name: c.startsWith(dir) ? c.slice(dir.length) : c.split('/').pop()!, path: c });
      }
      companions.set(path, own);
    }
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
  return { ok: true, value: { document: loaded.value.document, assets, companions, ...(twins ? { twins } : {}) } };
}
