/**
 * Scene persistence inside the engine worker: the SceneRepository of the open workspace (opened on first use,
 * reopened when the workspace changes). Reached from the UI through WorkerHost.sceneCall(method, ...args).
 */
import { err, type Result } from '../types.ts';
import {
  SceneRepository, type AssetInfo, type SceneDocumentInfo, type SceneRepositoryOptions, type StoredAsset, type StoredSceneDocument,
} from './SceneRepository.ts';

export interface SceneHostOptions extends SceneRepositoryOptions {
  /** The open workspace (null before one is open: 'default' is used, as the engine does). */
  workspace?: () => string | null;
}

export class SceneHost {
  private repo: SceneRepository | null = null;
  private opening: Promise<Result<SceneRepository>> | null = null;

  constructor(private opts: SceneHostOptions = {}) {}

  private async r(): Promise<Result<SceneRepository>> {
    const ws = this.opts.workspace?.() ?? 'default';
    if (this.repo?.workspaceId === ws) return { ok: true, value: this.repo };
    if (this.opening) {
      const p = await this.opening;
      if (p.ok && p.value.workspaceId === ws) return p;
    }
    this.repo?.close();
    this.repo = null;
    const next = new SceneRepository(ws, this.opts);
    this.opening = next.open();
    const opened = await this.opening;
    this.opening = null;
    if (opened.ok) this.repo = opened.value;
    return opened;
  }

  async putDocument(id: string, doc: unknown, o?: { ifVersion?: number }): Promise<Result<SceneDocumentInfo>> {
    const r = await this.r();
    return r.ok ? r.value.putDocument(id, doc, o) : r;
  }

  async getDocument(id: string): Promise<Result<StoredSceneDocument>> {
    const r = await this.r();
    return r.ok ? r.value.getDocument(id) : r;
  }

  async listDocuments(): Promise<Result<SceneDocumentInfo[]>> {
    const r = await this.r();
    return r.ok ? r.value.listDocuments() : r;
  }

  async deleteDocument(id: string, o?: { ifVersion?: number }): Promise<Result<void>> {
    const r = await this.r();
    return r.ok ? r.value.deleteDocument(id, o) : r;
  }

  async putAsset(bytes: Uint8Array | ArrayBuffer, meta?: { name?: string; type?: string }): Promise<Result<AssetInfo>> {
    const r = await this.r();
    return r.ok ? r.value.putAsset(bytes, meta) : r;
  }

  async getAsset(hash: string): Promise<Result<StoredAsset>> {
    const r = await this.r();
    return r.ok ? r.value.getAsset(hash) : r;
  }

  async hasAsset(hash: string): Promise<boolean> {
    const r = await this.r();
    return r.ok ? r.value.hasAsset(hash) : false;
  }

  async listAssets(): Promise<Result<AssetInfo[]>> {
    const r = await this.r();
    return r.ok ? r.value.listAssets() : r;
  }

  close(): void {
    this.repo?.close();
    this.repo = null;
  }
}

export const SCENE_METHODS = [
  'putDocument', 'getDocument', 'listDocuments', 'deleteDocument', 'putAsset', 'getAsset', 'hasAsset', 'listAssets',
] as const;
export type SceneMethod = (typeof SCENE_METHODS)[number];
export type SceneApi = Pick<SceneHost, SceneMethod>;
/** Typed dispatcher WorkerHost exposes: `sceneCall('putDocument', 'main', doc)`. */
export type SceneCall = <K extends SceneMethod>(method: K, ...args: Parameters<SceneApi[K]>) => Promise<Awaited<ReturnType<SceneApi[K]>>>;

export function callScene<K extends SceneMethod>(host: SceneHost, method: K, args: Parameters<SceneApi[K]>): Promise<Awaited<ReturnType<SceneApi[K]>>> {
  if (!(SCENE_METHODS as readonly string[]).includes(method)) return Promise.resolve(err('InvalidArgument', `Unknown scene method ${String(method)}`) as Awaited<ReturnType<SceneApi[K]>>);
  return Promise.resolve((host[method] as (...a: unknown[]) => unknown).apply(host, args)) as Promise<Awaited<ReturnType<SceneApi[K]>>>;
}
