/**
 * Min / max / avg downsampling of a time series into `buckets` equal time buckets (empty buckets are skipped),
 * so a chart of a million points draws a few thousand. Input: times (ms) ascending and values.
 */
export interface Downsampled {
  t: number[];
  min: number[];
  max: number[];
  avg: number[];
}

export function downsample(times: ArrayLike<number>, values: ArrayLike<number>, buckets: number): Downsampled {
  const out: Downsampled = { t: [], min: [], max: [], avg: [] };
  const n = Math.min(times.length, values.length);
  if (!n) return out;
  const t0 = times[0]!;
  const t1 = times[n - 1]!;
  if (n <= buckets || t1 === t0) {
    for (let i = 0; i < n; i++) {
      out.t.push(times[i]!);
      out.min.push(values[i]!);
      out.max.push(values[i]!);
      out.avg.push(values[i]!);
    }
    return out;
  }
  const width = (t1 - t0) / buckets;
  let b = -1;
  let lo = 0, hi = 0, sum = 0, count = 0, start = 0;
  const flush = () => {
    if (!count) return;
    out.t.push(start);
    out.min.push(lo);
    out.max.push(hi);
    out.avg.push(sum / count);
  };
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const k = Math.min(buckets - 1, Math.floor((times[i]! - t0) / width));
    if (k !== b) {
      flush();
      b = k;
      start = t0 + k * width;
      lo = hi = sum = v;
      count = 1;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v;
    count++;
  }
  flush();
  return out;
}

/** CSV of raw points: time (ISO), twin, property, value. */
export function historyCsv(rows: Array<{ time: number; twinId: string; property: string; value: unknown }>): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['time,twinId,property,value', ...rows.map((r) => [new Date(r.time).toISOString(), esc(r.twinId), esc(r.property), esc(String(r.value))].join(','))].join('\n') + '\n';
}
