/**
 * Reads a scene package (bytes of a `.twinscape` ZIP) or, for convenience, a bare scene document
 * (`twinscape.scenes` JSON, or an ADT 3DScenesConfiguration — both through the studio's one restore pass).
 * Never throws: every problem is an EmbedError with a message a page author can act on.
 */
import { strFromU8, unzipSync } from 'fflate';
import { sceneModel, adtScenes } from '../../scenes/index.ts';
import { embedErr, embedOk, type EmbedResult } from '../errors.ts';
import { SCENE_PACKAGE_FORMAT, SCENE_PACKAGE_MANIFEST, SCENE_PACKAGE_VERSION, type ScenePackageManifest } from './format.ts';

type Twin = Record<string, unknown>;

export interface ScenePackage {
  document: sceneModel.SceneDocument;
  /** Asset bytes by the asset URL written in the document (empty for a bare document: its URLs are fetched). */
  assets: Map<string, Uint8Array>;
  twins: Twin[];
  allowedOrigins: string[];
  manifest: ScenePackageManifest | null;
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function readScenePackage(bytes: Uint8Array): EmbedResult<ScenePackage> {
  if (!isZip(bytes)) return readBareDocument(bytes);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return embedErr('BadPackage', `The scene package is not a readable ZIP archive: ${(e as Error).message}`);
  }
  const rawManifest = files[SCENE_PACKAGE_MANIFEST];
  if (!rawManifest) return embedErr('NotAPackage', `This ZIP file is not a Twinscape scene package (it has no ${SCENE_PACKAGE_MANIFEST}).`);
  const manifest = parseJson(rawManifest, SCENE_PACKAGE_MANIFEST);
  if (!manifest.ok) return manifest;
  const m = manifest.value as Partial<ScenePackageManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== SCENE_PACKAGE_FORMAT) {
    return embedErr('NotAPackage', `${SCENE_PACKAGE_MANIFEST} does not describe a ${SCENE_PACKAGE_FORMAT}.`);
  }
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1) {
    return embedErr('BadPackage', `The scene package has no valid version (got ${JSON.stringify(m.version)}).`);
  }
  if (m.version > SCENE_PACKAGE_VERSION) {
    return embedErr('UnsupportedVersion', `This scene package is version ${m.version}; this viewer reads versions up to ${SCENE_PACKAGE_VERSION}. Use a newer Twinscape viewer.`);
  }
  if (typeof m.document !== 'string' || !files[m.document]) return embedErr('BadPackage', `The scene package has no scene document (${String(m.document)}).`);
  const docJson = parseJson(files[m.document], m.document);
  if (!docJson.ok) return docJson;
  const doc = toDocument(docJson.value);
  if (!doc.ok) return doc;

  const assets = new Map<string, Uint8Array>();
  for (const [url, path] of Object.entries(m.assets ?? {})) {
    const data = typeof path === 'string' ? files[path] : undefined;
    if (!data) return embedErr('BadPackage', `The scene package lists the asset ${url} at ${String(path)}, which is not in the archive.`);
    assets.set(url, data);
  }
  let twins: Twin[] = [];
  if (m.twins !== undefined) {
    const raw = typeof m.twins === 'string' ? files[m.twins] : undefined;
    if (!raw) return embedErr('BadPackage', `The scene package lists a twin snapshot at ${String(m.twins)}, which is not in the archive.`);
    const t = parseJson(raw, m.twins as string);
    if (!t.ok) return t;
    if (!Array.isArray(t.value)) return embedErr('BadPackage', 'The twin snapshot must be an array of twins.');
    twins = (t.value as unknown[]).filter((x): x is Twin => !!x && typeof x === 'object' && typeof (x as Twin).$dtId === 'string');
  }
  const allowedOrigins = Array.isArray(m.allowedOrigins) ? m.allowedOrigins.filter((o): o is string => typeof o === 'string') : [];
  return embedOk({ document: doc.value, assets, twins, allowedOrigins, manifest: m as ScenePackageManifest });
}

function readBareDocument(bytes: Uint8Array): EmbedResult<ScenePackage> {
  const text = strFromU8(bytes).trimStart();
  if (!text.startsWith('{')) return embedErr('NotAPackage', 'This file is neither a Twinscape scene package (.twinscape) nor a scene document (JSON).');
  const json = parseJson(bytes, 'the scene document');
  if (!json.ok) return json;
  const doc = toDocument(json.value);
  if (!doc.ok) return doc;
  return embedOk({ document: doc.value, assets: new Map(), twins: [], allowedOrigins: [], manifest: null });
}

function toDocument(raw: unknown): EmbedResult<sceneModel.SceneDocument> {
  const isTwinscape = !!raw && typeof raw === 'object' && (raw as { format?: unknown }).format === sceneModel.SCENE_DOCUMENT_FORMAT;
  if (isTwinscape) {
    const r = sceneModel.loadSceneDocument(raw);
    if (r.ok) return embedOk(r.value.document);
    if (r.error.code === 'FormatTooNew') return embedErr('UnsupportedVersion', r.error.message);
    return embedErr('BadPackage', `The scene document is not valid: ${r.error.message}`);
  }
  const adt = adtScenes.importAdtScenesConfig(raw);
  if (adt.ok) return embedOk(adt.value.document);
  return embedErr('BadPackage', `The scene document is not valid: ${adt.error.message}`);
}

function parseJson(bytes: Uint8Array, what: string): EmbedResult<unknown> {
  try {
    return embedOk(JSON.parse(strFromU8(bytes)) as unknown);
  } catch (e) {
    return embedErr('BadPackage', `${what} is not valid JSON: ${(e as Error).message}`);
  }
}
