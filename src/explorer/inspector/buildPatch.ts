/**
 * JSON Patch (ADT flavour: add / replace / remove) from an original twin or relationship body to the edited
 * one. System keys (`$dtId`, `$etag`, `$metadata`, `$relationshipId`, ...) are never patched. Components
 * (objects with a `$metadata`) are diffed per property (`/comp/prop`) so other component values are kept;
 * every other value is replaced whole, which keeps maps and objects intact (ADT Explorer #220).
 */
import type { JsonPatchOp } from '../../engine/types.ts';

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bk = Object.keys(b as object);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isComponent(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && '$metadata' in (v as object);
}

function diffLevel(prefix: string, original: Record<string, unknown>, edited: Record<string, unknown>, ops: JsonPatchOp[]): void {
  const keys = new Set([...Object.keys(original), ...Object.keys(edited)]);
  for (const key of keys) {
    if (key.startsWith('$')) continue;
    const path = `${prefix}/${escapePointer(key)}`;
    const has0 = Object.prototype.hasOwnProperty.call(original, key) && original[key] !== undefined;
    const has1 = Object.prototype.hasOwnProperty.call(edited, key) && edited[key] !== undefined;
    const a = original[key];
    const b = edited[key];
    if (has0 && !has1) ops.push({ op: 'remove', path });
    else if (!has0 && has1) ops.push({ op: 'add', path, value: b });
    else if (has0 && has1 && !deepEqual(a, b)) {
      if (prefix === '' && isComponent(a) && isComponent(b)) diffLevel(path, a, b, ops);
      else ops.push({ op: 'replace', path, value: b });
    }
  }
}

export function buildPatch(original: Record<string, unknown>, edited: Record<string, unknown>): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diffLevel('', original, edited, ops);
  return ops;
}

function unescape(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function read(doc: Record<string, unknown>, path: string): { found: boolean; value: unknown } {
  let node: unknown = doc;
  for (const seg of path.split('/').slice(1).map(unescape)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, seg)) return { found: false, value: undefined };
    node = (node as Record<string, unknown>)[seg];
  }
  return { found: true, value: node };
}

/** The patch that takes the result of `patch` back to `original` (for undo). */
export function inversePatch(original: Record<string, unknown>, patch: readonly JsonPatchOp[]): JsonPatchOp[] {
  const inverse: JsonPatchOp[] = [];
  for (const op of patch) {
    const before = read(original, op.path);
    if (before.found) inverse.push({ op: op.op === 'remove' ? 'add' : 'replace', path: op.path, value: before.value });
    else inverse.push({ op: 'remove', path: op.path });
  }
  return inverse.reverse();
}

/** Body for re-creating a twin with PUT: model, component markers and values, without system fields. */
export function twinCreateBody(twin: Record<string, unknown>): Record<string, unknown> {
  const meta = twin.$metadata as { $model?: string } | undefined;
  const body: Record<string, unknown> = { $metadata: { $model: meta?.$model } };
  for (const [k, v] of Object.entries(twin)) {
    if (k.startsWith('$')) continue;
    if (isComponent(v)) {
      const comp: Record<string, unknown> = { $metadata: {} };
      for (const [ck, cv] of Object.entries(v)) if (!ck.startsWith('$')) comp[ck] = cv;
      body[k] = comp;
    } else body[k] = v;
  }
  return body;
}

/** Body for re-creating a relationship with PUT. */
export function relationshipCreateBody(rel: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { $targetId: rel.$targetId, $relationshipName: rel.$relationshipName };
  for (const [k, v] of Object.entries(rel)) if (!k.startsWith('$')) body[k] = v;
  return body;
}
