/** The scene package (`.twinscape`): format constants, reader and writer. */
export * from './format.ts';
export { readScenePackage } from './readScenePackage.ts';
export type { ScenePackage } from './readScenePackage.ts';
export { writeScenePackage, isOrigin } from './writeScenePackage.ts';
export type { ScenePackageInput } from './writeScenePackage.ts';
