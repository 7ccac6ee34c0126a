/**
 * The React export of the embeddable viewer: `<TwinscapeViewer src scene ... onElementClick />`.
 * React, react-dom, three, @react-three/fiber and @react-three/drei are peer dependencies (not bundled).
 * Live data: pass a `twins` store (LiveTwins) and feed it with `connectLive(source, {events: (e) => twins.apply(e), error})`.
 */
export { TwinscapeViewer } from './viewer/TwinscapeViewer.tsx';
export type { TwinscapeViewerProps, ElementDetail, ReadyDetail, ViewerHandle, InspectElement } from './viewer/TwinscapeViewer.tsx';
export { LiveTwins, connectLive, toTwinChangeEvents, patchOf } from './live/index.ts';
export type { LiveSource, TwinChangeEvent, PatchOp } from './live/index.ts';
export * from './package/index.ts';
export type { EmbedError, EmbedErrorCode, EmbedResult } from './errors.ts';
