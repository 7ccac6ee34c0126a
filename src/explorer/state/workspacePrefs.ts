/**
 * Per-workspace explorer preferences kept in localStorage (small values only: display-name property, pinned
 * positions). Versioned; an unreadable or foreign value is ignored, never thrown.
 */
const VERSION = 1;

export interface ExplorerPrefs {
  displayNameProperty: string;
  /** Node positions remembered per workspace (twin id -> model coordinates). */
  positions: Record<string, { x: number; y: number }>;
  pinned: string[];
  layout: string;
}

export const defaultPrefs: ExplorerPrefs = { displayNameProperty: '$dtId', positions: {}, pinned: [], layout: 'dagre' };

function key(workspaceId: string): string {
  return `twinscape.explorer.${workspaceId}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadPrefs(workspaceId: string): ExplorerPrefs {
  const s = storage();
  const raw = s?.getItem(key(workspaceId));
  if (!raw) return { ...defaultPrefs };
  try {
    const parsed = JSON.parse(raw) as { version?: number; prefs?: Partial<ExplorerPrefs> };
    if (parsed.version !== VERSION || !parsed.prefs) return { ...defaultPrefs };
    return { ...defaultPrefs, ...parsed.prefs };
  } catch {
    return { ...defaultPrefs };
  }
}

export function savePrefs(workspaceId: string, prefs: ExplorerPrefs): void {
  const s = storage();
  try {
    s?.setItem(key(workspaceId), JSON.stringify({ version: VERSION, prefs }));
  } catch {
    // Quota or privacy mode: preferences are a convenience, the graph works without them.
  }
}
