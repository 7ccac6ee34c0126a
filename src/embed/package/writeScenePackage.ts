/**
 * Writes a scene package with the studio's writer (one format), keeping only the twins the scenes read (element
 * primary twins and aliases) and adding the optional `allowedOrigins` to the manifest. Deterministic (fixed
 * entry times), so a derived package (public/demo/demo.twinscape) can be checked for staleness. Never throws.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { scenePackage, type sceneModel } from '../../scenes/index.ts';
import { embedErr, embedOk, type EmbedResult } from '../errors.ts';
import { SCENE_PACKAGE_MANIFEST } from './format.ts';

type Twin = Record<string, unknown>;

export interface ScenePackageInput {
  document: sceneModel.SceneDocument;
  /** Asset bytes by the URL the document gives the asset (scene.assets[].url); a multi-file glTF with its files. */
  assets: Map<string, scenePackage.PackageModel> | Record<string, scenePackage.PackageModel>;
  /** Twins to snapshot (any superset: only those the scenes read are written). */
  twins?: readonly Twin[];
  allowedOrigins?: string[];
}

export function writeScenePackage(input: ScenePackageInput): EmbedResult<Uint8Array> {
  const assets = input.assets instanceof Map ? input.assets : new Map(Object.entries(input.assets));
  const config = input.document.configuration;
  const urls = [...new Set(config.scenes.flatMap((s) => s.assets.map((a) => a.url)))];
  const missing = urls.filter((u) => !assets.has(u) && !/^https?:\/\//i.test(u));
  if (missing.length) return embedErr('BadPackage', `No bytes were given for the asset(s) ${missing.join(', ')}; a package must carry every local asset its scenes use.`);
  for (const origin of input.allowedOrigins ?? []) {
    if (!isOrigin(origin)) return embedErr('BadUrl', `${origin} is not an origin (scheme://host[:port], no path).`);
  }
  let twins: Twin[] | undefined;
  if (input.twins) {
    const read = new Set<string>();
    for (const s of config.scenes) {
      for (const e of s.elements) {
        if (e.type !== 'TwinToObjectMapping') continue;
        const el = e as sceneModel.TwinToObjectMapping;
        read.add(el.primaryTwinID);
        for (const id of Object.values(el.twinAliases ?? {})) read.add(id);
      }
    }
    twins = input.twins.filter((t) => typeof t.$dtId === 'string' && read.has(t.$dtId));
  }
  const zip = scenePackage.writeScenePackage(input.document, assets, twins);
  // Re-pack: the optional manifest key, fixed entry times, deflate everywhere (the demo GLB shrinks 1.1 MB -> 0.2 MB).
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files[SCENE_PACKAGE_MANIFEST])) as Record<string, unknown>;
  if (input.allowedOrigins?.length) manifest.allowedOrigins = input.allowedOrigins;
  const out: Zippable = {};
  const mtime = new Date('2020-01-01T00:00:00Z');
  for (const [name, data] of Object.entries(files)) {
    out[name] = [name === SCENE_PACKAGE_MANIFEST ? strToU8(JSON.stringify(manifest)) : data, { level: 6, mtime }];
  }
  return embedOk(zipSync(out, { mtime }));
}

export function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
  } catch {
    return false;
  }
}
