/** The app's top-level views. The path is the source of truth: views are bookmarkable and reloadable. */
export type ViewId = 'explorer' | 'scenes' | 'live';

export interface ViewRoute {
  id: ViewId;
  path: string;
  label: string;
  /** Keyboard shortcut (with Alt) that opens the view. */
  key: string;
}

export const views: ViewRoute[] = [
  { id: 'explorer', path: '/explorer', label: 'Explorer', key: '1' },
  { id: 'scenes', path: '/scenes', label: 'Scenes', key: '2' },
  { id: 'live', path: '/live', label: 'Live', key: '3' },
];

export function viewForPath(pathname: string): ViewRoute {
  return views.find((v) => pathname === v.path || pathname.startsWith(v.path + '/')) ?? views[0]!;
}
