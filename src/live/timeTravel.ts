/**
 * Time travel over data history: property values of every twin as they were at a moment, from AdtPropertyEvents
 * rows. A value is the last update at or before the moment (a Delete action unsets it); a property with no row
 * at or before the moment is absent (its value then predates the recorded history).
 */
export interface HistoryRow {
  TimeStamp: string;
  SourceTimeStamp?: string;
  Id: string;
  Key: string;
  Value: unknown;
  Action?: 'Update' | 'Delete';
}

export interface TimeIndex {
  from: number;
  to: number;
  /** twinId -> property -> time-ordered [time, value | undefined]. */
  series: Map<string, Map<string, Array<[number, unknown]>>>;
}

export function buildTimeIndex(rows: HistoryRow[]): TimeIndex {
  const series = new Map<string, Map<string, Array<[number, unknown]>>>();
  let from = Infinity;
  let to = -Infinity;
  for (const r of rows) {
    const t = Date.parse(r.TimeStamp);
    if (!Number.isFinite(t)) continue;
    from = Math.min(from, t);
    to = Math.max(to, t);
    let props = series.get(r.Id);
    if (!props) series.set(r.Id, (props = new Map()));
    let list = props.get(r.Key);
    if (!list) props.set(r.Key, (list = []));
    list.push([t, r.Action === 'Delete' ? undefined : r.Value]);
  }
  for (const props of series.values()) for (const list of props.values()) list.sort((a, b) => a[0] - b[0]);
  return { from: Number.isFinite(from) ? from : 0, to: Number.isFinite(to) ? to : 0, series };
}

/** Values of every twin's recorded properties at `t`. */
export function valuesAt(index: TimeIndex, t: number): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [id, props] of index.series) {
    const rec: Record<string, unknown> = {};
    for (const [key, list] of props) {
      // Binary search: last entry with time <= t.
      let lo = 0, hi = list.length - 1, found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]![0] <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      if (found >= 0 && list[found]![1] !== undefined) rec[key] = list[found]![1];
    }
    if (Object.keys(rec).length) out.set(id, rec);
  }
  return out;
}

/** Each twin's properties that have recorded history (for the 3D scenes: a value absent at a moment is unknown then). */
export function recordedProperties(index: TimeIndex): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [id, props] of index.series) out.set(id, new Set(props.keys()));
  return out;
}
