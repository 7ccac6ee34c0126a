/** ADT 3D Scenes Studio compatibility: 3DScenesConfiguration.json v1.0.0 import/export and its mesh ids. */
export { importAdtScenesConfig, exportAdtScenesConfig } from './adtConfig.ts';
export type { AdtScenesConfig, AdtImport } from './adtConfig.ts';
export { computeBabylonMeshIds, nodeMeshKey } from './babylonMeshIds.ts';
export type { GltfJsonLike, MeshIdEntry } from './babylonMeshIds.ts';
export { readGltfJson } from './readGltfJson.ts';
