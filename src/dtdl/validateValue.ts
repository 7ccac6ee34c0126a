/** Instance-data validation: does a JSON value conform to a schema, Property, Telemetry, Field or MapValue? */
import type { DtdlElement, ObjectModel, ValueCheck } from './types.ts';

const OK: ValueCheck = { ok: true };

function fail(path: string, reason: string): ValueCheck {
  return { ok: false, path: path || '/', reason };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= dim;
}

function primitive(name: string, v: unknown, path: string): ValueCheck {
  const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
  const range = (lo: number, hi: number) => (isInt(v) && v >= lo && v <= hi ? OK : fail(path, `expected ${name} in [${lo}, ${hi}]`));
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
      return isInt(v) ? OK : fail(path, 'expected a long integer');
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
      return isInt(v) && v >= 0 ? OK : fail(path, 'expected an unsigned long');
    case 'decimal':
      return typeof v === 'string' && DECIMAL.test(v) ? OK : fail(path, 'expected a decimal string');
    case 'uuid':
      return typeof v === 'string' && UUID.test(v) ? OK : fail(path, 'expected a UUID string');
    case 'bytes':
      return typeof v === 'string' && BASE64.test(v) ? OK : fail(path, 'expected a base64 string');
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      return m && validDate(+m[1], +m[2], +m[3]) ? OK : fail(path, 'expected an RFC 3339 date');
    }
    case 'time':
      return typeof v === 'string' && TIME.test(v) ? OK : fail(path, 'expected an RFC 3339 time');
    case 'dateTime': {
      const m = typeof v === 'string' ? DATETIME.exec(v) : null;
      return m && validDate(+m[1], +m[2], +m[3]) ? OK : fail(path, 'expected an RFC 3339 date-time');
    }
    case 'duration':
      return typeof v === 'string' && DURATION.test(v) ? OK : fail(path, 'expected an ISO 8601 duration');
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
    case 'MapValue':
    case 'CommandRequest':
    case 'CommandResponse':
    case 'CommandPayload': {
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
      return vals.some((x) => x === v) ? OK : fail(path, `expected one of ${vals.map((x) => JSON.stringify(x)).join(', ')}`);
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
      for (const f of fieldIds) {
        if (typeof f === 'string') {
          const fe = model.elements.get(f);
          if (fe) byName.set(String(fe.name), f);
        }
      }
      for (const [k, x] of Object.entries(o)) {
        const fid = byName.get(k);
        if (!fid) return fail(`${path}/${k}`, `unknown field '${k}'`);
        const r = check(model, fid, x, `${path}/${k}`, depth + 1);
        if (!r.ok) return r;
      }
      return OK;
    }
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
