/**
 * Webhook endpoint: HTTP POST of each routed CloudEvent (structured mode, application/cloudevents+json),
 * retried with exponential backoff on network errors, 408, 429 and 5xx; other 4xx and the last failed attempt
 * go to the dead-letter list. Deliveries run one at a time in order through a bounded queue.
 */
import type { CloudEvent } from '../types.ts';
import type { DeadLetter } from './types.ts';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

export interface WebhookOptions {
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => string;
}

const MAX_QUEUE = 10_000;

export class WebhookEndpoint {
  delivered = 0;
  failed = 0;
  readonly deadLetters: DeadLetter[] = [];
  private queue: Array<{ event: CloudEvent; routeId: string }> = [];
  private busy = false;
  private attempts: number;
  private baseDelayMs: number;
  private sleep: (ms: number) => Promise<void>;
  private now: () => string;

  constructor(readonly name: string, readonly url: string, private fetcher: FetchLike, opts: WebhookOptions = {}) {
    this.attempts = opts.attempts ?? 4;
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? (() => new Date().toISOString());
  }

  deliver(event: CloudEvent, routeId: string): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.dead(event, routeId, 0, `the delivery queue is full (${MAX_QUEUE})`);
      return;
    }
    this.queue.push({ event, routeId });
    if (!this.busy) void this.drain();
  }

  async idle(): Promise<void> {
    while (this.busy || this.queue.length) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length) {
        const { event, routeId } = this.queue.shift()!;
        await this.send(event, routeId);
      }
    } finally {
      this.busy = false;
    }
  }

  private async send(event: CloudEvent, routeId: string): Promise<void> {
    let reason = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let retry: boolean;
      try {
        const res = await this.fetcher(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
          body: JSON.stringify(event),
        });
        if (res.status >= 200 && res.status < 300) {
          this.delivered++;
          return;
        }
        reason = `HTTP ${res.status}`;
        retry = res.status === 408 || res.status === 429 || res.status >= 500;
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
        retry = true;
      }
      this.failed++;
      if (!retry) {
        this.dead(event, routeId, attempt, reason);
        return;
      }
      if (attempt < this.attempts) await this.sleep(this.baseDelayMs * 2 ** (attempt - 1));
    }
    this.dead(event, routeId, this.attempts, reason);
  }

  private dead(event: CloudEvent, routeId: string, attempts: number, reason: string): void {
    this.deadLetters.push({ endpointName: this.name, routeId, eventId: event.id, eventType: event.type, attempts, reason, time: this.now() });
    if (this.deadLetters.length > 1000) this.deadLetters.shift();
  }
}
