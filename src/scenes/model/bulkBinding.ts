/**
 * Bulk binding: match model node names to twins by a pattern and preview the elements to create.
 * The pattern is a regular expression over the node name whose first capture group (or whole match)
 * is the twin key; the key is compared with twin ids or with a twin property.
 */
import { newElement } from './operations.ts';
import type { TwinToObjectMapping } from './types.ts';
import type { SceneResult } from './errors.ts';

export interface NodeForBinding {
  /** The mesh ids (ADT-style) of the node. */
  meshIds: string[];
  /** The name to match (glTF node name). */
  name: string;
}

export interface BulkMatch {
  node: NodeForBinding;
  twinId: string;
}

export function matchNodesToTwins(
  nodes: readonly NodeForBinding[],
  twins: ReadonlyArray<Record<string, unknown>>,
  opts: { pattern: string; by?: 'id' | { property: string } },
): SceneResult<BulkMatch[]> {
  let re: RegExp;
  try {
    re = new RegExp(opts.pattern);
  } catch (e) {
    return { ok: false, error: { code: 'InvalidArgument', message: `Bad pattern: ${(e as Error).message}` } };
  }
  const by = opts.by ?? 'id';
  const index = new Map<string, string>();
  for (const t of twins) {
    const id = t.$dtId;
    if (typeof id !== 'string') continue;
    const key = by === 'id' ? id : t[by.property];
    if (key !== undefined && key !== null && !index.has(String(key))) index.set(String(key), id);
  }
  const out: BulkMatch[] = [];
  for (const node of nodes) {
    const m = re.exec(node.name);
    if (!m) continue;
    const key = m[1] ?? m[0];
    const twinId = index.get(key);
    if (twinId) out.push({ node, twinId });
  }
  return { ok: true, value: out };
}

/** Elements for the matches; several nodes matching one twin form one element. */
export function elementsFromMatches(matches: readonly BulkMatch[], displayName?: (twinId: string) => string): TwinToObjectMapping[] {
  const byTwin = new Map<string, string[]>();
  for (const m of matches) byTwin.set(m.twinId, [...(byTwin.get(m.twinId) ?? []), ...m.node.meshIds]);
  return [...byTwin].map(([twinId, meshIds]) => newElement({ primaryTwinID: twinId, objectIDs: meshIds, displayName: displayName?.(twinId) ?? twinId }));
}

/**
 * The twins an ADT query returned, for bulk binding: a row that is a twin (`SELECT *`, `SELECT T`) is taken as is; a
 * projection row (`SELECT T, R FROM … MATCH …`) gives its first twin-valued column. Twins are deduplicated by id.
 */
export function twinsFromQueryRows(rows: readonly unknown[]): Array<Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const isTwin = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && typeof (x as { $dtId?: unknown }).$dtId === 'string';
  for (const row of rows) {
    const twin = isTwin(row) ? row : row && typeof row === 'object' ? Object.values(row).find(isTwin) : undefined;
    if (twin && !out.has(twin.$dtId as string)) out.set(twin.$dtId as string, twin);
  }
  return [...out.values()];
}
