/**
 * MQTT mapping rules: a topic filter (MQTT wildcards + and #) and JSON paths into the payload select a twin and
 * the values to write, as property patches or as telemetry. `mapMessage` is pure: it returns the action or the
 * reason the message is malformed (never throws).
 */
import type { JsonPatchOp } from '../../types.ts';

export interface MqttMapping {
  /** Topic filter, e.g. `building/+/sensors/#`. */
  topic: string;
  /** Twin id: a literal, `{N}` for the N-th (1-based) wildcard segment of the topic, or a JSON path (`$.device`). */
  twinId: string;
  mode: 'property' | 'telemetry';
  /** property name -> JSON path into the payload (`$.temp`, `$.readings.t`, `$` for the whole payload). */
  values: Record<string, string>;
}

export type MappedAction =
  | { kind: 'patch'; twinId: string; patch: JsonPatchOp[] }
  | { kind: 'telemetry'; twinId: string; payload: Record<string, unknown> };

export type MapOutcome = { ok: true; actions: MappedAction[] } | { ok: false; reason: string };

/** The wildcard segments of `topic` matched by `filter`, or null when it does not match. */
export function matchTopic(filter: string, topic: string): string[] | null {
  const f = filter.split('/');
  const t = topic.split('/');
  const captured: string[] = [];
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') {
      captured.push(t.slice(i).join('/'));
      return captured;
    }
    if (i >= t.length) return null;
    if (f[i] === '+') captured.push(t[i]!);
    else if (f[i] !== t[i]) return null;
  }
  return f.length === t.length ? captured : null;
}

/** `$`, `$.a.b`, `$.a[0].b`; undefined when the path is missing. */
export function jsonPath(root: unknown, path: string): unknown {
  if (path === '$') return root;
  if (!path.startsWith('$.') && !path.startsWith('$[')) return undefined;
  const parts = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g);
  if (!parts || parts.join('') !== path.slice(1)) return undefined;
  let v: unknown = root;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    const key = p.startsWith('[') ? Number(p.slice(1, -1)) : p.slice(1);
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

export function validateMapping(m: MqttMapping): string | null {
  if (!m || typeof m.topic !== 'string' || !m.topic) return 'A mapping needs a topic filter.';
  const segs = m.topic.split('/');
  if (segs.some((s, i) => (s.includes('#') && (s !== '#' || i !== segs.length - 1)) || (s.includes('+') && s !== '+'))) return `Invalid topic filter ${m.topic}.`;
  if (typeof m.twinId !== 'string' || !m.twinId) return 'A mapping needs a twin id (literal, {N} or $.path).';
  if (m.mode !== 'property' && m.mode !== 'telemetry') return "The mode is 'property' or 'telemetry'.";
  if (!m.values || typeof m.values !== 'object' || !Object.keys(m.values).length) return 'A mapping needs at least one value (property -> JSON path).';
  for (const [k, p] of Object.entries(m.values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) return `Invalid property name ${k}.`;
    if (typeof p !== 'string' || !(p === '$' || p.startsWith('$.') || p.startsWith('$['))) return `The value of ${k} is a JSON path starting with $.`;
  }
  return null;
}

export function mapMessage(mappings: MqttMapping[], topic: string, payloadText: string): MapOutcome {
  const matching = mappings.map((m) => [m, matchTopic(m.topic, topic)] as const).filter(([, c]) => c !== null);
  if (!matching.length) return { ok: false, reason: `no mapping for topic ${topic}` };
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch (e) {
    return { ok: false, reason: `payload is not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const actions: MappedAction[] = [];
  for (const [m, captured] of matching) {
    let twinId: unknown = m.twinId;
    const slot = /^\{(\d+)\}$/.exec(m.twinId);
    if (slot) twinId = captured![Number(slot[1]) - 1];
    else if (m.twinId.startsWith('$')) twinId = jsonPath(payload, m.twinId);
    if (typeof twinId !== 'string' || !twinId) return { ok: false, reason: `no twin id at ${m.twinId}` };
    const values: Record<string, unknown> = {};
    for (const [prop, path] of Object.entries(m.values)) {
      const v = jsonPath(payload, path);
      if (v === undefined) return { ok: false, reason: `no value at ${path} for ${prop}` };
      values[prop] = v;
    }
    actions.push(m.mode === 'property'
      ? { kind: 'patch', twinId, patch: Object.entries(values).map(([k, value]) => ({ op: 'add' as const, path: `/${k}`, value })) }
      : { kind: 'telemetry', twinId, payload: values });
  }
  return { ok: true, actions };
}
