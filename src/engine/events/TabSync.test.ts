import { describe, expect, it } from 'vitest';
import { TabSync, type BroadcastChannelLike } from './TabSync.ts';
import type { CommittedChange } from '../LocalEngine.ts';
import type { CloudEvent } from '../types.ts';

/** An in-memory channel hub: like BroadcastChannel, a message reaches every other open channel, asynchronously. */
function hub() {
  const open = new Set<BroadcastChannelLike>();
  const sent: unknown[] = [];
  const make = (): BroadcastChannelLike => {
    const ch: BroadcastChannelLike = {
      onmessage: null,
      postMessage(msg) {
        if (!open.has(ch)) throw new Error('closed');
        sent.push(msg);
        const copy = structuredClone(msg);
        for (const other of open) if (other !== ch) queueMicrotask(() => other.onmessage?.({ data: copy }));
      },
      close() {
        open.delete(ch);
      },
    };
    open.add(ch);
    return ch;
  };
  return { make, sent };
}
const tick = () => new Promise((r) => setTimeout(r, 0));
const ev = { type: 'Microsoft.DigitalTwins.Twin.Update', subject: 'r1' } as unknown as CloudEvent;
const change = (): CommittedChange => ({ twins: ['r1'], relationships: [], models: false, reloadAll: false, events: [ev] });

describe('TabSync', () => {
  it('announces every change but copies its events only while another tab listens', async () => {
    const h = hub();
    const a = new TabSync(h.make());
    const gotA: CommittedChange[] = [];
    a.attach((c) => gotA.push(c));
    a.post(change());
    const alone = h.sent.at(-1) as { change: CommittedChange };
    expect(alone.change.twins).toEqual(['r1']);
    expect(alone.change.events).toEqual([]);

    const b = new TabSync(h.make());
    const gotB: CommittedChange[] = [];
    await tick();
    expect(a.listened && b.listened).toBe(true);
    a.post(change());
    await tick();
    // b was still loading: the change waits for it.
    expect(gotB).toEqual([]);
    b.attach((c) => gotB.push(c));
    expect(gotB.map((c) => c.events.length)).toEqual([1]);
    b.post(change());
    await tick();
    expect(gotA.map((c) => c.events.length)).toEqual([1]);

    b.close();
    await tick();
    expect(a.listened).toBe(false);
    a.post(change());
    expect((h.sent.at(-1) as { change: CommittedChange }).change.events).toEqual([]);
  });
});
