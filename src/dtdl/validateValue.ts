/** Instance-data validation: does a JSON value conform to a schema, Property, Telemetry, Field or MapValue? */
import type { DtdlElement, ObjectModel, ValueCheck } from './types.ts';

const OK: ValueCheck = { ok: true };

function fail(path: string, reason: string): ValueCheck {
  return { ok: false, path: path || '/', reason };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DURATION_PART = /(\d+(?:\.\d+)?)([YMWDHS])/y;

/** ISO 8601 duration as DTDL uses it: ordered components, weeks only with days, a fraction only on the last one. */
function validDuration(s: string): boolean {
  if (s[0] !== 'P') return false;
  const t = s.indexOf('T');
  const datePart = t < 0 ? s.slice(1) : s.slice(1, t);
  const timePart = t < 0 ? undefined : s.slice(t + 1);
  if (timePart === '') return false;
  const parts: Array<[string, string, boolean]> = [];
  const scan = (text: string, order: string, time: boolean): boolean => {
    DURATION_PART.lastIndex = 0;
    let last = -1;
    while (DURATION_PART.lastIndex < text.length) {
      const m = DURATION_PART.exec(text);
      if (!m) return false;
      const k = order.indexOf(m[2]);
      if (k <= last) return false;
      last = k;
      parts.push([m[1], m[2], time]);
    }
    return true;
  };
  if (!scan(datePart, 'YMWD', false) || (timePart !== undefined && !scan(timePart, 'HMS', true))) return false;
  if (!parts.length) return false;
  const hasW = parts.some(([, d, time]) => d === 'W' && !time);
  if (hasW && parts.some(([, d, time]) => !time && (d === 'Y' || d === 'M'))) return false;
  return parts.every(([n], i) => !n.includes('.') || i === parts.length - 1);
}

/** A JSON number with its source text (instance validation distinguishes `1` from `1.0` and `-0`). */
export class JsonNumber {
  constructor(readonly text: string) {}
  get value(): number {
    return Number(this.text);
  }
}
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DECIMAL = /^[+-]?(0|[1-9]\d*)(\.\d*)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= dim;
}

function inBig(text: string, lo: bigint, hi: bigint): boolean {
  try {
    const b = BigInt(text);
    return b >= lo && b <= hi;
  } catch {
    return false;
  }
}

function primitive(name: string, raw: unknown, path: string): ValueCheck {
  const text = raw instanceof JsonNumber ? raw.text : undefined;
  const v = raw instanceof JsonNumber ? raw.value : raw;
  const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && (text === undefined || /^-?\d+$/.test(text));
  const range = (lo: number, hi: number) => (isInt(v) && v >= lo && v <= hi && !(lo === 0 && text?.startsWith('-')) ? OK : fail(path, `expected ${name} in [${lo}, ${hi}]`));
  switch (name) {
    case 'boolean':
      return typeof v === 'boolean' ? OK : fail(path, 'expected a boolean');
    case 'string':
      return typeof v === 'string' ? OK : fail(path, 'expected a string');
    case 'double':
      return typeof v === 'number' && Number.isFinite(v) ? OK : fail(path, 'expected a number');
    case 'float':
      return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 3.4028234663852886e38 ? OK : fail(path, 'expected a float');
    case 'integer':
      return range(-2147483648, 2147483647);
    case 'long':
      return isInt(v) && inBig(text ?? String(v), -(2n ** 63n), 2n ** 63n - 1n) ? OK : fail(path, 'expected a long integer');
    case 'byte':
      return range(-128, 127);
    case 'short':
      return range(-32768, 32767);
    case 'unsignedByte':
      return range(0, 255);
    case 'unsignedShort':
      return range(0, 65535);
    case 'unsignedInteger':
      return range(0, 4294967295);
    case 'unsignedLong':
      return isInt(v) && v >= 0 && !text?.startsWith('-') && inBig(text ?? String(v), 0n, 2n ** 64n - 1n) ? OK : fail(path, 'expected an unsigned long');
    case 'decimal':
      return typeof v === 'string' && DECIMAL.test(v) ? OK : fail(path, 'expected a decimal string');
    case 'uuid':
      return typeof v === 'string' && UUID.test(v) ? OK : fail(path, 'expected a UUID string');
    case 'bytes':
      return typeof v === 'string' && BASE64.test(v) ? OK : fail(path, 'expected a base64 string');
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      return m && +m[1] > 0 && validDate(+m[1], +m[2], +m[3]) ? OK : fail(path, 'expected an RFC 3339 date');
    }
    case 'time':
      return typeof v === 'string' && TIME.test(v) ? OK : fail(path, 'expected an RFC 3339 time');
    case 'dateTime': {
      const m = typeof v === 'string' ? DATETIME.exec(v) : null;
      return m && +m[1] > 0 && validDate(+m[1], +m[2], +m[3]) ? OK : fail(path, 'expected an RFC 3339 date-time');
    }
    case 'duration':
      return typeof v === 'string' && validDuration(v) ? OK : fail(path, 'expected an ISO 8601 duration');
    default:
      return OK;
  }
}

