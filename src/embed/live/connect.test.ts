import '../testing/nodeGlobals.ts';
import { describe, expect, it } from 'vitest';
import { connectLive, normalizeSource } from './connect.ts';
import type { TwinChangeEvent } from './events.ts';

function fakeWindow() {
  return new EventTarget() as unknown as Window;
}
const post = (target: Window, origin: string, data: unknown) => (target as unknown as EventTarget).dispatchEvent(new MessageEvent('message', { data, origin }));

describe('connectLive', () => {
  it('postMessage: only allow-listed origins are heard; writes are refused; disconnect stops listening', () => {
    const target = fakeWindow();
    const got: TwinChangeEvent[] = [];
    const refused: string[] = [];
    const off = connectLive({ type: 'postMessage', origins: ['https://host.example'], target }, {
      events: (e) => got.push(...e), rejected: (m) => refused.push(m.code), error: () => {},
    });
    const update = { type: 'twinscape:update-twin', twinId: 'Room-101', patch: { temperature: 30 } };
    post(target, 'https://evil.example', update);
    post(target, 'https://evil.example', { type: 'twinscape:delete-twin', twinId: 'Room-101' });
    expect(got).toHaveLength(0);
    expect(refused).toEqual([]);
    post(target, 'https://host.example', update);
    post(target, 'https://host.example', { type: 'twinscape:delete-twin', twinId: 'Room-101' });
    expect(got.map((e) => e.subject)).toEqual(['Room-101']);
    expect(refused).toEqual(['ReadOnly']);
    off();
    post(target, 'https://host.example', update);
    expect(got).toHaveLength(1);
  });

  it('reads source strings', () => {
    expect(normalizeSource('broadcast:ws1')).toEqual({ type: 'broadcast', workspace: 'ws1' });
    expect(normalizeSource('wss://x.example/feed')).toEqual({ type: 'websocket', url: 'wss://x.example/feed' });
    expect(normalizeSource('https://x.example/sse')).toEqual({ type: 'sse', url: 'https://x.example/sse' });
    expect(normalizeSource('ftp://x.example/')).toBeNull();
  });

  it('reports an unusable source as an error value', () => {
    const errors: string[] = [];
    connectLive('ftp://x.example/', { events: () => {}, error: (e) => errors.push(e.code) });
    expect(errors).toEqual(['BadUrl']);
  });
});
