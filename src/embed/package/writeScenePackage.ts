/**
 * Writes a scene package: the studio's "Share / Embed" (and scripts/build-embed-demo.ts) call this with the
 * document, the bytes of the assets its scenes use and, optionally, a twin snapshot. Only the twins the
 * scenes read (element primary twins and aliases) are kept in the snapshot. Never throws.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { sceneModel } from '../../scenes/index.ts';
import { embedErr, embedOk, type EmbedResult } from '../errors.ts';
import { SCENE_PACKAGE_FORMAT, SCENE_PACKAGE_MANIFEST, SCENE_PACKAGE_VERSION, type ScenePackageManifest } from './format.ts';

type Twin = Record<string, unknown>;

export interface ScenePackageInput {
  document: sceneModel.SceneDocument;
  /** Asset bytes by the URL the document gives the asset (scene.assets[].url). */
  assets: Map<string, Uint8Array> | Record<string, Uint8Array>;
  /** Twins to snapshot (any superset: only those the scenes read are written). */
  twins?: readonly Twin[];
  allowedOrigins?: string[];
  generator?: string;
  /** Fixed timestamp (reproducible builds, tests); omitted when not given. */
  createdAt?: string;
}

const safeName = (url: string, i: number) => {
  const base = (url.split(/[?#]/)[0].split('/').pop() || 'asset').replace(/[^A-Za-z0-9._-]/g, '_');
  return `assets/${i}-${base}`;
};

export function writeScenePackage(input: ScenePackageInput): EmbedResult<Uint8Array> {
  const assets = input.assets instanceof Map ? input.assets : new Map(Object.entries(input.assets));
  const config = input.document.configuration;
  const urls = [...new Set(config.scenes.flatMap((s) => s.assets.map((a) => a.url)))];
  const files: Zippable = {};
  const manifestAssets: Record<string, string> = {};
  urls.forEach((url, i) => {
    const bytes = assets.get(url);
    if (!bytes) return;
    const path = safeName(url, i);
    manifestAssets[url] = path;
    files[path] = [bytes, { level: 6 }];
  });
  const missing = urls.filter((u) => !manifestAssets[u] && !/^https?:\/\//i.test(u));
  if (missing.length) return embedErr('BadPackage', `No bytes were given for the asset(s) ${missing.join(', ')}; a package must carry every local asset its scenes use.`);
  for (const origin of input.allowedOrigins ?? []) {
    if (!isOrigin(origin)) return embedErr('BadUrl', `${origin} is not an origin (scheme://host[:port], no path).`);
  }

  const manifest: ScenePackageManifest = {
    format: SCENE_PACKAGE_FORMAT,
    version: SCENE_PACKAGE_VERSION,
    document: 'scenes.json',
    assets: manifestAssets,
    ...(input.allowedOrigins?.length ? { allowedOrigins: input.allowedOrigins } : {}),
    generator: input.generator ?? 'Twinscape',
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  };
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
    const twins = input.twins.filter((t) => typeof t.$dtId === 'string' && read.has(t.$dtId));
    manifest.twins = 'twins.json';
    files['twins.json'] = strToU8(JSON.stringify(twins));
  }
  const out: Zippable = { [SCENE_PACKAGE_MANIFEST]: strToU8(JSON.stringify(manifest, null, 2)), 'scenes.json': strToU8(JSON.stringify(input.document)), ...files };
  // Fixed mtime: the same input gives the same bytes.
  return embedOk(zipSync(out, { mtime: new Date('2020-01-01T00:00:00Z') }));
}

export function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
  } catch {
    return false;
  }
}
