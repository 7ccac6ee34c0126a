/**
 * The Twinscape scene package (`.twinscape`): one file holding a scene document, the 3D assets its scenes use
 * and, optionally, a snapshot of the bound twins — what the embeddable viewer opens. See ./README.md.
 *
 * A ZIP archive (deflate, written and read with fflate) with:
 *   twinscape-package.json   the manifest (below), always first
 *   scenes.json              the scene document (`twinscape.scenes`, see src/scenes/README.md)
 *   assets/<name>            the asset bytes (GLB), one entry per distinct asset URL of the document
 *   twins.json               optional: an array of twins (ADT twin JSON, `$dtId` + properties)
 */
export const SCENE_PACKAGE_FORMAT = 'twinscape.scene-package' as const;
/** Current version; a reader refuses a newer one with `UnsupportedVersion`. */
export const SCENE_PACKAGE_VERSION = 1;
export const SCENE_PACKAGE_MANIFEST = 'twinscape-package.json';
export const SCENE_PACKAGE_EXTENSION = '.twinscape';
export const SCENE_PACKAGE_MIME = 'application/vnd.twinscape.scene-package+zip';

export interface ScenePackageManifest {
  format: typeof SCENE_PACKAGE_FORMAT;
  version: number;
  /** Path of the scene document inside the archive. */
  document: string;
  /** Asset URL as written in the document -> path of its bytes inside the archive. */
  assets: Record<string, string>;
  /** Path of the twin snapshot inside the archive, when there is one. */
  twins?: string;
  /** Origins allowed to talk to the iframe page (postMessage) about this package, e.g. "https://example.com". */
  allowedOrigins?: string[];
  /** Free text: who wrote the package. */
  generator?: string;
  createdAt?: string;
}
