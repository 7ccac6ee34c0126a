/** The scene package, as the embed reads and writes it (the studio's format, src/scenes/package, plus allowedOrigins). */
export * from './format.ts';
export { readScenePackage, packageAsset, packageAssetFiles } from './readScenePackage.ts';
export type { ScenePackage } from './readScenePackage.ts';
export { writeScenePackage, isOrigin } from './writeScenePackage.ts';
export type { ScenePackageInput } from './writeScenePackage.ts';
