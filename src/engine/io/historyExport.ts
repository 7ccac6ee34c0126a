/**
 * Data history as files: the rows of one of ADT data history's tables as CSV (RFC 4180, a header row with ADT's column
 * names in ADT's order) or NDJSON (one JSON object per row, ADT's column names, values with their JSON types).
 * @see ../shared/reference/adt-api.md §5 ("exportable as CSV/NDJSON")
 * CSV cells: strings, numbers and booleans as they are; objects and arrays (a `dynamic` Value) as JSON, like ADX shows
 * them; absent or null values empty. NDJSON is the lossless one (a string "42" and the number 42 stay apart).
 */
import type { HistoryRow } from '../storage/Store.ts';

export type HistoryTable = HistoryRow['table'];
export type HistoryFileFormat = 'csv' | 'ndjson';

/** ADT's columns of each table, in ADT's order. */
export const HISTORY_COLUMNS: Record<HistoryTable, readonly string[]> = {
  AdtPropertyEvents: ['TimeStamp', 'SourceTimeStamp', 'ServiceId', 'Id', 'ModelId', 'Key', 'Value', 'RelationshipId', 'RelationshipTarget', 'Action'],
  AdtTwinLifeCycleEvents: ['TwinId', 'Action', 'TimeStamp', 'ServiceId', 'ModelId'],
  AdtRelationshipLifeCycleEvents: ['RelationshipId', 'Name', 'Action', 'TimeStamp', 'ServiceId', 'Source', 'Target'],
};

export function isHistoryTable(t: unknown): t is HistoryTable {
  return typeof t === 'string' && Object.prototype.hasOwnProperty.call(HISTORY_COLUMNS, t);
}

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows (all of `table`) as a file; ends with a newline (CRLF line ends in CSV, as RFC 4180 writes them). */
export function historyToText(table: HistoryTable, rows: readonly HistoryRow[], format: HistoryFileFormat): string {
  const cols = HISTORY_COLUMNS[table];
  const out: string[] = [];
  if (format === 'csv') {
    out.push(cols.join(','));
    for (const row of rows) {
      const r = row as unknown as Record<string, unknown>;
      out.push(cols.map((c) => csvCell(r[c])).join(','));
    }
    return `${out.join('\r\n')}\r\n`;
  }
  for (const row of rows) {
    const r = row as unknown as Record<string, unknown>;
    const o: Record<string, unknown> = {};
    for (const c of cols) if (r[c] !== undefined) o[c] = r[c];
    out.push(JSON.stringify(o));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
