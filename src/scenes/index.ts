/**
 * src/scenes — the 3D scene studio and viewer. The view (`ScenesView`) mounts at /scenes; the pure parts
 * (document model, ADT format, expressions, rules) are exported for the embeddable viewer and the CLI.
 */
export { ScenesView } from './ui/ScenesView.tsx';
/** Explorer -> 3D: a button any view can place next to a selected twin (opens /scenes?twin=<id>). */
export { ShowIn3DButton } from './ui/ShowIn3DButton.tsx';
export * as sceneModel from './model/index.ts';
export * as adtScenes from './adt/index.ts';
export * as expressions from './expressions/index.ts';
export * as sceneRules from './rules/index.ts';
// The embeddable viewer (src/embed) renders with the studio's own viewer: one rendering / rule code path.
export { SceneViewer } from './viewer/SceneViewer.tsx';
export type { SceneViewerProps, CameraApi } from './viewer/SceneViewer.tsx';
export type { LoadedModel, ModelSource } from './viewer/loadModel.ts';
export type { ModelStyle } from './viewer/MeshPainter.ts';
export * as scenePackage from './package/index.ts';
