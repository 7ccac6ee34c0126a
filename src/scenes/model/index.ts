/** The scene document: types, formats, migrations, restore and the builder's pure edit operations. */
export type * from './types.ts';
export { SCENE_DOCUMENT_FORMAT, SCENE_DOCUMENT_VERSION, ADT_SCENES_SCHEMA_URL } from './formats.ts';
export { newId } from './ids.ts';
export type { SceneError, SceneErrorCode, SceneResult, Problem } from './errors.ts';
export { SCENE_MIGRATIONS, migrateSceneDocument, checkMigrationSequence } from './migrations.ts';
export type { SceneMigration } from './migrations.ts';
export { restoreConfiguration, behaviorsOfScene } from './restoreConfiguration.ts';
export type { RestoreReport } from './restoreConfiguration.ts';
export { createSceneDocument, loadSceneDocument, serializeSceneDocument } from './sceneDocument.ts';
export type { LoadedSceneDocument } from './sceneDocument.ts';
export {
  addScene, updateScene, duplicateScene, deleteScene, newElement, addElements, updateElement, removeElement,
  newRangeBehavior, newFloatingLabelRule, upsertBehavior, removeBehavior, upsertLayer, saveCameraView,
} from './operations.ts';
export { matchNodesToTwins, elementsFromMatches, twinsFromQueryRows } from './bulkBinding.ts';
export type { BulkMatch, NodeForBinding } from './bulkBinding.ts';
export { scenesWithTwin } from './scenesWithTwin.ts';
export { setAssetTransform, removeAsset, IDENTITY_TRANSFORM } from './assetOperations.ts';
