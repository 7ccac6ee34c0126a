/**
 * Does a rule's value fall in a condition? ADT 3D Scenes Studio semantics (VisualRuleUtils):
 * boolean: values[0] === value; string / enum: values.includes(value); numeric types: min <= v < max,
 * with "-Infinity"/"Infinity" as strings. Twinscape adds date, dateTime, time and duration ranges
 * (compared as instants / milliseconds), which Azure's studio never fires.
 */
import type { DtdlPropertyType, ValueRange } from '../model/types.ts';

export function toBound(v: unknown): number {
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return NaN;
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO 8601 duration to milliseconds (years as 365 days, months as 30 days); NaN if not a duration. */
export function durationToMs(text: string): number {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return NaN;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x ? Number(x) : 0));
  return ((((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000;
}

function timeToMs(text: string): number {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(text);
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000 : NaN;
}

function toComparable(type: DtdlPropertyType, v: unknown): number {
  switch (type) {
    case 'date':
    case 'dateTime':
      if (v === 'Infinity' || v === '-Infinity' || typeof v === 'number') return toBound(v);
      return typeof v === 'string' ? Date.parse(v) : NaN;
    case 'duration':
      if (v === 'Infinity' || v === '-Infinity' || typeof v === 'number') return toBound(v);
      return typeof v === 'string' ? durationToMs(v) : NaN;
    case 'time':
      if (v === 'Infinity' || v === '-Infinity' || typeof v === 'number') return toBound(v);
      return typeof v === 'string' ? timeToMs(v) : NaN;
    default:
      return typeof v === 'number' ? v : toBound(v);
  }
}

export function matchValueRange(type: DtdlPropertyType | undefined, value: unknown, range: ValueRange): boolean {
  if (!type) return false; // ADT: a rule without valueRangeType never fires
  const values = range.values ?? [];
  switch (type) {
    case 'boolean':
      return values[0] === value;
    case 'string':
    case 'enum':
      return values.includes(value as string);
    default: {
      const v = toComparable(type, value);
      if (Number.isNaN(v) || typeof value === 'boolean' || value === null || value === undefined || value === '') return false;
      const min = toComparable(type, values[0]);
      const max = toComparable(type, values[1]);
      return !Number.isNaN(min) && !Number.isNaN(max) && min <= v && v < max;
    }
  }
}
