import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerHost } from './WorkerHost.ts';
import type { CloudEvent, Twin } from './types.ts';
import { buildingModels, M, room } from './node/testFixtures.ts';

const hosts: WorkerHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.dispose();
});
const host = () => {
  const h = new WorkerHost();
  hosts.push(h);
  return h;
};
const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 1000) => {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - t0;
};

describe('WorkerHost (the worker API)', () => {
  it('lists the default workspace, creates, renames, switches and deletes workspaces', async () => {
    const h = host();
    const list = await h.listWorkspaces();
    expect(list.map((w) => [w.id, w.name])).toEqual([['default', 'My workspace']]);
    expect((await h.open('default')).ok).toBe(true);
    await h.uploadModels(buildingModels());
    const ws = await h.createWorkspace('Second');
    if (!ws.ok) throw new Error('create failed');
    const opened = await h.open(ws.value.id);
    expect(opened.ok && opened.value).toEqual({ models: 0, twins: 0, relationships: 0 });
    expect((await h.renameWorkspace(ws.value.id, 'Renamed')).ok).toBe(true);
    expect((await h.listWorkspaces()).map((w) => w.name)).toEqual(['My workspace', 'Renamed']);
    expect((await h.open('default')).ok && (await h.stats()).models).toBe(5);
    expect((await h.deleteWorkspace(ws.value.id)).ok).toBe(true);
    expect((await h.open(ws.value.id)).ok).toBe(false);
    expect((await h.createWorkspace('  ')).ok).toBe(false);
    expect(await h.ping()).toBe('pong');
  });

  it('keeps subscriptions across workspace switches', async () => {
    const h = host();
    const events: CloudEvent[] = [];
    await h.subscribe((b) => events.push(...b));
    await h.open('default');
    await h.uploadModels(buildingModels()).catch(() => undefined);
    await h.upsertTwin('s-sub', { $metadata: { $model: M.space } });
    expect(events.map((e) => e.subject)).toContain('s-sub');
  });
});

describe('two tabs on one workspace', () => {
  async function twoTabs() {
    const a = host();
    const b = host();
    const ws = await a.createWorkspace(`tabs-${Math.random()}`);
    if (!ws.ok) throw new Error('no ws');
    await a.open(ws.value.id);
    const up = await a.uploadModels(buildingModels());
    if (!up.ok) throw new Error(up.error.message);
    const t = await a.upsertTwin('r1', room({ name: 'x', temperature: 1 }));
    if (!t.ok) throw new Error(t.error.message);
    await b.open(ws.value.id);
    return { a, b, etag: t.value.$etag };
  }

  it('each sees the other one changes within a second, as events', async () => {
    const { a, b } = await twoTabs();
    const seen: CloudEvent[] = [];
    await b.subscribe((x) => seen.push(...x));
    await a.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 5 }]);
    const ms = await waitFor(async () => {
      const t = await b.getTwin('r1');
      return t.ok && t.value.temperature === 5;
    });
    expect(ms).toBeLessThan(1000);
    expect(seen.some((e) => e.type === 'Microsoft.DigitalTwins.Twin.Update')).toBe(true);
    await b.upsertTwin('s2', { $metadata: { $model: M.space } });
    await waitFor(async () => (await a.getTwin('s2')).ok);
    expect((await a.stats()).twins).toBe(2);
  });

  it('concurrent patches of different properties of one twin both survive', async () => {
    const { a, b } = await twoTabs();
    const [ra, rb] = await Promise.all([
      a.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 30 }]),
      b.patchTwin('r1', [{ op: 'replace', path: '/name', value: 'renamed' }]),
    ]);
    expect(ra.ok && rb.ok).toBe(true);
    for (const h of [a, b]) {
      await waitFor(async () => {
        const t = await h.getTwin('r1');
        return t.ok && t.value.temperature === 30 && t.value.name === 'renamed';
      });
    }
  });

  it('conflicting If-Match writes: one wins, the other gets PreconditionFailed', async () => {
    const { a, b, etag } = await twoTabs();
    const [ra, rb] = await Promise.all([
      a.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 10 }], { ifMatch: etag }),
      b.patchTwin('r1', [{ op: 'replace', path: '/temperature', value: 20 }], { ifMatch: etag }),
    ]);
    const codes = [ra, rb].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(codes).toEqual(['PreconditionFailed', 'ok']);
    const winner = (ra.ok ? ra.value : (rb as { value: Twin }).value).temperature;
    await waitFor(async () => {
      const [ta, tb] = [await a.getTwin('r1'), await b.getTwin('r1')];
      return ta.ok && tb.ok && ta.value.temperature === winner && tb.value.$etag === ta.value.$etag;
    });
  });
});