const GEO: Record<string, { type: string; depth: number }> = {
  point: { type: 'Point', depth: 1 },
  multiPoint: { type: 'MultiPoint', depth: 2 },
  lineString: { type: 'LineString', depth: 2 },
  multiLineString: { type: 'MultiLineString', depth: 3 },
  polygon: { type: 'Polygon', depth: 3 },
  multiPolygon: { type: 'MultiPolygon', depth: 4 },
};

function coords(v: unknown, depth: number): boolean {
  if (!Array.isArray(v)) return false;
  if (depth === 1) return v.length >= 2 && v.length <= 3 && v.every((x) => typeof x === 'number');
  return v.every((x) => coords(x, depth - 1));
}

function first(x: unknown): string | undefined {
  return Array.isArray(x) ? (x[0] as string | undefined) : typeof x === 'string' ? x : undefined;
}

function lastSegment(id: string): string {
  return id.replace(/;\d+(\.\d+)?$/, '').split(':').pop() ?? id;
}

function check(model: ObjectModel, id: string, v: unknown, path: string, depth: number): ValueCheck {
  if (depth > 100) return fail(path, 'schema nesting too deep');
  if (id.startsWith('dtmi:dtdl:instance:Schema:')) return primitive(lastSegment(id), v, path);
  if (!id.startsWith('dtmi:')) return primitive(id, v, path); // a primitive term inside a standard schema
  if (id.startsWith('dtmi:standard:schema:geospatial:')) {
    const g = GEO[lastSegment(id)];
    if (!g) return OK;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'expected a GeoJSON object');
    const o = v as Record<string, unknown>;
    if (o.type !== g.type) return fail(`${path}/type`, `expected type "${g.type}"`);
    return coords(o.coordinates, g.depth) ? OK : fail(`${path}/coordinates`, 'invalid coordinates');
  }
  const el: DtdlElement | undefined = model.elements.get(id);
  if (!el) return fail(path, `unknown schema ${id}`);
  switch (el.type) {
    case 'Property':
    case 'Telemetry':
    case 'Field':
    case 'MapValue': {
      const s = first(el.schema);
      if (v === null && el.nullable === true) return OK;
      return s ? check(model, s, v, path, depth + 1) : fail(path, 'element has no schema');
    }
    case 'Array': {
      if (!Array.isArray(v)) return fail(path, 'expected an array');
      const s = first(el.elementSchema)!;
      for (let i = 0; i < v.length; i++) {
        const r = check(model, s, v[i], `${path}/${i}`, depth + 1);
        if (!r.ok) return r;
      }
      return OK;
    }
    case 'Enum': {
      const vals = ((el.enumValues as string[] | undefined) ?? []).map((e) => model.elements.get(e)?.enumValue);
      const ev = v instanceof JsonNumber ? (/^-?\d+$/.test(v.text) ? v.value : NaN) : v;
      return vals.some((x) => x === ev) ? OK : fail(path, `expected one of ${vals.map((x) => JSON.stringify(x)).join(', ')}`);
    }
    case 'Map': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'expected a JSON object (map)');
      const key = model.elements.get(first(el.mapKey) ?? '');
      const val = first(el.mapValue);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (key && typeof key.schema !== 'undefined') {
          const ks = first(key.schema);
          if (ks) {
            const r = check(model, ks, k, `${path}/${k}`, depth + 1);
            if (!r.ok) return r;
          }
        }
        if (val) {
          const r = check(model, val, x, `${path}/${k}`, depth + 1);
          if (!r.ok) return r;
        }
      }
      return OK;
    }
    case 'Object': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'expected a JSON object');
      const o = v as Record<string, unknown>;
      const fieldIds = (el.fields as unknown[] | undefined) ?? [];
      const byName = new Map<string, string>();
      const inline = new Map<string, string>();
      for (const f of fieldIds) {
        if (typeof f === 'string') {
          const fe = model.elements.get(f);
          if (fe) byName.set(String(fe.name), f);
        } else if (f && typeof f === 'object') {
          // standard schemas (scaledDecimal, geospatial) keep their Fields inline
          const fo = f as Record<string, unknown>;
          if (typeof fo.schema === 'string') inline.set(String(fo.name), fo.schema);
        }
      }
      for (const [k, x] of Object.entries(o)) {
        const fid = byName.get(k);
        const fs = inline.get(k);
        if (!fid && !fs) return fail(`${path}/${k}`, `unknown field '${k}'`);
        const r = fid ? check(model, fid, x, `${path}/${k}`, depth + 1) : check(model, fs!, x, `${path}/${k}`, depth + 1);
        if (!r.ok) return r;
      }
      return OK;
    }
    case 'Command':
    case 'CommandRequest':
    case 'CommandResponse':
    case 'CommandPayload':
    case 'Component':
    case 'Relationship':
    case 'Interface':
      return fail(path, `${el.type} ${id} does not define a value schema`);
    default:
      return OK;
  }
}

