/** The scene package: scene document + assets (+ twin snapshot) in one zip, for sharing and the embeddable viewer. */
export { writeScenePackage, readScenePackage, packageModelFiles, SCENE_PACKAGE_FORMAT, SCENE_PACKAGE_VERSION, PACKAGE_URL_PREFIX } from './scenePackage.ts';
export type { ScenePackage, PackageModel } from './scenePackage.ts';
