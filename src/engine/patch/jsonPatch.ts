/**
 * JSON Patch (RFC 6902) restricted to ADT's operations: add, replace, remove. Applies to a copy; atomic.
 * Error texts follow ADT's (JsonPatchInvalid). @see ../shared/reference/adt-api.md §2.4
 */
import { err, ok, type JsonPatchOp, type Result } from '../types.ts';
import { cloneJson } from '../util/clone.ts';

const SEE = 'Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.';

export function parsePointer(path: string): string[] | null {
  if (path === '') return [];
  if (!path.startsWith('/')) return null;
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(segments: string[]): string {
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Checks the shape of a patch document (array of {op, path, value}); returns the ops typed. */
export function checkPatchShape(patch: unknown): Result<JsonPatchOp[]> {
  if (!Array.isArray(patch)) return err('JsonPatchInvalid', `The patch document must be an array of operations. ${SEE}`);
  for (let i = 0; i < patch.length; i++) {
    const op = patch[i] as Record<string, unknown> | null;
    if (!op || typeof op !== 'object') return err('JsonPatchInvalid', `Operation ${i} is not an object. ${SEE}`);
    if (op.op === undefined || op.op === '') return err('JsonPatchInvalid', `Parameter op must not be empty. ${SEE}`);
    if (op.op !== 'add' && op.op !== 'replace' && op.op !== 'remove') return err('JsonPatchInvalid', `Unsupported operation type ${String(op.op)}. ${SEE}`);
    if (typeof op.path !== 'string' || parsePointer(op.path) === null || op.path === '') {
      return err('JsonPatchInvalid', `Parameter path of operation ${i} must be a JSON pointer such as /property (got ${JSON.stringify(op.path)}). ${SEE}`);
    }
    if ((op.op === 'add' || op.op === 'replace') && !('value' in op)) return err('JsonPatchInvalid', `Parameter value must not be empty for ${op.op} ${op.path}. ${SEE}`);
  }
  return ok(patch as JsonPatchOp[]);
}

/** Applies ops to a deep copy of `doc`. Paths must exist as RFC 6902 requires (add: the parent). */
export function applyPatch<T extends object>(doc: T, ops: JsonPatchOp[]): Result<T> {
  const root = cloneJson(doc) as unknown as Record<string, unknown>;
  for (const op of ops) {
    const segs = parsePointer(op.path)!;
    let parent: unknown = root;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = child(parent, segs[i]);
      if (next === undefined || next === null || typeof next !== 'object') return notFound(segs[i]);
      parent = next;
    }
    const last = segs[segs.length - 1];
    if (Array.isArray(parent)) {
      const idx = last === '-' && op.op === 'add' ? parent.length : arrayIndex(last, parent.length + (op.op === 'add' ? 1 : 0));
      if (idx < 0) return notFound(last);
      if (op.op === 'add') parent.splice(idx, 0, cloneJson(op.value));
      else if (op.op === 'replace') parent[idx] = cloneJson(op.value);
      else parent.splice(idx, 1);
      continue;
    }
    const obj = parent as Record<string, unknown>;
    const exists = Object.prototype.hasOwnProperty.call(obj, last);
    if (op.op === 'add') obj[last] = cloneJson(op.value);
    else if (!exists) return notFound(last);
    else if (op.op === 'replace') obj[last] = cloneJson(op.value);
    else delete obj[last];
  }
  return ok(root as unknown as T);
}

function child(parent: unknown, seg: string): unknown {
  if (Array.isArray(parent)) {
    const i = arrayIndex(seg, parent.length);
    return i < 0 ? undefined : parent[i];
  }
  return Object.prototype.hasOwnProperty.call(parent as object, seg) ? (parent as Record<string, unknown>)[seg] : undefined;
}

function arrayIndex(seg: string, length: number): number {
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) return -1;
  const i = Number(seg);
  return i < length ? i : -1;
}

function notFound(seg: string): Result<never> {
  return err('JsonPatchInvalid', `The target location specified by path segment '${seg}' was not found. ${SEE}`);
}
