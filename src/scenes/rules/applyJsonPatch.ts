/**
 * Applies the JSON Patch of an ADT Twin.Update event to a cached twin copy (add / replace / remove;
 * RFC 6901 pointers). Returns a new object; a bad path leaves the twin as it was and reports false.
 */
export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function applyJsonPatch<T extends Record<string, unknown>>(doc: T, ops: readonly PatchOp[]): { doc: T; ok: boolean } {
  const out = structuredClone(doc) as Record<string, unknown>;
  for (const op of ops) {
    if (typeof op?.path !== 'string' || !op.path.startsWith('/')) return { doc, ok: false };
    const parts = op.path.slice(1).split('/').map(unescape);
    let parent: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = parent[parts[i]];
      if (next === null || typeof next !== 'object') {
        if (op.op === 'add') { parent[parts[i]] = {}; parent = parent[parts[i]] as Record<string, unknown>; continue; }
        return { doc, ok: false };
      }
      parent = next as Record<string, unknown>;
    }
    const key = parts[parts.length - 1];
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return { doc, ok: false };
    switch (op.op) {
      case 'add':
      case 'replace':
        parent[key] = structuredClone(op.value);
        break;
      case 'remove':
        delete parent[key];
        break;
      default:
        return { doc, ok: false };
    }
  }
  return { doc: out as T, ok: true };
}