/**
 * Checks `value` against an element of the model: a schema (primitive, Array, Enum, Map, Object) or an element
 * that has a schema (Property, Telemetry, Field, MapValue, command payloads). Relationship/Component: any object.
 */
export function validateValue(model: ObjectModel, schemaOrElementId: string, value: unknown): ValueCheck {
  return check(model, schemaOrElementId, value, '', 0);
}

const SCHEMA_TYPES = new Set(['Array', 'Enum', 'Map', 'Object']);

/** Parses JSON text keeping each number's source text (as JsonNumber); undefined when the text is not JSON. */
export function parseInstanceText(text: string): { value: unknown } | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (): never => {
    throw new SyntaxError('bad JSON');
  };
  const value = (depth: number): unknown => {
    if (depth > 512) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const k = str();
        ws();
        if (text[i++] !== ':') fail();
        o[k] = value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i++] !== '}') fail();
        return o;
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i++] !== ']') fail();
        return a;
      }
    }
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0]) {
      i += m[0].length;
      return new JsonNumber(m[0]);
    }
    for (const [lit, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    return fail();
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= n) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  try {
    const v = value(0);
    ws();
    return i === n ? { value: v } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates instance data given as JSON text against an element of the model. Unlike validateValue on parsed values,
 * number formats count: `1.0` is not an integer, `-0` is not unsigned. Malformed JSON does not conform.
 */
export function validateInstanceText(model: ObjectModel, schemaOrElementId: string, text: string): ValueCheck {
  const el = model.elements.get(schemaOrElementId);
  if (el && !SCHEMA_TYPES.has(el.type) && !schemaOrElementId.startsWith('dtmi:dtdl:instance:Schema:')) {
    return { ok: false, path: '/', reason: `${el.type} ${schemaOrElementId} is not a schema` };
  }
  const parsed = parseInstanceText(text);
  if (!parsed) return { ok: false, path: '/', reason: 'not valid JSON' };
  return check(model, schemaOrElementId, parsed.value, '', 0);
}
