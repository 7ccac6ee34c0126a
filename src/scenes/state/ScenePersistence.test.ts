import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SceneHost, callScene, type SceneCall } from '../../engine/scenes/index.ts';
import { addScene, createSceneDocument } from '../model/index.ts';
import { sceneStoreCreator, type SceneStore } from './sceneStore.ts';
import { CURRENT_SCENE_KEY, DRAFT_STORAGE_KEY, LEGACY_STORAGE_KEY, ScenePersistence, SCENE_DOCUMENT_ID, type ChannelLike, type KeyValueStorage } from './ScenePersistence.ts';

class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

const hosts: SceneHost[] = [];
const started: ScenePersistence[] = [];
afterEach(() => {
  for (const p of started.splice(0)) p.stop();
  for (const h of hosts.splice(0)) h.close();
});

/** One "browser": an IndexedDB and a localStorage that outlive page loads. */
function browser() {
  return { idb: new IDBFactory(), storage: new MemoryStorage() };
}

/** One page load: a fresh store, engine host and persistence over the browser's storage. */
async function pageLoad(b: ReturnType<typeof browser>, wrap?: (c: SceneCall) => SceneCall) {
  const host = new SceneHost({ indexedDB: b.idb, IDBKeyRange });
  hosts.push(host);
  const base: SceneCall = (method, ...args) => callScene(host, method, args);
  const call = wrap ? wrap(base) : base;
  const store = createStore<SceneStore>()(sceneStoreCreator);
  const p = new ScenePersistence(store, call, b.storage, { debounceMs: 5 });
  started.push(p);
  const from = await p.start();
  return { store, p, from, host, call: base };
}

const addNamed = (store: StoreApi<SceneStore>, name: string) => {
  const e = store.getState().edit((d) => ({ ok: true, value: addScene(d, { displayName: name }).doc }));
  if (e) throw new Error(e.message);
};
const names = (store: StoreApi<SceneStore>) => store.getState().doc.configuration.scenes.map((s) => s.displayName);

