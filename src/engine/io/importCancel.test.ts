import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalEngine, DexieStore, MemoryStore, WorkerHost, type Progress } from '../index.ts';
import { deleteDexieDatabase } from '../storage/DexieStore.ts';
import { generateBuildingGraph, toNdjson } from '../bench/generateBuildingGraph.ts';
import { fixture } from '../node/testFixtures.ts';

/** Cancelling an import (AbortSignal, or a MessagePort across the worker RPC): it stops, and nothing is stored. */

// 2,000 twins + 6,000 relationships: more than one storage chunk (5,000 records) and several cancel checkpoints.
const bigGraph = toNdjson(generateBuildingGraph(2000));
const small = () => fixture('small-graph.json');

let dbCount = 0;
const names: string[] = [];
const dbName = () => {
  const n = `import-cancel-${process.pid}-${dbCount++}`;
  names.push(n);
  return n;
};
afterEach(async () => {
  for (const n of names.splice(0)) await deleteDexieDatabase(n);
});

/** An engine over IndexedDB holding the small graph (4 twins), so that "nothing changed" means "still these". */
async function seeded(name: string) {
  const e = await createLocalEngine({ store: await new DexieStore(name).open() });
  const r = await e.importGraph(small(), 'adt-explorer-json');
  expect(r.ok && r.value.errors).toEqual([]);
  return e;
}

async function storedStats(name: string) {
  const e = await createLocalEngine({ store: await new DexieStore(name).open() });
  const s = await e.stats();
  await e.close();
  return s;
}

const SMALL = { models: 5, twins: 4, relationships: 3 };

describe('cancelling an import', () => {
  it('stops while validating twins: Cancelled, memory and storage unchanged, the engine keeps working', async () => {
    const name = dbName();
    const e = await seeded(name);
    const before = await e.exportGraph('adt-explorer-json');
    const ctl = new AbortController();
    const phases: Progress[] = [];
    const r = await e.importGraph(bigGraph, 'ndjson', (p) => {
      phases.push(p);
      if (p.phase === 'twins' && p.done > 0) ctl.abort();
    }, { signal: ctl.signal });
    expect(!r.ok && r.error.code).toBe('Cancelled');
    expect(!r.ok && r.error.message).toContain('nothing was imported');
    // It stopped at the next checkpoint (every 5,000 elements): part-way through the relationships, before writing.
    expect(phases.some((p) => p.phase === 'write')).toBe(false);
    expect(Math.max(...phases.filter((p) => p.phase === 'relationships').map((p) => p.done))).toBeLessThan(6000);
    expect(await e.stats()).toEqual(SMALL);
    const after = await e.exportGraph('adt-explorer-json');
    expect(after.ok && before.ok && after.value === before.value).toBe(true);
    // Later commands run as usual (the queue was not left blocked).
    const again = await e.importGraph(bigGraph, 'ndjson');
    expect(again.ok && again.value.errors).toEqual([]);
    expect((await e.stats()).twins).toBe(2004);
    await e.close();
    expect((await storedStats(name)).twins).toBe(2004);
  });

  it('aborts the storage transaction when cancelled between written chunks: nothing of it is stored', async () => {
    const name = dbName();
    const e = await seeded(name);
    const ctl = new AbortController();
    const writes: number[] = [];
    const r = await e.importGraph(bigGraph, 'ndjson', (p) => {
      if (p.phase !== 'write') return;
      writes.push(p.done);
      // The first 5,000-record chunk is in the transaction; cancel before the next one.
      if (p.done > 0) ctl.abort();
    }, { signal: ctl.signal });
    expect(!r.ok && r.error.code).toBe('Cancelled');
    expect(writes.length).toBeGreaterThan(0);
    expect(Math.max(...writes)).toBeLessThan(8000);
    expect(await e.stats()).toEqual(SMALL);
    await e.close();
    // A fresh engine over the same database: the rolled-back transaction left nothing behind.
    expect(await storedStats(name)).toEqual(SMALL);
  });

  it('an already aborted signal imports nothing; an import that finished before the abort stays', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const ctl = new AbortController();
    ctl.abort();
    const r = await e.importGraph(small(), 'adt-explorer-json', undefined, { signal: ctl.signal });
    expect(!r.ok && r.error.code).toBe('Cancelled');
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
    const late = new AbortController();
    const done = await e.importGraph(small(), 'adt-explorer-json', undefined, { signal: late.signal });
    late.abort();
    expect(done.ok && done.value.errors).toEqual([]);
    expect(await e.stats()).toEqual(SMALL);
  });

  it('a plain { aborted } token works too (in-process callers, the CLI)', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const token = { aborted: false };
    const r = await e.importGraph(bigGraph, 'ndjson', (p) => {
      if (p.phase === 'relationships' && p.done > 0) token.aborted = true;
    }, { signal: token });
    expect(!r.ok && r.error.code).toBe('Cancelled');
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
  });
});

describe('cancelling an import through the worker API (WorkerHost)', () => {
  const hosts: WorkerHost[] = [];
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.dispose();
    await deleteDexieDatabase('twinscape-ws-default');
    await deleteDexieDatabase('twinscape-workspaces');
  });

  it('a message on the transferred abort port cancels the import; nothing is stored', async () => {
    const h = new WorkerHost({ channel: null });
    hosts.push(h);
    expect((await h.open('default')).ok).toBe(true);
    const { port1, port2 } = new MessageChannel();
    let sent = false;
    const r = await h.importGraph(bigGraph, 'ndjson', (p) => {
      // What the app's engine client does when the user's AbortSignal fires: post on the port.
      if (!sent && p.phase === 'twins' && p.done > 0) {
        sent = true;
        port1.postMessage('abort');
      }
    }, { abortPort: port2 });
    port1.close();
    expect(sent).toBe(true);
    expect(!r.ok && r.error.code).toBe('Cancelled');
    expect(await h.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
    // Without a cancel the same call imports (the port is optional and closed after the call).
    const ok = await h.importGraph(small(), 'adt-explorer-json');
    expect(ok.ok && ok.value.errors).toEqual([]);
    expect(await h.stats()).toEqual(SMALL);
  });
});

describe('reads during an import', () => {
  it('wait for the import to end: never half an import, then all of it', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const seen: Array<Promise<unknown>> = [];
    let asked = false;
    const r = await e.importGraph(bigGraph, 'ndjson', (p) => {
      // Mid-validation (the import yields there, since it can be cancelled): a read now must not see a partial graph.
      if (!asked && p.phase === 'relationships' && p.done > 0) {
        asked = true;
        seen.push(e.stats(), e.query('SELECT COUNT() FROM RELATIONSHIPS'));
      }
    }, { signal: new AbortController().signal });
    expect(r.ok && r.value.errors).toEqual([]);
    expect(asked).toBe(true);
    const [stats, count] = await Promise.all(seen);
    expect(stats).toEqual({ models: 5, twins: 2000, relationships: 6000 });
    expect((count as { ok: boolean; value: { value: Array<{ COUNT: number }> } }).value.value).toEqual([{ COUNT: 6000 }]);
  });
});
