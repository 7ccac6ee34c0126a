/**
 * Multi-tab sync of one open workspace over a BroadcastChannel shared by the tabs' engine workers.
 */
import type { CommittedChange } from '../LocalEngine.ts';

export interface BroadcastChannelLike {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  close(): void;
}

/**
 * What tabs (their engine workers) say on a workspace's channel. A change carries its fields at the top level, so
 * read-only listeners (the embedded viewer's `broadcast:` source) find its `events` where they look for them; such a
 * listener takes part in hello/here/bye like a tab to get the events.
 */
type TabMessage =
  | { kind: 'hello'; from: string }
  | { kind: 'here'; from: string }
  | { kind: 'bye'; from: string }
  | ({ kind: 'change'; from: string } & CommittedChange);

/**
 * Multi-tab sync of one open workspace. Every commit is announced (which records to reload), so another tab's
 * memory never goes stale; its events, the bulky part (10,000 per second under the simulator), are copied only while
 * another tab is known to listen. A tab says `hello` when it opens the workspace (before loading it) and the others
 * answer `here`; a closing tab says `bye`. A tab that vanished without `bye` (crash) keeps being sent events: the
 * safe side. Changes that arrive while this tab is still loading are kept and applied once it has loaded.
 */
export class TabSync {
  private readonly self = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private readonly peers = new Set<string>();
  private apply: ((change: CommittedChange) => void) | null = null;
  private early: CommittedChange[] = [];

  constructor(private channel: BroadcastChannelLike) {
    channel.onmessage = (ev) => this.receive(ev.data as TabMessage);
    this.send({ kind: 'hello', from: this.self });
  }

  /** Another tab listens (tests, diagnostics). */
  get listened(): boolean {
    return this.peers.size > 0;
  }

  post(change: CommittedChange): void {
    this.send({ kind: 'change', from: this.self, ...change, events: this.peers.size ? change.events : [] });
  }

  /** From now on, other tabs' changes go to `apply` (those received while loading first). */
  attach(apply: (change: CommittedChange) => void): void {
    this.apply = apply;
    for (const c of this.early.splice(0)) apply(c);
  }

  close(): void {
    this.send({ kind: 'bye', from: this.self });
    this.channel.onmessage = null;
    this.channel.close();
  }

  private send(m: TabMessage): void {
    try {
      this.channel.postMessage(m);
    } catch (_e) {
      // A closed channel: nothing to tell.
    }
  }

  private receive(m: TabMessage): void {
    if (!m || typeof m !== 'object' || m.from === this.self) return;
    switch (m.kind) {
      case 'hello':
        this.peers.add(m.from);
        this.send({ kind: 'here', from: this.self });
        return;
      case 'here':
        this.peers.add(m.from);
        return;
      case 'bye':
        this.peers.delete(m.from);
        return;
      case 'change': {
        const { kind: _kind, from: _from, ...change } = m;
        if (this.apply) this.apply(change);
        else this.early.push(change);
        return;
      }
    }
  }
}
