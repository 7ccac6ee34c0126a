/**
 * `viewer.connect(source)`: live data from
 *   - the Twinscape app (same origin): its engine's BroadcastChannel `twinscape:<workspaceId>` — listened to
 *     read-only (the viewer posts only presence messages on it, so that the engines include the events; the
 *     channel carries the engine's committed changes `{events}`);
 *   - postMessage from allow-listed origins (protocol in ./messages.ts);
 *   - a WebSocket (`ws:`/`wss:`) or Server-Sent-Events (`http(s):`) URL emitting ADT-shaped change events
 *     (a CloudEvent, an array of them or `{events}` per message, as JSON text).
 * Returns a function that disconnects. Problems are reported through `onError`, never thrown.
 */
import type { EmbedError } from '../errors.ts';
import type { LiveSource } from '../api.ts';
import { toTwinChangeEvents, type TwinChangeEvent } from './events.ts';
import { isAllowedOrigin, parseInboundMessage, type InboundMessage } from './messages.ts';

export type { LiveSource };

export interface LiveSink {
  events(events: TwinChangeEvent[]): void;
  view?(message: Extract<InboundMessage, { kind: 'view' }>): void;
  rejected?(message: Extract<InboundMessage, { kind: 'rejected' }>, reply: ((msg: unknown) => void) | null): void;
  error(error: EmbedError): void;
}

export function normalizeSource(source: LiveSource): Exclude<LiveSource, string> | null {
  if (typeof source !== 'string') return source;
  if (source.startsWith('broadcast:')) return { type: 'broadcast', workspace: source.slice('broadcast:'.length) || 'default' };
  let u: URL;
  try {
    u = new URL(source, typeof location === 'undefined' ? undefined : location.href);
  } catch {
    return null;
  }
  if (u.protocol === 'ws:' || u.protocol === 'wss:') return { type: 'websocket', url: u.href };
  if (u.protocol === 'http:' || u.protocol === 'https:') return { type: 'sse', url: u.href };
  return null;
}

export function connectLive(source: LiveSource, sink: LiveSink): () => void {
  const s = normalizeSource(source);
  if (!s) {
    sink.error({ code: 'BadUrl', message: `Cannot connect to ${String(source)}: use broadcast:<workspace>, a ws(s):// URL, an http(s):// Server-Sent-Events URL, or {type: 'postMessage', origins}.` });
    return () => {};
  }
  switch (s.type) {
    case 'broadcast': {
      if (typeof BroadcastChannel === 'undefined') {
        sink.error({ code: 'ConnectionFailed', message: 'This browser has no BroadcastChannel.' });
        return () => {};
      }
      const ch = new BroadcastChannel(`twinscape:${s.workspace ?? 'default'}`);
      // The engine copies a commit's events onto the channel only while someone listens: the viewer says so with
      // the tabs' presence messages (hello / here / bye). It never posts anything else.
      const self = `viewer-${Math.random().toString(36).slice(2)}`;
      ch.onmessage = (ev: MessageEvent) => {
        const d = ev.data as { kind?: unknown } | null;
        if (d && typeof d === 'object' && d.kind === 'hello') {
          ch.postMessage({ kind: 'here', from: self });
          return;
        }
        const events = toTwinChangeEvents(ev.data);
        if (events.length) sink.events(events);
      };
      ch.postMessage({ kind: 'hello', from: self });
      return () => {
        ch.postMessage({ kind: 'bye', from: self });
        ch.close();
      };
    }
    case 'postMessage': {
      const origins = s.origins ?? [];
      const target = s.target ?? window;
      const onMessage = (ev: MessageEvent) => {
        if (!isAllowedOrigin(ev.origin, origins)) return; // silently: a disallowed origin gets no answer at all
        const m = parseInboundMessage(ev.data);
        const reply = ev.source && 'postMessage' in ev.source ? (msg: unknown) => (ev.source as Window).postMessage(msg, ev.origin) : null;
        if (m.kind === 'events') { if (m.events.length) sink.events(m.events); }
        else if (m.kind === 'view') sink.view?.(m);
        else if (m.kind === 'rejected') sink.rejected?.(m, reply);
      };
      target.addEventListener('message', onMessage);
      return () => target.removeEventListener('message', onMessage);
    }
    case 'websocket': {
      let ws: WebSocket;
      try {
        ws = new WebSocket(s.url);
      } catch (e) {
        sink.error({ code: 'ConnectionFailed', message: `WebSocket ${s.url}: ${(e as Error).message}` });
        return () => {};
      }
      ws.onmessage = (ev) => {
        if (typeof ev.data !== 'string') return;
        const events = toTwinChangeEvents(ev.data);
        if (events.length) sink.events(events);
      };
      ws.onerror = () => sink.error({ code: 'ConnectionFailed', message: `The WebSocket ${s.url} failed.` });
      return () => ws.close();
    }
    case 'sse': {
      const es = new EventSource(s.url, { withCredentials: !!s.withCredentials });
      const on = (ev: MessageEvent) => {
        const events = toTwinChangeEvents(ev.data);
        if (events.length) sink.events(events);
      };
      es.onmessage = on;
      for (const t of ['Microsoft.DigitalTwins.Twin.Update', 'Microsoft.DigitalTwins.Twin.Create', 'Microsoft.DigitalTwins.Twin.Delete']) es.addEventListener(t, on as EventListener);
      let reported = false;
      es.onerror = () => {
        if (es.readyState === EventSource.CLOSED && !reported) {
          reported = true;
          sink.error({ code: 'ConnectionFailed', message: `The event stream ${s.url} closed.` });
        }
      };
      return () => es.close();
    }
  }
}
