/**
 * ADT Explorer's spreadsheet import layout (ModelID | ID (must be unique) | Relationship (From) |
 * Relationship Name | Init Data | Relationship Init Data) turned into an ADT Explorer graph file.
 * Headers are matched by name (any order, case and spacing ignored) or, when the header row names none of
 * them, by position. Relationship ids are derived from (source, name, target), so importing the same sheet
 * twice upserts the same relationships instead of adding copies (ADT Explorer #260).
 */
import type { Cell } from './xlsx.ts';

export const SHEET_COLUMNS = ['ModelID', 'ID (must be unique)', 'Relationship (From)', 'Relationship Name', 'Init Data', 'Relationship Init Data'] as const;
type Column = 'model' | 'id' | 'from' | 'name' | 'init' | 'relInit';
const KEYS: Column[] = ['model', 'id', 'from', 'name', 'init', 'relInit'];

const ALIASES: Record<Column, string[]> = {
  model: ['modelid', 'model', 'model id', '$model'],
  id: ['id (must be unique)', 'id', '$dtid', 'twin id'],
  from: ['relationship (from)', 'relationship from', 'from', 'source'],
  name: ['relationship name', 'relationship', '$relationshipname'],
  init: ['init data', 'initdata', 'properties'],
  relInit: ['relationship init data', 'relationship properties'],
};

export interface SheetRowError {
  row: number;
  message: string;
}

export interface SheetGraph {
  twins: Array<Record<string, unknown>>;
  relationships: Array<Record<string, unknown>>;
  errors: SheetRowError[];
  /** How the columns were found. */
  headerMode: 'names' | 'positions';
}

function norm(s: Cell | undefined): string {
  return s === null || s === undefined ? '' : String(s).trim();
}

function mapHeader(header: Cell[]): { map: Record<Column, number>; mode: 'names' | 'positions' } {
  const map = {} as Record<Column, number>;
  const names = header.map((h) => norm(h).toLowerCase().replace(/\s+/g, ' '));
  let found = 0;
  for (const k of KEYS) {
    const idx = names.findIndex((n) => ALIASES[k].includes(n));
    if (idx >= 0) {
      map[k] = idx;
      found++;
    }
  }
  if (found >= 2 && map.id !== undefined) {
    for (const k of KEYS) if (map[k] === undefined) map[k] = -1;
    return { map, mode: 'names' };
  }
  KEYS.forEach((k, i) => (map[k] = i));
  return { map, mode: 'positions' };
}

/** FNV-1a 64-bit as 16 hex digits (stable relationship ids). */
export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

export function relationshipIdFor(source: string, name: string, target: string): string {
  return `${name}-${stableHash(`${source}\u0000${name}\u0000${target}`)}`;
}

function parseObject(text: string, what: string, row: number, errors: SheetRowError[]): Record<string, unknown> | undefined {
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    errors.push({ row, message: `${what} must be a JSON object like {"temperature": 21}` });
  } catch (e) {
    errors.push({ row, message: `${what} is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  return undefined;
}

/** Rows (first row = header) to twins and relationships. Row numbers in errors are 1-based sheet rows. */
export function sheetToGraph(rows: Cell[][]): SheetGraph {
  const errors: SheetRowError[] = [];
  const twins: Array<Record<string, unknown>> = [];
  const relationships: Array<Record<string, unknown>> = [];
  if (!rows.length) return { twins, relationships, errors: [{ row: 1, message: 'the sheet is empty' }], headerMode: 'positions' };
  const { map, mode } = mapHeader(rows[0]);
  const get = (r: Cell[], k: Column) => (map[k] >= 0 ? norm(r[map[k]]) : '');
  const twinRow = new Map<string, number>();
  const relIds = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const rowNo = i + 1;
    if (r.every((c) => norm(c) === '')) continue;
    const id = get(r, 'id');
    if (!id) {
      errors.push({ row: rowNo, message: `"${SHEET_COLUMNS[1]}" is empty` });
      continue;
    }
    const model = get(r, 'model');
    if (model) {
      if (twinRow.has(id)) errors.push({ row: rowNo, message: `twin ${id} is already defined on row ${twinRow.get(id)}` });
      else if (!/^dtmi:[A-Za-z]/.test(model)) errors.push({ row: rowNo, message: `"${model}" is not a model id (dtmi:...;1)` });
      else {
        const init = parseObject(get(r, 'init'), 'Init Data', rowNo, errors);
        if (init) {
          twinRow.set(id, rowNo);
          const { $dtId: _d, $metadata: meta, $etag: _e, ...props } = init;
          const metadata = meta && typeof meta === 'object' ? { ...(meta as object), $model: model } : { $model: model };
          twins.push({ $dtId: id, $metadata: metadata, ...props });
        }
      }
    }
    const from = get(r, 'from');
    if (from) {
      const name = get(r, 'name');
      if (!name) {
        errors.push({ row: rowNo, message: `"${SHEET_COLUMNS[3]}" is required when "${SHEET_COLUMNS[2]}" is set` });
        continue;
      }
      const props = parseObject(get(r, 'relInit'), 'Relationship Init Data', rowNo, errors);
      if (!props) continue;
      const relId = relationshipIdFor(from, name, id);
      if (relIds.has(relId)) continue;
      relIds.add(relId);
      relationships.push({ $relationshipId: relId, $sourceId: from, $targetId: id, $relationshipName: name, $properties: props });
    } else if (!model) {
      errors.push({ row: rowNo, message: `neither "${SHEET_COLUMNS[0]}" (create a twin) nor "${SHEET_COLUMNS[2]}" (create a relationship) is set` });
    }
  }
  return { twins, relationships, errors, headerMode: mode };
}

/** The ADT Explorer graph file (fileVersion 1.0.0) for a sheet. */
export function graphFile(g: Pick<SheetGraph, 'twins' | 'relationships'>, models: unknown[] = []): string {
  return JSON.stringify({
    digitalTwinsFileInfo: { fileVersion: '1.0.0' },
    digitalTwinsGraph: { digitalTwins: g.twins, relationships: g.relationships },
    digitalTwinsModels: models,
  });
}
