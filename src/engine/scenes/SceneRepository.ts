/**
 * Scene documents and their model files, in one workspace's own Dexie database `twinscape-scenes:<workspaceId>`.
 * Documents are versioned (optimistic concurrency: `ifVersion`), each write is one transaction. Assets are
 * stored by their SHA-256 content hash, so the same file uploaded twice is kept once and loads offline.
 * Environment-neutral: in Node pass fake-indexeddb through the options.
 */
import { Dexie, type Table } from 'dexie';
import { err, ok, type Result } from '../types.ts';
import { declareScenesSchema } from './schema.ts';
import { sha256Hex } from './sha256.ts';

export interface SceneRepositoryOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** Largest scene document accepted (JSON characters). */
export const MAX_DOCUMENT_CHARS = 32 * 1024 * 1024;
/** Largest single asset accepted (bytes). */
export const MAX_ASSET_BYTES = 512 * 1024 * 1024;

export interface SceneDocumentInfo {
  id: string;
  /** 1 on the first write, +1 on every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** JSON size of the document, in characters. */
  size: number;
}

export interface StoredSceneDocument extends SceneDocumentInfo {
  doc: unknown;
}

export interface AssetInfo {
  /** SHA-256 of the bytes, lowercase hex. */
  hash: string;
  size: number;
  name: string;
  type: string;
  createdAt: string;
}

export interface StoredAsset extends AssetInfo {
  bytes: Uint8Array;
}

