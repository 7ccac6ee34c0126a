/**
 * Segments: how a bulk commit (an import) stores twins and relationships — a few thousand records per stored row,
 * sorted by key, instead of one row per record (IndexedDB's cost is per row: 400,000 rows took ~20 s in Chromium,
 * 80 segment rows well under 1 s). Later changes to single records are ordinary rows and tombstones that override
 * the segments:
 *   a record's stored version = its row if there is one; else nothing if it has a tombstone; else its entry in the
 *   newest segment (highest `gen`, the commit counter of the import that wrote it) that holds it.
 * A bulk commit that writes segments first deletes the rows and tombstones of the keys it writes, so the rule holds.
 *
 * Delta segments: an ordinary commit of many records (a simulator's tick: hundreds of twins) is stored the same way,
 * as one segment row marked `delta`, instead of one row per record — IndexedDB's cost is per row, and at 10,000
 * patches/s one row per patch left the worker no headroom. Deltas pile up, so the newest run of them is merged now
 * and then (`planDeltaMerge`): into one generation, the newest entry of each key kept, which is what reading them in
 * generation order gives. A merged group covers consecutive generations ending at the newest, so no other segment
 * sits between them, and rows and tombstones override every segment anyway: the rule above still holds.
 */
import type { Relationship, Twin } from '../types.ts';
import { relKey } from './Store.ts';

export type SegmentKind = 'twins' | 'relationships';

/** The segment index entry (kept in `settings`, key `segments`, oldest first). */
export interface SegmentRef {
  id: string;
  gen: number;
  kind: SegmentKind;
  first: string;
  last: string;
  /** Written by an ordinary commit (or a merge of such), not by an import. */
  delta?: true;
  /** Deltas: how many merges made it (0: one commit's records). */
  level?: number;
}

/** A stored segment row: keys sorted, items in the same order. */
export interface SegmentRow extends SegmentRef {
  keys: string[];
  items: unknown[];
}

export const SEGMENT_SIZE = 5000;

export const twinKey = (t: Twin): string => t.$dtId;
export const relationshipKey = (r: Relationship): string => relKey(r.$sourceId, r.$relationshipId);
export const tombstoneKey = (kind: SegmentKind, key: string): string => `${kind === 'twins' ? 't' : 'r'}\u0000${key}`;

/**
 * Sorts the records by key and cuts them into segment rows of generation `gen`. `delta` marks them as written by an
 * ordinary commit; `tag` keeps the ids of a merge's rows apart from the rows of the generation it merges into.
 */
