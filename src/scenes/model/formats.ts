/** Names and versions of the persisted formats of src/scenes (one place, see docs/formats/scene-document.md). */
export const SCENE_DOCUMENT_FORMAT = 'twinscape.scenes' as const;
/** Current version of the scene document; `migrations.ts` upgrades older ones. */
export const SCENE_DOCUMENT_VERSION = 1;
/** What ADT 3D Scenes Studio's builder writes as `$schema`. */
export const ADT_SCENES_SCHEMA_URL =
  'https://github.com/microsoft/iot-cardboard-js/tree/main/schemas/3DScenesConfiguration/v1.0.0/3DScenesConfiguration.schema.json';
