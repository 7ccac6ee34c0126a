/** Live data for the embedded viewer: ADT-shaped events, the postMessage protocol, sources, the twin cache. */
export { toTwinChangeEvents, toPatch, patchOf, MAX_EVENTS_PER_MESSAGE } from './events.ts';
export type { TwinChangeEvent, PatchOp } from './events.ts';
export { isAllowedOrigin, parseInboundMessage } from './messages.ts';
export type { InboundMessage, ViewState } from './messages.ts';
export { connectLive, normalizeSource } from './connect.ts';
export type { LiveSource, LiveSink } from './connect.ts';
export { LiveTwins } from './LiveTwins.ts';
export type { TwinChange } from './LiveTwins.ts';
