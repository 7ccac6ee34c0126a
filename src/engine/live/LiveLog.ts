/**
 * The in-app live log: a bounded ring of entries (routed events, function output and failures, simulator and
 * source problems). Readers page with `after` (the last seq they saw) and filter by kind and text; the UI pauses
 * by not reading. Oldest entries fall off past `capacity` and are counted in `dropped`.
 */
import type { CloudEvent } from '../types.ts';

export type LiveLogKind = 'event' | 'function' | 'route' | 'simulator' | 'source' | 'system';
export type LiveLogLevel = 'info' | 'warn' | 'error';

export interface LiveLogEntry {
  seq: number;
  time: string;
  kind: LiveLogKind;
  level: LiveLogLevel;
  /** Route id, function name, generator id... */
  source: string;
  message: string;
  event?: CloudEvent;
}

export interface LiveLogQuery {
  after?: number;
  kinds?: LiveLogKind[];
  /** Case-insensitive substring of message, source, event type or subject. */
  text?: string;
  limit?: number;
}

export interface LiveLogPage {
  entries: LiveLogEntry[];
  lastSeq: number;
  dropped: number;
}

export class LiveLog {
  private ring: LiveLogEntry[] = [];
  private seq = 0;
  private dropped = 0;

  constructor(private capacity = 5000, private now: () => string = () => new Date().toISOString()) {}

  add(entry: Omit<LiveLogEntry, 'seq' | 'time'>): LiveLogEntry {
    const e: LiveLogEntry = { seq: ++this.seq, time: this.now(), ...entry };
    this.ring.push(e);
    if (this.ring.length > this.capacity) {
      const over = this.ring.length - this.capacity;
      this.ring.splice(0, over);
      this.dropped += over;
    }
    return e;
  }

  list(q: LiveLogQuery = {}): LiveLogPage {
    const after = q.after ?? 0;
    const limit = Math.max(1, Math.min(q.limit ?? 500, 5000));
    const text = q.text?.trim().toLowerCase() ?? '';
    const kinds = q.kinds && q.kinds.length ? new Set(q.kinds) : null;
    const out: LiveLogEntry[] = [];
    // Newest last; when more than `limit` match, keep the newest ones.
    for (let k = this.ring.length - 1; k >= 0 && out.length < limit; k--) {
      const e = this.ring[k]!;
      if (e.seq <= after) break;
      if (kinds && !kinds.has(e.kind)) continue;
      if (text && !matchesText(e, text)) continue;
      out.push(e);
    }
    out.reverse();
    return { entries: out, lastSeq: this.seq, dropped: this.dropped };
  }

  clear(): void {
    this.ring = [];
  }
}

function matchesText(e: LiveLogEntry, text: string): boolean {
  return (
    e.message.toLowerCase().includes(text) ||
    e.source.toLowerCase().includes(text) ||
    (!!e.event && (e.event.type.toLowerCase().includes(text) || eventTwinId(e.event).toLowerCase().includes(text)))
  );
}

/** The twin an event is about: telemetry names it in `source` (…/digitaltwins/<id>), the others in `subject`. */
export function eventTwinId(event: CloudEvent): string {
  if (event.type === 'microsoft.iot.telemetry') {
    const at = event.source.lastIndexOf('/digitaltwins/');
    return at >= 0 ? event.source.slice(at + '/digitaltwins/'.length) : event.subject;
  }
  return event.subject;
}
