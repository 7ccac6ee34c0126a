/**
 * src/embed — the embeddable scene viewer. Importing this module registers `<twinscape-viewer>`.
 * Also exports the scene package reader/writer (for the studio's "Share / Embed") and the live-data helpers.
 * The React component is exported from ./react.ts (React, three and R3F as peers).
 */
import { defineTwinscapeViewer } from './element/TwinscapeViewerElement.tsx';

defineTwinscapeViewer();

export { TwinscapeViewerElement, defineTwinscapeViewer, VIEWER_TAG } from './element/TwinscapeViewerElement.tsx';
export * from './package/index.ts';
export { toTwinChangeEvents, patchOf, isAllowedOrigin, parseInboundMessage } from './live/index.ts';
export type { LiveSource, TwinChangeEvent, PatchOp, ViewState, InboundMessage } from './live/index.ts';
export type { EmbedError, EmbedErrorCode, EmbedResult } from './errors.ts';
export type { ElementDetail, ReadyDetail, InspectElement } from './viewer/TwinscapeViewer.tsx';
