/**
 * The scene package is the studio's (src/scenes/package, reached through src/scenes/index.ts): a ZIP with
 *   manifest.json   {format: "twinscape.scene-package", version: 1, document: "scenes.json", twins?: "twins.json",
 *                    assets: {<path>: {bytes}}, allowedOrigins?: [<origin>, …]}
 *   scenes.json     the scene document, asset urls rewritten to "package:assets/<name>"
 *   twins.json      optional array of twins (ADT JSON)
 *   assets/<name>   the model files (a multi-file glTF: assets/<model>/<name>.gltf with its .bin and textures beside
 *                   it, listed in its manifest entry as files: [<path>, …])
 * The embed adds one optional manifest key, `allowedOrigins` (origins the iframe page may talk to), and reads
 * bare scene documents too. See ../README.md.
 */
import { scenePackage } from '../../scenes/index.ts';

export const SCENE_PACKAGE_FORMAT = scenePackage.SCENE_PACKAGE_FORMAT;
export const SCENE_PACKAGE_VERSION = scenePackage.SCENE_PACKAGE_VERSION;
export const PACKAGE_URL_PREFIX = scenePackage.PACKAGE_URL_PREFIX;
export const SCENE_PACKAGE_MANIFEST = 'manifest.json';
export const SCENE_PACKAGE_MIME = 'application/zip';
