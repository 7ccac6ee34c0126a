import { useSyncExternalStore } from 'react';

// Two-view routing over the History API: small enough that a router library would be mostly unused weight.
const subscribers = new Set<() => void>();
window.addEventListener('popstate', () => subscribers.forEach((notify) => notify()));

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  subscribers.forEach((notify) => notify());
}

/** The current pathname; re-renders on navigation. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