export function buildSegments<T>(
  kind: SegmentKind, gen: number, records: readonly T[], keyOf: (r: T) => string, opts: { delta?: { level: number }; tag?: string } = {},
): SegmentRow[] {
  const keyed = records.map((r) => [keyOf(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rows: SegmentRow[] = [];
  for (let i = 0; i < keyed.length; i += SEGMENT_SIZE) {
    const part = keyed.slice(i, i + SEGMENT_SIZE);
    const n = rows.length;
    rows.push({
      id: `${String(gen).padStart(12, '0')}-${kind}${opts.tag ?? ''}-${String(n).padStart(6, '0')}`,
      gen, kind, first: part[0][0], last: part[part.length - 1][0],
      ...(opts.delta ? { delta: true as const, level: opts.delta.level } : {}),
      keys: part.map((p) => p[0]), items: part.map((p) => p[1]),
    });
  }
  return rows;
}

export const refOf = (s: SegmentRow): SegmentRef => ({
  id: s.id, gen: s.gen, kind: s.kind, first: s.first, last: s.last, ...(s.delta ? { delta: true as const, level: s.level } : {}),
});

/** How many delta generations of one level are merged into one of the next level. */
export const DELTA_FAN_IN = 8;

/**
 * Which deltas to merge, if it is time (levelled, as log-structured stores do): a commit's delta is level 0; once
 * DELTA_FAN_IN generations of level 0 end the index, they become one of level 1; if that makes DELTA_FAN_IN of level
 * 1 at the end, those go into one of level 2 as well; and so on. A record is rewritten once per level, a logarithmic
 * number of times, and at most DELTA_FAN_IN - 1 generations of each level stand between a lookup and its record.
 * Returns the generations to merge (the newest ones, oldest first) and the level of the result, or null.
 */
export function planDeltaMerge(index: readonly SegmentRef[]): { gens: number[]; level: number } | null {
  const groups: Array<{ gen: number; level: number }> = [];
  for (let i = index.length - 1; i >= 0 && index[i].delta; i--) {
    const last = groups[groups.length - 1];
    if (last?.gen === index[i].gen) last.level = Math.max(last.level, index[i].level ?? 0);
    else groups.push({ gen: index[i].gen, level: index[i].level ?? 0 });
  }
  groups.reverse();
  let start = groups.length;
  let level = 0;
  for (let l = 0; ; l++) {
    let s = start;
    while (s > 0 && groups[s - 1].level === l) s--;
    // The groups of level l before the merge so far, plus what the merge so far becomes (one of level l).
    if (start - s + (l > 0 ? 1 : 0) < DELTA_FAN_IN) break;
    start = s;
    level = l + 1;
  }
  return start < groups.length ? { gens: groups.slice(start).map((g) => g.gen), level } : null;
}

/** The newest entry of each key across delta rows given oldest generation first: the records of a merged delta. */
export function mergeDeltaRows(rows: readonly SegmentRow[]): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const r of rows) for (let i = 0; i < r.keys.length; i++) byKey.set(r.keys[i], r.items[i]);
  return [...byKey.values()];
}

/** The segments that may hold `key`, newest first. */
export function candidates(index: readonly SegmentRef[], kind: SegmentKind, key: string): SegmentRef[] {
  const out: SegmentRef[] = [];
  for (let i = index.length - 1; i >= 0; i--) {
    const s = index[i];
    if (s.kind === kind && s.first <= key && key <= s.last) out.push(s);
  }
  return out;
}

/** The item of `key` in a segment, by binary search; undefined when absent. */
export function findInSegment(seg: SegmentRow, key: string): unknown {
  let lo = 0;
  let hi = seg.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = seg.keys[mid];
    if (k === key) return seg.items[mid];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * Applies the override rule to whole tables (load): segments oldest first, then tombstones, then rows. Also reports
 * the segments none of whose records is the stored version any more (superseded by newer segments, rows or
 * tombstones): garbage that can be deleted.
 */
export function mergeStored<T>(
  kind: SegmentKind, segments: readonly SegmentRow[], tombstones: ReadonlySet<string>, rows: readonly T[], keyOf: (r: T) => string,
): { records: T[]; superseded: string[] } {
  const ordered = segments.filter((s) => s.kind === kind).sort((a, b) => a.gen - b.gen || (a.id < b.id ? -1 : 1));
  // The usual case after an import: one generation (its keys are distinct), nothing overriding it.
  if (!tombstones.size && !rows.length && ordered.every((s) => s.gen === ordered[0].gen)) {
    const records: T[] = [];
    for (const s of ordered) for (const item of s.items) records.push(item as T);
    return { records, superseded: [] };
  }
  const byKey = new Map<string, { item: T; seg: string | null }>();
  for (const s of ordered) for (let i = 0; i < s.keys.length; i++) byKey.set(s.keys[i], { item: s.items[i] as T, seg: s.id });
  if (tombstones.size) for (const k of byKey.keys()) if (tombstones.has(tombstoneKey(kind, k))) byKey.delete(k);
  for (const r of rows) byKey.set(keyOf(r), { item: r, seg: null });
  const live = new Set<string>();
  const records: T[] = [];
  for (const v of byKey.values()) {
    records.push(v.item);
    if (v.seg) live.add(v.seg);
  }
  return { records, superseded: ordered.filter((s) => !live.has(s.id)).map((s) => s.id) };
}
