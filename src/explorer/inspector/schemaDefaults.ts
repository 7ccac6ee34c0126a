/** Default values for a DTDL schema (used when a user "sets" an unset property) and value/input conversion. */
import type { SchemaInfo } from '../../dtdl/index.ts';

const NUMERIC = new Set(['integer', 'long', 'double', 'float', 'byte', 'short', 'unsignedByte', 'unsignedShort', 'unsignedInteger', 'unsignedLong', 'decimal']);
const INTEGER = new Set(['integer', 'long', 'byte', 'short', 'unsignedByte', 'unsignedShort', 'unsignedInteger', 'unsignedLong']);

export function primitiveName(schema: SchemaInfo | undefined): string | null {
  return schema && schema.kind === 'primitive' ? schema.name : null;
}

export const isNumeric = (name: string) => NUMERIC.has(name);
export const isInteger = (name: string) => INTEGER.has(name);

export function defaultValue(schema: SchemaInfo | undefined): unknown {
  if (!schema) return '';
  switch (schema.kind) {
    case 'primitive': {
      const n = schema.name;
      if (n === 'boolean') return false;
      if (NUMERIC.has(n)) return 0;
      if (n === 'date') return new Date().toISOString().slice(0, 10);
      if (n === 'dateTime') return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (n === 'time') return '00:00:00';
      if (n === 'duration') return 'PT0S';
      if (n === 'string' || n === 'uuid' || n === 'scaledDecimal') return '';
      return null;
    }
    case 'enum':
      return schema.values[0]?.value ?? '';
    case 'object': {
      const out: Record<string, unknown> = {};
      return out;
    }
    case 'map':
      return {};
    case 'array':
      return [];
  }
}

/** ISO 8601 duration check (PnYnMnDTnHnMnS / PnW). */
export function isDuration(text: string): boolean {
  return /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/.test(text);
}

/** `2024-05-01T10:20:30Z` <-> the value of an `<input type="datetime-local" step="1">` (UTC shown). */
export function isoToLocalInput(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)/.exec(iso);
  return m ? m[1] : '';
}

export function localInputToIso(value: string): string {
  if (!value) return '';
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

/** Converts the text of a numeric input to a number of the schema, or null when it is not one. */
export function parseNumber(text: string, name: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  if (isInteger(name) && !Number.isInteger(n)) return null;
  return n;
}
