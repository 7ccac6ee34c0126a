import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SceneRepository, sceneDatabaseName } from './SceneRepository.ts';
import { SceneHost, callScene } from './SceneHost.ts';
import { WorkerHost } from '../WorkerHost.ts';

const open: { close(): void }[] = [];
afterEach(() => { for (const r of open.splice(0)) r.close(); });

async function repo(idb = new IDBFactory(), ws = 'default', schemaVersion?: number): Promise<SceneRepository> {
  const r = new SceneRepository(ws, { indexedDB: idb, IDBKeyRange }, schemaVersion);
  const o = await r.open();
  if (!o.ok) throw new Error(o.error.message);
  open.push(r);
  return r;
}

const doc = (n: number) => ({ format: 'twinscape.scenes', version: 1, configuration: { scenes: [{ id: `s${n}`, displayName: `Scene ${n}` }], behaviors: [], layers: [] } });

describe('SceneRepository: documents', () => {
  it('writes versions 1, 2, … and reads back the last one, which survives reopening the database', async () => {
    const idb = new IDBFactory();
    const r = await repo(idb);
    const a = await r.putDocument('main', doc(1));
    const b = await r.putDocument('main', doc(2));
    expect(a.ok && a.value.version).toBe(1);
    expect(b.ok && b.value.version).toBe(2);
    r.close();
    const again = await repo(idb);
    const got = await again.getDocument('main');
    expect(got.ok && got.value.version).toBe(2);
    expect(got.ok && got.value.doc).toEqual(doc(2));
    expect(got.ok && got.value.size).toBe(JSON.stringify(doc(2)).length);
  });

  it('ifVersion: a stale write is PreconditionFailed and changes nothing; 0 means "must not exist"', async () => {
    const r = await repo();
    expect((await r.putDocument('main', doc(1), { ifVersion: 0 })).ok).toBe(true);
    const again = await r.putDocument('main', doc(9), { ifVersion: 0 });
    expect(!again.ok && again.error.code).toBe('PreconditionFailed');
    const stale = await r.putDocument('main', doc(9), { ifVersion: 5 });
    expect(!stale.ok && stale.error.details).toEqual({ version: 1 });
    expect((await r.putDocument('main', doc(2), { ifVersion: 1 })).ok).toBe(true);
    const got = await r.getDocument('main');
    expect(got.ok && got.value.doc).toEqual(doc(2));
  });

  it('lists newest first without bodies, deletes, and reports missing ones as NotFound', async () => {
    const r = await repo();
    await r.putDocument('a', doc(1));
    await new Promise((res) => setTimeout(res, 5));
    await r.putDocument('b', doc(2));
    const list = await r.listDocuments();
    expect(list.ok && list.value.map((d) => d.id)).toEqual(['b', 'a']);
    expect(list.ok && 'doc' in list.value[0]).toBe(false);
    expect((await r.deleteDocument('a', { ifVersion: 3 })).ok).toBe(false);
    expect((await r.deleteDocument('a')).ok).toBe(true);
    const gone = await r.getDocument('a');
    expect(!gone.ok && gone.error.code).toBe('NotFound');
    const again = await r.deleteDocument('a');
    expect(!again.ok && again.error.code).toBe('NotFound');
  });

  it('rejects bad ids and non-object documents as values', async () => {
    const r = await repo();
    for (const id of ['', 'has space', '../x', 'x'.repeat(200)]) {
      const p = await r.putDocument(id, doc(1));
      expect(!p.ok && p.error.code).toBe('InvalidArgument');
    }
    for (const d of [null, 3, 'text', undefined]) {
      const p = await r.putDocument('main', d);
      expect(!p.ok && p.error.code).toBe('InvalidArgument');
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const c = await r.putDocument('main', cyclic);
    expect(!c.ok && c.error.code).toBe('InvalidArgument');
    expect((await r.listDocuments()).ok && (await r.listDocuments())).toEqual({ ok: true, value: [] });
  });

  it('keeps workspaces apart (one database each)', async () => {
    const idb = new IDBFactory();
    const a = await repo(idb, 'one');
    const b = await repo(idb, 'two');
    await a.putDocument('main', doc(1));
    expect((await b.getDocument('main')).ok).toBe(false);
    expect((await idb.databases()).map((d) => d.name).sort()).toEqual([sceneDatabaseName('one'), sceneDatabaseName('two')]);
  });
});

describe('SceneRepository: assets by content hash', () => {
  it('stores bytes under their SHA-256, dedups identical bytes, and reads them back exactly', async () => {
    const r = await repo();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 251);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const a = await r.putAsset(bytes, { name: 'house.glb', type: 'model/gltf-binary' });
    expect(a.ok && a.value).toMatchObject({ hash: expected, size: 70_000, name: 'house.glb' });
    const b = await r.putAsset(bytes.slice().buffer, { name: 'copy.glb' });
    expect(b.ok && b.value.name).toBe('house.glb'); // the first record is kept
    const list = await r.listAssets();
    expect(list.ok && list.value.map((x) => x.hash)).toEqual([expected]);
    expect(await r.hasAsset(expected)).toBe(true);
    expect(await r.hasAsset('0'.repeat(64))).toBe(false);
    const got = await r.getAsset(expected);
    expect(got.ok && Buffer.from(got.value.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stores only the bytes of a view, not its whole underlying buffer', async () => {
    const r = await repo();
    const big = new Uint8Array(1000).fill(7);
    const view = big.subarray(100, 110);
    const a = await r.putAsset(view);
    if (!a.ok) throw new Error(a.error.message);
    const got = await r.getAsset(a.value.hash);
    expect(got.ok && got.value.bytes.byteLength).toBe(10);
    expect(got.ok && got.value.bytes.buffer.byteLength).toBe(10);
  });

  it('errors are values: not bytes, not a hash, unknown hash', async () => {
    const r = await repo();
    const p = await r.putAsset('text' as unknown as Uint8Array);
    expect(!p.ok && p.error.code).toBe('InvalidArgument');
    const g = await r.getAsset('nope');
    expect(!g.ok && g.error.code).toBe('InvalidArgument');
    const m = await r.getAsset('a'.repeat(64));
    expect(!m.ok && m.error.code).toBe('NotFound');
  });
});

describe('SceneRepository: schema migrations', () => {
  it('v1 → v2 stamps records written without timestamps and sizes', async () => {
    const idb = new IDBFactory();
    const old = new Dexie(sceneDatabaseName('default'), { indexedDB: idb, IDBKeyRange });
    old.version(1).stores({ documents: 'id', assets: 'hash' });
    await old.open();
    await old.table('documents').put({ id: 'main', version: 3, doc: doc(1) });
    await old.table('assets').put({ hash: 'f'.repeat(64), size: 1, name: 'x', type: '', bytes: new Uint8Array([1]) });
    old.close();
    const r = await repo(idb);
    expect(r.db.verno).toBe(2);
    const got = await r.getDocument('main');
    expect(got.ok && got.value).toMatchObject({ version: 3, updatedAt: new Date(0).toISOString(), size: JSON.stringify(doc(1)).length });
    const list = await r.listAssets();
    expect(list.ok && list.value[0].createdAt).toBe(new Date(0).toISOString());
    expect((await r.putDocument('main', doc(2), { ifVersion: 3 })).ok).toBe(true);
  });
});

describe('SceneHost and WorkerHost.sceneCall', () => {
  it('follows the open workspace and rejects unknown methods as a value', async () => {
    const idb = new IDBFactory();
    let ws: string | null = null;
    const host = new SceneHost({ indexedDB: idb, IDBKeyRange, workspace: () => ws });
    open.push(host);
    await callScene(host, 'putDocument', ['main', doc(1)]);
    ws = 'other';
    const other = await callScene(host, 'getDocument', ['main']);
    expect(!other.ok && other.error.code).toBe('NotFound');
    ws = null;
    const back = await callScene(host, 'getDocument', ['main']);
    expect(back.ok && back.value.doc).toEqual(doc(1));
    const bad = await callScene(host, 'dropEverything' as 'listAssets', []);
    expect(!bad.ok && bad.error.code).toBe('InvalidArgument');
  });

  it('WorkerHost.sceneCall stores documents and assets per workspace', async () => {
    const idb = new IDBFactory();
    const h = new WorkerHost({ indexedDB: idb, IDBKeyRange, channel: null });
    try {
      expect((await h.open('default')).ok).toBe(true);
      const put = await h.sceneCall('putDocument', 'main', doc(4));
      expect(put.ok && put.value.version).toBe(1);
      const asset = await h.sceneCall('putAsset', new Uint8Array([1, 2, 3]), { name: 'a.bin' });
      if (!asset.ok) throw new Error(asset.error.message);
      expect(await h.sceneCall('hasAsset', asset.value.hash)).toBe(true);
      const ws = await h.createWorkspace('Second');
      if (!ws.ok) throw new Error('create failed');
      await h.open(ws.value.id);
      expect(await h.sceneCall('hasAsset', asset.value.hash)).toBe(false);
      await h.open('default');
      const got = await h.sceneCall('getDocument', 'main');
      expect(got.ok && got.value.doc).toEqual(doc(4));
    } finally {
      await h.dispose();
    }
  });

  it('deleting a workspace deletes its scenes and model files too', async () => {
    const idb = new IDBFactory();
    const h = new WorkerHost({ indexedDB: idb, IDBKeyRange, channel: null });
    try {
      const ws = await h.createWorkspace('Doomed');
      if (!ws.ok) throw new Error('create failed');
      await h.open(ws.value.id);
      await h.sceneCall('putDocument', 'main', doc(2));
      const asset = await h.sceneCall('putAsset', new Uint8Array([9, 9]), { name: 'b.bin' });
      if (!asset.ok) throw new Error(asset.error.message);
      const names = async () => (await idb.databases()).map((d) => d.name);
      expect(await names()).toContain(sceneDatabaseName(ws.value.id));
      expect((await h.deleteWorkspace(ws.value.id)).ok).toBe(true);
      expect(await names()).not.toContain(sceneDatabaseName(ws.value.id));
    } finally {
      await h.dispose();
    }
  });
});