describe('ScenePersistence (scene document through the engine)', () => {
  it('an empty workspace loads nothing; edits are committed to the engine and come back on the next load', async () => {
    const b = browser();
    const one = await pageLoad(b);
    expect(one.from).toBe('none');
    expect(one.store.getState()).toMatchObject({ loaded: true, initialised: false });
    addNamed(one.store, 'Plant');
    expect(b.storage.getItem(DRAFT_STORAGE_KEY)).toContain('Plant'); // kept synchronously
    await one.p.flush();
    expect(one.store.getState().saveState).toBe('saved');
    expect(b.storage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    const stored = await one.call('getDocument', SCENE_DOCUMENT_ID);
    expect(stored.ok && stored.value.version).toBe(1);
    one.p.stop();

    const two = await pageLoad(b);
    expect(two.from).toBe('engine');
    expect(names(two.store)).toEqual(['Plant']);
    expect(two.store.getState()).toMatchObject({ initialised: true, savedVersion: 1, saveState: 'saved', past: [] });
  });

  it('leaving a page before anything was loaded or edited saves nothing (the demo stays on offer)', async () => {
    const b = browser();
    const one = await pageLoad(b);
    await one.p.flush(); // what the page's pagehide handler does
    const stored = await one.call('getDocument', SCENE_DOCUMENT_ID);
    expect(!stored.ok && stored.error.code).toBe('NotFound');
    one.p.stop();
    const two = await pageLoad(b);
    expect(two.from).toBe('none');
    expect(two.store.getState().initialised).toBe(false);
  });

  it('an edit whose commit never landed (reload before the debounce) is restored from the draft and committed', async () => {
    const b = browser();
    const one = await pageLoad(b);
    addNamed(one.store, 'A');
    await one.p.flush();
    one.p.stop();
    // second page: an edit, then the page goes away before the commit
    const two = await pageLoad(b, (c) => ((m: string, ...a: unknown[]) => (m === 'putDocument' ? new Promise(() => undefined) : (c as (m: string, ...a: unknown[]) => unknown)(m, ...a))) as SceneCall);
    addNamed(two.store, 'B');
    two.p.stop();
    const three = await pageLoad(b);
    expect(three.from).toBe('draft');
    expect(names(three.store)).toEqual(['A', 'B']);
    expect(three.store.getState().saveState).toBe('saved');
    expect(b.storage.getItem(DRAFT_STORAGE_KEY)).toBeNull();
    const stored = await three.call('getDocument', SCENE_DOCUMENT_ID);
    expect(stored.ok && stored.value.version).toBe(2);
  });

  it('migrates the first version\'s localStorage document into the engine once, keeping the selected scene', async () => {
    const b = browser();
    const legacyDoc = addScene(addScene(createSceneDocument(), { displayName: 'Old one' }).doc, { displayName: 'Old two' }).doc;
    const second = legacyDoc.configuration.scenes[1].id;
    b.storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify({ state: { doc: legacyDoc, sceneId: second, initialised: true }, version: 1 }));
    const one = await pageLoad(b);
    expect(one.from).toBe('legacy');
    expect(names(one.store)).toEqual(['Old one', 'Old two']);
    expect(one.store.getState().sceneId).toBe(second);
    expect(b.storage.getItem(LEGACY_STORAGE_KEY)).toBeNull();
    one.p.stop();
    const two = await pageLoad(b);
    expect(two.from).toBe('engine');
    expect(names(two.store)).toEqual(['Old one', 'Old two']);
  });

  it('a failing commit keeps the draft and says so; the next edit commits both', async () => {
    const b = browser();
    let failing = true;
    const one = await pageLoad(b, (c) => ((m: string, ...a: unknown[]) => (m === 'putDocument' && failing
      ? Promise.resolve({ ok: false, error: { code: 'StorageError', message: 'quota' } })
      : (c as (m: string, ...a: unknown[]) => unknown)(m, ...a))) as SceneCall);
    addNamed(one.store, 'X');
    await one.p.flush();
    expect(one.store.getState()).toMatchObject({ saveState: 'error', saveError: 'StorageError: quota' });
    expect(b.storage.getItem(DRAFT_STORAGE_KEY)).toContain('"X"');
    failing = false;
    addNamed(one.store, 'Y');
    await one.p.flush();
    expect(one.store.getState().saveState).toBe('saved');
    const stored = await one.call('getDocument', SCENE_DOCUMENT_ID);
    expect(stored.ok && (stored.value.doc as { configuration: { scenes: { displayName: string }[] } }).configuration.scenes.map((s) => s.displayName)).toEqual(['X', 'Y']);
  });

  it('a draft older than what another tab committed is set aside, not applied over it', async () => {
    const b = browser();
    const one = await pageLoad(b);
    addNamed(one.store, 'Mine');
    await one.p.flush(); // version 1
    one.p.stop();
    b.storage.setItem(DRAFT_STORAGE_KEY, JSON.stringify({ doc: createSceneDocument(), baseVersion: 0 }));
    const two = await pageLoad(b);
    expect(two.from).toBe('engine');
    expect(names(two.store)).toEqual(['Mine']);
    expect(b.storage.getItem(`${DRAFT_STORAGE_KEY}.stale`)).not.toBeNull();
  });

  it('remembers the selected scene', async () => {
    const b = browser();
    const one = await pageLoad(b);
    addNamed(one.store, 'A');
    addNamed(one.store, 'B');
    const bId = one.store.getState().doc.configuration.scenes[1].id;
    one.store.getState().selectScene(bId);
    await one.p.flush();
    expect(b.storage.getItem(CURRENT_SCENE_KEY)).toBe(bId);
    one.p.stop();
    const two = await pageLoad(b);
    expect(two.store.getState().sceneId).toBe(bId);
  });
});

describe('ScenePersistence across tabs', () => {
  it('a commit in one tab shows in another without edits of its own; a tab with pending edits keeps them', async () => {
    const b = browser();
    const chA = new BroadcastChannel('scenes-test');
    const chB = new BroadcastChannel('scenes-test');
    try {
      const hostA = new SceneHost({ indexedDB: b.idb, IDBKeyRange });
      const hostB = new SceneHost({ indexedDB: b.idb, IDBKeyRange });
      hosts.push(hostA, hostB);
      const mk = (host: SceneHost, ch: BroadcastChannel) => {
        const store = createStore<SceneStore>()(sceneStoreCreator);
        const p = new ScenePersistence(store, (m, ...a) => callScene(host, m, a), null, { debounceMs: 5, channel: ch as unknown as ChannelLike });
        started.push(p);
        return { store, p };
      };
      const A = mk(hostA, chA);
      const B = mk(hostB, chB);
      await A.p.start();
      await B.p.start();
      addNamed(A.store, 'From A');
      await A.p.flush();
      await expect.poll(() => names(B.store)).toEqual(['From A']);
      expect(B.store.getState()).toMatchObject({ savedVersion: 1, saveState: 'saved', past: [] });
      // B edits but has not committed yet; A commits again: B keeps its own pending edit
      addNamed(B.store, 'From B');
      addNamed(A.store, 'A again');
      await A.p.flush();
      await new Promise((r) => setTimeout(r, 30));
      await B.p.flush();
      expect(names(B.store)).toEqual(['From A', 'From B']);
      const stored = await callScene(hostA, 'getDocument', [SCENE_DOCUMENT_ID]);
      expect(stored.ok && stored.value.version).toBe(3);
    } finally {
      chA.close();
      chB.close();
    }
  });
});
