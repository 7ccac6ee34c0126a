/**
 * ADT timestamps: ISO 8601 UTC with a 7-digit fraction (`2022-02-28T00:30:00.1234567Z`).
 * The last four digits are a per-millisecond counter so that timestamps taken by one engine are strictly increasing.
 */
let lastMs = 0;
let seq = 0;

export function adtNow(): string {
  const ms = Date.now();
  if (ms === lastMs) seq = Math.min(seq + 1, 9999);
  else {
    lastMs = ms;
    seq = 0;
  }
  const iso = new Date(ms).toISOString(); // ...T00:30:00.123Z
  return `${iso.slice(0, -1)}${String(seq).padStart(4, '0')}Z`;
}

/** Milliseconds since the epoch of an ISO string (NaN when invalid). */
export function isoToMs(iso: string): number {
  return Date.parse(iso);
}

/**
 * An ISO date-time in the engine's canonical form (UTC, 7-digit fraction), so that stored timestamps compare as
 * strings; undefined when not a date. Fractions beyond milliseconds are kept (up to 7 digits).
 */
export function canonicalIso(iso: string): string | undefined {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  const frac = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(iso)?.[1] ?? '';
  const base = new Date(ms).toISOString().slice(0, 19);
  return `${base}.${(frac + '0000000').slice(0, 7)}Z`;
}
