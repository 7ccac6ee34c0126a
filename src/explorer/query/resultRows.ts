/**
 * Query results in every shape ADT returns: whole twins (`SELECT *`), aliased twins from JOIN/MATCH
 * (`SELECT F, R`), relationships, projections (`SELECT T.name AS n`) and aggregates (`SELECT COUNT()`).
 * Pure functions: graph extraction, table columns and cells, sorting, CSV.
 */

export interface TwinLike {
  $dtId: string;
  $metadata: { $model: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface RelationshipLike {
  $relationshipId: string;
  $sourceId: string;
  $targetId: string;
  $relationshipName: string;
  [k: string]: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function isTwin(v: unknown): v is TwinLike {
  return isObject(v) && typeof v.$dtId === 'string' && isObject(v.$metadata) && typeof v.$metadata.$model === 'string';
}

export function isRelationship(v: unknown): v is RelationshipLike {
  return isObject(v) && typeof v.$relationshipId === 'string' && typeof v.$sourceId === 'string' && typeof v.$targetId === 'string';
}

/** Twins and relationships anywhere in the rows (JOIN projections unwrap), each once. */
export function extractGraph(rows: unknown[]): { twins: TwinLike[]; relationships: RelationshipLike[] } {
  const twins = new Map<string, TwinLike>();
  const relationships = new Map<string, RelationshipLike>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (isTwin(v)) {
      twins.set(v.$dtId, v);
      return;
    }
    if (isRelationship(v)) {
      relationships.set(`${v.$sourceId}\u0000${v.$relationshipId}`, v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (isObject(v)) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  for (const r of rows) walk(r, 0);
  return { twins: [...twins.values()], relationships: [...relationships.values()] };
}

/** One flat record per row: `alias.prop` paths; twins' `$metadata` reduced to `$metadata.$model`. */
export function flattenRow(row: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (prefix: string, v: unknown, depth: number) => {
    if (isObject(v) && depth < 2) {
      const keys = Object.keys(v);
      if (!keys.length) {
        out[prefix] = v;
        return;
      }
      for (const k of keys) {
        const path = prefix ? `${prefix}.${k}` : k;
        if (k === '$metadata' && isObject(v[k])) {
          const model = (v[k] as Record<string, unknown>).$model;
          if (model !== undefined) out[`${path}.$model`] = model;
          continue;
        }
        put(path, v[k], depth + 1);
      }
      return;
    }
    out[prefix || 'value'] = v;
  };
  put('', row, 0);
  return out;
}

/** Column order: first appearance across rows, `$dtId`-like columns first within each alias. */
export function tableColumns(flat: Array<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  const cols: string[] = [];
  for (const r of flat) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        cols.push(k);
      }
    }
  }
  const weight = (c: string) => {
    const last = c.split('.').pop()!;
    if (last === '$dtId' || last === '$relationshipId') return 0;
    if (last === '$sourceId' || last === '$targetId' || last === '$relationshipName') return 1;
    if (c.endsWith('$metadata.$model')) return 2;
    if (last === '$etag') return 9;
    return 5;
  };
  const group = (c: string) => (c.includes('.') && !c.startsWith('$') ? c.slice(0, c.indexOf('.')) : '');
  const groups: string[] = [];
  for (const c of cols) if (!groups.includes(group(c))) groups.push(group(c));
  return [...cols].sort((a, b) => groups.indexOf(group(a)) - groups.indexOf(group(b)) || weight(a) - weight(b) || cols.indexOf(a) - cols.indexOf(b));
}

export function cellText(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export type SortDir = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true });

/** Stable sort: numbers numerically, booleans, strings by locale; missing values last in both directions. */
export function sortRows<T extends Record<string, unknown>>(rows: T[], column: string, dir: SortDir): T[] {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'string' ? 2 : v === undefined ? 9 : v === null ? 8 : 3);
  const indexed = rows.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => {
    const va = a.r[column];
    const vb = b.r[column];
    const ra = rank(va);
    const rb = rank(vb);
    if (ra >= 8 || rb >= 8) return ra - rb || a.i - b.i;
    let c = ra - rb;
    if (!c) {
      if (typeof va === 'number' && typeof vb === 'number') c = va - vb;
      else if (typeof va === 'boolean' && typeof vb === 'boolean') c = Number(va) - Number(vb);
      else c = collator.compare(cellText(va), cellText(vb));
    }
    return (dir === 'asc' ? c : -c) || a.i - b.i;
  });
  return indexed.map((x) => x.r);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row; objects as JSON; CRLF line ends. */
export function toCsv(columns: string[], rows: Array<Record<string, unknown>>): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(cellText(r[c]))).join(','));
  return lines.join('\r\n') + '\r\n';
}