export function sceneDatabaseName(workspaceId: string): string {
  return `twinscape-scenes:${workspaceId}`;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const HASH_RE = /^[0-9a-f]{64}$/;

export class SceneRepository {
  readonly db: Dexie;
  private documents: Table<StoredSceneDocument, string>;
  private assets: Table<StoredAsset, string>;

  constructor(readonly workspaceId: string, opts: SceneRepositoryOptions = {}, schemaVersion?: number) {
    this.db = new Dexie(sceneDatabaseName(workspaceId), {
      ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
      ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
    });
    declareScenesSchema(this.db, schemaVersion);
    this.documents = this.db.table('documents');
    this.assets = this.db.table('assets');
  }

  async open(): Promise<Result<this>> {
    try {
      await this.db.open();
      return ok(this);
    } catch (e) {
      return err('StorageError', `The scene database could not be opened: ${message(e)}`);
    }
  }

  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- documents

  /**
   * Writes a document (one transaction). With `ifVersion`, the write happens only if the stored version is that
   * one (0 = must not exist yet); otherwise PreconditionFailed and nothing changes.
   */
  async putDocument(id: string, doc: unknown, o: { ifVersion?: number } = {}): Promise<Result<SceneDocumentInfo>> {
    if (typeof id !== 'string' || !ID_RE.test(id)) return err('InvalidArgument', `Not a valid scene document id: ${String(id)}`);
    let text: string;
    try {
      text = JSON.stringify(doc);
    } catch (e) {
      return err('InvalidArgument', `The scene document is not JSON: ${message(e)}`);
    }
    if (text === undefined || doc === null || typeof doc !== 'object') return err('InvalidArgument', 'A scene document is a JSON object.');
    if (text.length > MAX_DOCUMENT_CHARS) return err('InvalidArgument', `The scene document is too large (${text.length} characters, at most ${MAX_DOCUMENT_CHARS}).`);
    const clean = JSON.parse(text) as unknown;
    try {
      return await this.db.transaction('rw', this.documents, async () => {
        const prev = await this.documents.get(id);
        const current = prev?.version ?? 0;
        if (o.ifVersion !== undefined && o.ifVersion !== current) {
          return err('PreconditionFailed', `The scene document ${id} is at version ${current}, not ${o.ifVersion}.`, { version: current });
        }
        const now = new Date().toISOString();
        const rec: StoredSceneDocument = { id, version: current + 1, createdAt: prev?.createdAt ?? now, updatedAt: now, size: text.length, doc: clean };
        await this.documents.put(rec);
        return ok(info(rec));
      });
    } catch (e) {
      return err('StorageError', `The scene document could not be saved: ${message(e)}`);
    }
  }

  async getDocument(id: string): Promise<Result<StoredSceneDocument>> {
    try {
      const rec = await this.documents.get(id);
      return rec ? ok(rec) : err('NotFound', `There is no scene document ${id}.`);
    } catch (e) {
      return err('StorageError', `The scene document could not be read: ${message(e)}`);
    }
  }

  /** Documents without their bodies, newest first. */
  async listDocuments(): Promise<Result<SceneDocumentInfo[]>> {
    try {
      const out: SceneDocumentInfo[] = [];
      await this.documents.orderBy('updatedAt').reverse().each((d) => { out.push(info(d)); });
      return ok(out);
    } catch (e) {
      return err('StorageError', `The scene documents could not be listed: ${message(e)}`);
    }
  }

  async deleteDocument(id: string, o: { ifVersion?: number } = {}): Promise<Result<void>> {
    try {
      return await this.db.transaction('rw', this.documents, async () => {
        const prev = await this.documents.get(id);
        if (!prev) return err('NotFound', `There is no scene document ${id}.`);
        if (o.ifVersion !== undefined && o.ifVersion !== prev.version) {
          return err('PreconditionFailed', `The scene document ${id} is at version ${prev.version}, not ${o.ifVersion}.`, { version: prev.version });
        }
        await this.documents.delete(id);
        return ok(undefined);
      });
    } catch (e) {
      return err('StorageError', `The scene document could not be deleted: ${message(e)}`);
    }
  }

  // ---------------------------------------------------------------- assets

  /** Stores bytes under their SHA-256; storing the same bytes again keeps the first record (dedup). */
  async putAsset(bytes: Uint8Array | ArrayBuffer, meta: { name?: string; type?: string } = {}): Promise<Result<AssetInfo>> {
    const data = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
    if (!data) return err('InvalidArgument', 'An asset is given as bytes (Uint8Array or ArrayBuffer).');
    if (data.byteLength > MAX_ASSET_BYTES) return err('InvalidArgument', `The asset is too large (${data.byteLength} bytes, at most ${MAX_ASSET_BYTES}).`);
    const hash = await sha256Hex(data);
    try {
      return await this.db.transaction('rw', this.assets, async () => {
        const prev = await this.assets.get(hash);
        if (prev) return ok(assetInfo(prev));
        const rec: StoredAsset = {
          hash, size: data.byteLength, name: String(meta.name ?? '').slice(0, 500), type: String(meta.type ?? '').slice(0, 200),
          createdAt: new Date().toISOString(),
          // a copy that owns exactly its bytes (a view into a larger buffer would store the whole buffer)
          bytes: data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice(),
        };
        await this.assets.put(rec);
        return ok(assetInfo(rec));
      });
    } catch (e) {
      return err('StorageError', `The asset could not be saved: ${message(e)}`);
    }
  }

  async getAsset(hash: string): Promise<Result<StoredAsset>> {
    if (typeof hash !== 'string' || !HASH_RE.test(hash)) return err('InvalidArgument', `Not a SHA-256 hash: ${String(hash)}`);
    try {
      const rec = await this.assets.get(hash);
      return rec ? ok(rec) : err('NotFound', `There is no asset ${hash}.`);
    } catch (e) {
      return err('StorageError', `The asset could not be read: ${message(e)}`);
    }
  }

  async hasAsset(hash: string): Promise<boolean> {
    if (typeof hash !== 'string' || !HASH_RE.test(hash)) return false;
    return (await this.assets.where('hash').equals(hash).count()) > 0;
  }

  /** Asset metadata (no bytes), oldest first. */
  async listAssets(): Promise<Result<AssetInfo[]>> {
    try {
      const out: AssetInfo[] = [];
      // Only metadata crosses to the caller; Dexie still reads each record, so keep this off hot paths.
      await this.assets.orderBy('createdAt').each((a) => { out.push(assetInfo(a)); });
      return ok(out);
    } catch (e) {
      return err('StorageError', `The assets could not be listed: ${message(e)}`);
    }
  }
}

function info(d: StoredSceneDocument): SceneDocumentInfo {
  return { id: d.id, version: d.version, createdAt: d.createdAt, updatedAt: d.updatedAt, size: d.size };
}

function assetInfo(a: StoredAsset): AssetInfo {
  return { hash: a.hash, size: a.size, name: a.name, type: a.type, createdAt: a.createdAt };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
