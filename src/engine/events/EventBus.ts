/** Subscribers of committed CloudEvent batches, called in commit order. A throwing listener is skipped, not fatal. */
import type { CloudEvent } from '../types.ts';

export class EventBus {
  private next = 1;
  private listeners = new Map<number, (events: CloudEvent[]) => void>();

  subscribe(listener: (events: CloudEvent[]) => void): number {
    const id = this.next++;
    this.listeners.set(id, listener);
    return id;
  }

  unsubscribe(id: number): void {
    this.listeners.delete(id);
  }

  emit(events: CloudEvent[]): void {
    if (!events.length) return;
    for (const [id, l] of this.listeners) {
      try {
        const r = l(events) as unknown;
        // comlink proxies return promises; a closed port rejects: drop that listener.
        if (r && typeof (r as Promise<unknown>).catch === 'function') (r as Promise<unknown>).catch(() => this.listeners.delete(id));
      } catch (_e) {
        // A buggy in-process listener must not stop the others.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
