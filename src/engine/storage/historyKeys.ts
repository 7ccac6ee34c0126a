import type { HistoryRow } from './Store.ts';

/** Index keys of a history row: the twin it belongs to and the property (or relationship name). */
export function historyIndexKeys(row: HistoryRow): { _id: string; _key: string } {
  switch (row.table) {
    case 'AdtPropertyEvents':
      return { _id: row.Id, _key: row.Key };
    case 'AdtTwinLifeCycleEvents':
      return { _id: row.TwinId, _key: '' };
    case 'AdtRelationshipLifeCycleEvents':
      return { _id: row.Source, _key: row.Name };
  }
}

/** The string a history chunk indexes for a row (multiEntry): table, twin, key; a twin's rows share its prefix. */
export function historyChunkKey(table: string, id: string, key: string): string {
  return `${table}\u0000${id}\u0000${key}`;
}
