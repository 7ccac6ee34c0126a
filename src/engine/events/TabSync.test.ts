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
    const alone = h.sent.at(-1) as CommittedChange;
    expect(alone.twins).toEqual(['r1']);
    expect(alone.events).toEqual([]);

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
    expect((h.sent.at(-1) as CommittedChange).events).toEqual([]);
  });

  it('a read-only listener that says hello gets each change with its events at the top level', async () => {
    const h = hub();
    const a = new TabSync(h.make());
    a.attach(() => {});
    // Like the embedded viewer's `broadcast:` source: presence messages only, never a change.
    const viewer = h.make();
    const seen: unknown[] = [];
    viewer.onmessage = (m) => {
      const d = m.data as { kind?: string };
      if (d.kind === 'hello') viewer.postMessage({ kind: 'here', from: 'viewer' });
      else seen.push(d);
    };
    viewer.postMessage({ kind: 'hello', from: 'viewer' });
    await tick();
    expect(seen).toEqual([{ kind: 'here', from: expect.any(String) }]);
    a.post(change());
    await tick();
    expect(seen.at(-1)).toMatchObject({ kind: 'change', twins: ['r1'], events: [ev] });
  });

  it('hands the change itself to the other tab, without the message envelope', async () => {
    const h = hub();
    const a = new TabSync(h.make());
    const b = new TabSync(h.make());
    const got: CommittedChange[] = [];
    b.attach((c) => got.push(c));
    await tick();
    a.post(change());
    await tick();
    expect(got).toEqual([change()]);
  });
});
