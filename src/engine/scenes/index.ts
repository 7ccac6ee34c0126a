/** Scene documents and model files of a workspace, in their own database (see SceneRepository). */
export {
  SceneRepository, sceneDatabaseName, MAX_ASSET_BYTES, MAX_DOCUMENT_CHARS,
  type AssetInfo, type SceneDocumentInfo, type SceneRepositoryOptions, type StoredAsset, type StoredSceneDocument,
} from './SceneRepository.ts';
export { SceneHost, SCENE_METHODS, callScene, type SceneApi, type SceneCall, type SceneHostOptions, type SceneMethod } from './SceneHost.ts';
export { SCENES_SCHEMA_VERSION, declareScenesSchema } from './schema.ts';
export { sha256Hex } from './sha256.ts';
