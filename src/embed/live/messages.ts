/**
 * The postMessage protocol of the viewer (iframe page and `connect({type: 'postMessage'})`). Every message is
 * an object with a `type` starting with `twinscape:`. Inbound messages are accepted only from origins on the
 * allow-list (exact `scheme://host[:port]` match; no wildcard), and only these kinds — the viewer is read-only:
 *
 *   twinscape:update-twin  {twinId, patch}   patch: JSON Patch or {property: value}; changes what is SHOWN only
 *   twinscape:events       {events}          ADT change events (CloudEvents), same effect
 *   twinscape:set-view     {sceneId?, selectedElement?, layers?, camera?, theme?}   view state only
 *
 * Anything else (e.g. an attempt to write a twin or the scene) is refused with a `ReadOnly` rejection.
 * Outbound (iframe -> host): twinscape:ready, twinscape:element-click, twinscape:element-hover,
 * twinscape:twin-change, twinscape:error, twinscape:rejected — each `{type, detail}`.
 */
import { patchOf, toTwinChangeEvents, type TwinChangeEvent } from './events.ts';

export interface ViewState {
  sceneId?: string;
  selectedElement?: string | null;
  layers?: string[] | null;
  camera?: string | null;
  theme?: string;
}

export type InboundMessage =
  | { kind: 'events'; events: TwinChangeEvent[] }
  | { kind: 'view'; view: ViewState }
  | { kind: 'rejected'; code: 'ReadOnly' | 'BadMessage'; message: string }
  | { kind: 'ignored' };

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export function isAllowedOrigin(origin: string, allowList: readonly string[]): boolean {
  if (!origin || origin === 'null') return false;
  return allowList.some((o) => o.replace(/\/$/, '') === origin);
}

export function parseInboundMessage(data: unknown): InboundMessage {
  if (!isObj(data) || typeof data.type !== 'string' || !data.type.startsWith('twinscape:')) return { kind: 'ignored' };
  switch (data.type) {
    case 'twinscape:update-twin': {
      const ops = typeof data.twinId === 'string' && data.twinId ? patchOf(data.patch) : null;
      if (!ops) return { kind: 'rejected', code: 'BadMessage', message: 'twinscape:update-twin needs {twinId: string, patch: JSON Patch or object}' };
      return { kind: 'events', events: [{ type: 'Microsoft.DigitalTwins.Twin.Update', subject: data.twinId as string, data: { patch: ops } }] };
    }
    case 'twinscape:events':
      return { kind: 'events', events: toTwinChangeEvents(data.events) };
    case 'twinscape:set-view': {
      const v: ViewState = {};
      if (typeof data.sceneId === 'string') v.sceneId = data.sceneId;
      if (typeof data.selectedElement === 'string' || data.selectedElement === null) v.selectedElement = data.selectedElement as string | null;
      if (Array.isArray(data.layers)) v.layers = data.layers.filter((l): l is string => typeof l === 'string');
      else if (data.layers === null) v.layers = null;
      if (typeof data.camera === 'string' || data.camera === null) v.camera = data.camera as string | null;
      if (typeof data.theme === 'string') v.theme = data.theme;
      return { kind: 'view', view: v };
    }
    default:
      return { kind: 'rejected', code: 'ReadOnly', message: `${data.type} is not accepted: the embedded viewer is read-only (it shows data, it never writes twins or scenes).` };
  }
}
