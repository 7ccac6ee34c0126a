/**
 * Live data for the viewer arrives as ADT-shaped change events (CloudEvents 1.0 with the ADT event types,
 * as ADT event routes, the Twinscape engine and its BroadcastChannel emit them). This module turns whatever a
 * source sends into the runtime's TwinChangeEvent list, dropping anything it does not understand.
 * Only twin lifecycle/update events matter to a scene; relationship events are ignored.
 */
import type { sceneRules } from '../../scenes/index.ts';

export type TwinChangeEvent = sceneRules.TwinChangeEvent;
export type PatchOp = sceneRules.PatchOp;

const TWIN_TYPES = new Set(['Microsoft.DigitalTwins.Twin.Create', 'Microsoft.DigitalTwins.Twin.Update', 'Microsoft.DigitalTwins.Twin.Delete']);
const OPS = new Set(['add', 'replace', 'remove']);
/** At most this many events are taken from one message (a hostile source cannot stall the page). */
export const MAX_EVENTS_PER_MESSAGE = 10_000;

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * Accepts: one CloudEvent, an array of them, `{events: [...]}` (the engine's committed change on its
 * BroadcastChannel), or JSON text of any of these.
 */
export function toTwinChangeEvents(message: unknown): TwinChangeEvent[] {
  let m = message;
  if (typeof m === 'string') {
    try {
      m = JSON.parse(m) as unknown;
    } catch {
      return [];
    }
  }
  const list = Array.isArray(m) ? m : isObj(m) && Array.isArray(m.events) ? m.events : [m];
  const out: TwinChangeEvent[] = [];
  for (const ev of list.slice(0, MAX_EVENTS_PER_MESSAGE)) {
    const e = toEvent(ev);
    if (e) out.push(e);
  }
  return out;
}

function toEvent(ev: unknown): TwinChangeEvent | null {
  if (!isObj(ev) || typeof ev.type !== 'string' || !TWIN_TYPES.has(ev.type)) return null;
  if (typeof ev.subject !== 'string' || !ev.subject) return null;
  if (ev.type === 'Microsoft.DigitalTwins.Twin.Update') {
    const ops = isObj(ev.data) ? toPatch(ev.data.patch) : null;
    if (!ops) return null;
    return { type: ev.type, subject: ev.subject, data: { ...(typeof ev.data === 'object' ? { modelId: (ev.data as { modelId?: unknown }).modelId } : {}), patch: ops } };
  }
  if (ev.type === 'Microsoft.DigitalTwins.Twin.Create') {
    if (!isObj(ev.data)) return null;
    return { type: ev.type, subject: ev.subject, data: { ...ev.data, $dtId: ev.subject } };
  }
  return { type: ev.type, subject: ev.subject, data: null };
}

/** A JSON Patch (RFC 6902 add / replace / remove), or null when any operation is not one of those. */
export function toPatch(x: unknown): PatchOp[] | null {
  if (!Array.isArray(x)) return null;
  const ops: PatchOp[] = [];
  for (const op of x) {
    if (!isObj(op) || typeof op.op !== 'string' || !OPS.has(op.op) || typeof op.path !== 'string' || !op.path.startsWith('/')) return null;
    ops.push(op.op === 'remove' ? { op: op.op, path: op.path } : { op: op.op, path: op.path, value: op.value });
  }
  return ops;
}

/** `updateTwin(id, patch)`: a JSON Patch, or a plain object of top-level property values (each a replace). */
export function patchOf(patch: unknown): PatchOp[] | null {
  const asOps = toPatch(patch);
  if (asOps) return asOps;
  if (!isObj(patch)) return null;
  return Object.entries(patch)
    .filter(([k]) => !k.startsWith('$') && k !== '__proto__')
    .map(([k, value]) => ({ op: 'replace', path: '/' + k.replace(/~/g, '~0').replace(/\//g, '~1'), value }));
}
