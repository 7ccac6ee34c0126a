/**
 * Query history and named saved queries, per workspace. The engine offers no settings API (TwinEngine has
 * none), so they live in localStorage under `twinscape:queries:<workspaceId>`, versioned.
 */

export interface SavedQuery {
  name: string;
  query: string;
}

export interface QueryBook {
  version: 1;
  /** Most recent first, no consecutive duplicates, capped. */
  history: Array<{ query: string; at: string }>;
  saved: SavedQuery[];
}

export const HISTORY_LIMIT = 50;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const storageKey = (workspaceId: string) => `twinscape:queries:${workspaceId}`;

const empty = (): QueryBook => ({ version: 1, history: [], saved: [] });

export function loadBook(storage: KeyValueStorage | undefined, workspaceId: string): QueryBook {
  try {
    const raw = storage?.getItem(storageKey(workspaceId));
    if (!raw) return empty();
    const v = JSON.parse(raw) as Partial<QueryBook>;
    if (v.version !== 1) return empty();
    return {
      version: 1,
      history: Array.isArray(v.history) ? v.history.filter((h) => h && typeof h.query === 'string') : [],
      saved: Array.isArray(v.saved) ? v.saved.filter((s) => s && typeof s.name === 'string' && typeof s.query === 'string') : [],
    };
  } catch {
    return empty();
  }
}

export function saveBook(storage: KeyValueStorage | undefined, workspaceId: string, book: QueryBook): void {
  try {
    storage?.setItem(storageKey(workspaceId), JSON.stringify(book));
  } catch {
    // Quota or privacy mode: history is a convenience, never a reason to fail a query.
  }
}

export function addToHistory(book: QueryBook, query: string, at: string): QueryBook {
  const q = query.trim();
  if (!q) return book;
  const history = [{ query: q, at }, ...book.history.filter((h) => h.query !== q)].slice(0, HISTORY_LIMIT);
  return { ...book, history };
}

/** Saves under a name; the same name replaces the earlier query. */
export function saveQuery(book: QueryBook, name: string, query: string): QueryBook {
  const n = name.trim();
  if (!n) return book;
  const saved = [...book.saved.filter((s) => s.name !== n), { name: n, query }].sort((a, b) => a.name.localeCompare(b.name));
  return { ...book, saved };
}

export function deleteSaved(book: QueryBook, name: string): QueryBook {
  return { ...book, saved: book.saved.filter((s) => s.name !== name) };
}
