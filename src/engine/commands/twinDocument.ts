/**
 * Building twin documents the way ADT returns them: `$dtId`, `$etag`, `$metadata` with `$model`, `$lastUpdateTime`
 * and per-property `lastUpdateTime` / `sourceTime`; components as objects with their own `$metadata`.
 */
import type { InterfaceInfo } from '../../dtdl/index.ts';
import type { PropertyMetadata, Twin, TwinMetadata } from '../types.ts';
import { isPlainObject } from '../util/clone.ts';
import { newEtag } from '../util/etag.ts';

/** The user content of a twin body: every key not starting with `$` (components keep their `$metadata`). */
export function twinContent(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!k.startsWith('$')) out[k] = v;
  return out;
}

export function componentNames(iface: InterfaceInfo | undefined): Set<string> {
  const s = new Set<string>();
  if (iface) for (const c of iface.contents.values()) if (c.kind === 'Component') s.add(c.name);
  return s;
}

function sourceTimeOf(meta: unknown, prop: string): string | undefined {
  if (!isPlainObject(meta)) return undefined;
  const m = meta[prop];
  return isPlainObject(m) && typeof m.sourceTime === 'string' ? m.sourceTime : undefined;
}

function propMeta(now: string, sourceTime: string | undefined): PropertyMetadata {
  return sourceTime === undefined ? { lastUpdateTime: now } : { lastUpdateTime: now, sourceTime };
}

/** A component object with fresh `$metadata` (sourceTimes from the given component metadata). */
export function buildComponent(value: Record<string, unknown>, now: string): Record<string, unknown> {
  const given = value.$metadata;
  const meta: Record<string, unknown> = { $lastUpdateTime: now };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) continue;
    out[k] = v;
    meta[k] = propMeta(now, sourceTimeOf(given, k));
  }
  out.$metadata = meta;
  return out;
}

/** A whole twin document from a PUT body (create or replace). */
export function buildTwin(id: string, model: string, body: Record<string, unknown>, components: Set<string>, now: string): Twin {
  const given = body.$metadata;
  const meta: TwinMetadata = { $model: model, $lastUpdateTime: now };
  const twin: Twin = { $dtId: id, $etag: newEtag(), $metadata: meta };
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('$')) continue;
    if (components.has(k) && isPlainObject(v)) {
      twin[k] = buildComponent(v, now);
    } else {
      twin[k] = v;
      meta[k] = propMeta(now, sourceTimeOf(given, k));
    }
  }
  return twin;
}

/** Every user property with its value, flattened as ADT data history keys (`prop`, `component.prop`). */
export function historyEntries(twin: Record<string, unknown>, components: Set<string>): Array<[string, unknown, string | undefined]> {
  const out: Array<[string, unknown, string | undefined]> = [];
  for (const [k, v] of Object.entries(twin)) {
    if (k.startsWith('$')) continue;
    if (components.has(k) && isPlainObject(v)) {
      for (const [ck, cv] of Object.entries(v)) if (!ck.startsWith('$')) out.push([`${k}.${ck}`, cv, sourceTimeOf(v.$metadata, ck)]);
    } else out.push([k, v, sourceTimeOf(twin.$metadata, k)]);
  }
  return out;
}
