/**
 * Continuation tokens. A token is opaque to callers (base64url JSON) but self-contained: it carries the query
 * text (ADT ignores `query` when a token is sent), how many rows were already returned, the source version
 * and the id of a live cursor.
 *
 * Consistency: while the live cursor is cached (the last 64 cursors per source), the next page continues the
 * very same lazy iteration, so no row is returned twice or skipped even if the graph changed in between
 * (rows changed after the first page may show their new state). When the cursor is gone (evicted, other
 * process), the query is re-run and the rows already returned are skipped: exact when the graph did not
 * change (iteration order is deterministic), best effort otherwise — as ADT, which is eventually consistent.
 */
import type { Tick } from './executePlan.ts';

export interface TokenState {
  /** Query text. */
  q: string;
  /** Rows already returned. */
  o: number;
  /** Source version when the cursor was created. */
  s: number;
  /** Live cursor id. */
  c: string;
}

export function encodeToken(state: TokenState): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 1, ...state }));
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeToken(token: string): TokenState | undefined {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const b64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    const o = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Record<string, unknown>;
    if (o.v !== 1 || typeof o.q !== 'string' || typeof o.c !== 'string') return undefined;
    if (typeof o.o !== 'number' || !Number.isInteger(o.o) || o.o < 0 || typeof o.s !== 'number') return undefined;
    return { q: o.q, o: o.o, s: o.s, c: o.c };
  } catch (_e) {
    return undefined;
  }
}

/** Execution clock shared by a cursor across pages: each page gets a fresh deadline. */
export interface Clock {
  deadline: number;
  tick: Tick;
}

export class QueryTimeout extends Error {}

export function createClock(timeoutMs: number): Clock {
  let n = 0;
  const clock: Clock = {
    deadline: Date.now() + timeoutMs,
    tick: () => {
      if ((++n & 1023) === 0 && Date.now() > clock.deadline) throw new QueryTimeout('query timed out');
    },
  };
  return clock;
}

export interface Cursor {
  id: string;
  iterator: Iterator<unknown>;
  /** Rows returned so far. */
  offset: number;
  /** A row read ahead to learn whether another page exists. */
  lookahead: IteratorResult<unknown>;
  clock: Clock;
}

const MAX_CURSORS = 64;

/** Live cursors per source, least recently used first. */
export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();
  private seq = 0;

  newId(): string {
    this.seq++;
    return `${Date.now().toString(36)}.${this.seq.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  }

  take(id: string, offset: number): Cursor | undefined {
    const c = this.cursors.get(id);
    if (!c || c.offset !== offset) return undefined;
    this.cursors.delete(id);
    return c;
  }

  put(c: Cursor): void {
    this.cursors.set(c.id, c);
    while (this.cursors.size > MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value as string;
      const old = this.cursors.get(oldest);
      this.cursors.delete(oldest);
      old?.iterator.return?.();
    }
  }
}
