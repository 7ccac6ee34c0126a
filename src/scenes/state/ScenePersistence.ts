/**
 * Keeps the studio's scene document in the engine's scene repository (`engine.sceneCall`), so it lives in the
 * workspace's IndexedDB beside the twins. Every edit is written at once, synchronously, as a local draft
 * (localStorage) and committed to the engine shortly after (debounced); the draft is dropped once the commit
 * lands. So a reload never loses an edit: it shows the draft if a commit was still on its way, else the last
 * committed document. The first start migrates the document the first studio version kept in localStorage
 * (zustand persist under `twinscape.scenes`) into the engine, once. No React, no DOM beyond the given storage.
 */
import type { StoreApi } from 'zustand';
import type { SceneCall } from '../../engine/scenes/index.ts';
import { loadSceneDocument, type SceneDocument } from '../model/index.ts';
import type { SceneStore } from './sceneStore.ts';

/** The workspace's one studio document. */
export const SCENE_DOCUMENT_ID = 'main';
/** Where the first studio version persisted its store (zustand persist: `{state: {doc, sceneId, initialised}, version}`). */
export const LEGACY_STORAGE_KEY = 'twinscape.scenes';
/** The edit not yet committed to the engine: `{doc, baseVersion}`. */
export const DRAFT_STORAGE_KEY = 'twinscape.scenes.draft';
/** The scene last shown (a view preference, not document data). */
export const CURRENT_SCENE_KEY = 'twinscape.scenes.current';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type LoadedFrom = 'draft' | 'engine' | 'legacy' | 'none';

export interface ScenePersistenceOptions {
  /** Delay between an edit and its commit to the engine (edits in between are committed together). */
  debounceMs?: number;
  onError?: (message: string) => void;
  /**
   * Multi-tab: a channel shared by the tabs of the workspace (BroadcastChannel). A commit is announced on it; a tab
   * with no edit of its own pending reloads the committed document (one with pending edits keeps them; last write wins).
   */
  channel?: ChannelLike | null;
}

export interface ChannelLike {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export class ScenePersistence {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<boolean> | null = null;
  /** The document last committed to (or read from) the engine. */
  private committed: SceneDocument | null = null;
  /** True while a document committed by another tab is being put in the store. */
  private remote = false;
  private unsubscribe: (() => void) | null = null;
  loadedFrom: LoadedFrom = 'none';
  /** Problems met while loading (unreadable draft or legacy document, engine errors). */
  readonly notes: string[] = [];

  constructor(
    private store: StoreApi<SceneStore>,
    private call: SceneCall,
    private storage: KeyValueStorage | null,
    private opts: ScenePersistenceOptions = {},
  ) {}

  /** Reads the stored document (draft, engine or legacy), puts it in the store, then follows the store's edits. */
  async start(): Promise<LoadedFrom> {
    const draft = this.readJson(DRAFT_STORAGE_KEY) as { doc?: unknown; baseVersion?: unknown } | null;
    const legacy = this.readJson(LEGACY_STORAGE_KEY) as { state?: { doc?: unknown; sceneId?: unknown } } | null;
    const stored = await this.call('getDocument', SCENE_DOCUMENT_ID);
    let engineVersion = 0;
    if (stored.ok) engineVersion = stored.value.version;
    else if (stored.error.code !== 'NotFound') this.note(`The stored scenes could not be read (${stored.error.code}): ${stored.error.message}`);

    let doc: SceneDocument | null = null;
    const tryLoad = (raw: unknown, what: string): SceneDocument | null => {
      const r = loadSceneDocument(raw);
      if (r.ok) return r.value.document;
      this.note(`The ${what} could not be read (${r.error.code}): ${r.error.message}`);
      return null;
    };
    if (draft?.doc !== undefined && (typeof draft.baseVersion !== 'number' || draft.baseVersion >= engineVersion)) {
      doc = tryLoad(draft.doc, 'unsaved scene draft');
      if (doc) this.loadedFrom = 'draft';
    } else if (draft) {
      this.note('An unsaved scene draft older than the stored document (another tab saved since) was set aside.');
      this.storage?.setItem(`${DRAFT_STORAGE_KEY}.stale`, JSON.stringify(draft));
      this.storage?.removeItem(DRAFT_STORAGE_KEY);
    }
    if (!doc && stored.ok) {
      doc = tryLoad(stored.value.doc, 'stored scene document');
      if (doc) this.loadedFrom = 'engine';
    }
    if (!doc && !stored.ok && stored.error.code === 'NotFound' && legacy?.state?.doc !== undefined) {
      doc = tryLoad(legacy.state.doc, 'scene document kept by the previous version');
      if (doc) this.loadedFrom = 'legacy';
    }

    const current = this.storage?.getItem(CURRENT_SCENE_KEY) ?? (typeof legacy?.state?.sceneId === 'string' ? legacy.state.sceneId : null);
    const sceneId = doc && current && doc.configuration.scenes.some((s) => s.id === current) ? current : (doc?.configuration.scenes[0]?.id ?? null);
    const needsSave = this.loadedFrom === 'draft' || this.loadedFrom === 'legacy';
    this.store.setState({
      ...(doc ? { doc, sceneId, initialised: true } : {}),
      past: [], future: [], loaded: true, savedVersion: engineVersion,
      saveState: needsSave ? 'pending' : doc ? 'saved' : 'idle', saveError: null,
    });
    if (this.loadedFrom === 'engine') this.committed = this.store.getState().doc;
    if (this.opts.channel) this.opts.channel.onmessage = (ev) => void this.onRemoteCommit(ev.data);
    this.unsubscribe = this.store.subscribe((s, prev) => {
      if (s.sceneId !== prev.sceneId && s.sceneId) this.safeSet(CURRENT_SCENE_KEY, s.sceneId);
      if (s.doc !== prev.doc && !this.remote) this.changed(s.doc);
    });
    if (needsSave) {
      await this.flush();
      if (this.loadedFrom === 'legacy' && this.store.getState().saveState === 'saved') this.storage?.removeItem(LEGACY_STORAGE_KEY);
    }
    return this.loadedFrom;
  }

  /** Commits the store's document now, if it differs from the last one committed (waits for a commit on its way). */
  async flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    for (;;) {
      if (this.saving) await this.saving;
      // A store never initialised holds only the placeholder document: saving it would make an empty workspace
      // look like one whose scenes were all deleted (and the demo scenes would never be offered).
      if (!this.store.getState().initialised) return;
      if (this.store.getState().doc === this.committed) return;
      this.saving = this.save().finally(() => { this.saving = null; });
      if (!(await this.saving)) return;
    }
  }

  /** Another tab committed: take its document unless this tab has edits of its own on the way. */
  private async onRemoteCommit(data: unknown): Promise<void> {
    const msg = data as { type?: unknown; version?: unknown } | null;
    if (msg?.type !== 'scenes-committed' || typeof msg.version !== 'number') return;
    const st = this.store.getState();
    if (msg.version <= st.savedVersion || st.saveState === 'pending' || this.saving || this.timer) return;
    const r = await this.call('getDocument', SCENE_DOCUMENT_ID);
    if (!r.ok) return;
    const now = this.store.getState();
    if (r.value.version <= now.savedVersion || now.saveState === 'pending' || this.saving || this.timer) return;
    const loaded = loadSceneDocument(r.value.doc);
    if (!loaded.ok) return;
    const doc = loaded.value.document;
    this.committed = doc;
    const sceneId = now.sceneId && doc.configuration.scenes.some((x) => x.id === now.sceneId) ? now.sceneId : (doc.configuration.scenes[0]?.id ?? null);
    // Not an edit of this tab: set directly (the subscription sees a doc change; `committed` makes it no-op to save).
    this.remote = true;
    try {
      this.store.setState({ doc, sceneId, initialised: true, past: [], future: [], savedVersion: r.value.version, saveState: 'saved', saveError: null });
    } finally {
      this.remote = false;
    }
  }

  stop(): void {
    if (this.opts.channel) this.opts.channel.onmessage = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private changed(doc: SceneDocument): void {
    const { savedVersion } = this.store.getState();
    this.safeSet(DRAFT_STORAGE_KEY, JSON.stringify({ doc, baseVersion: savedVersion }));
    if (this.store.getState().saveState !== 'pending') this.store.setState({ saveState: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; void this.flush(); }, this.opts.debounceMs ?? 250);
  }

  /** One commit of the store's document; false when it failed (the draft stays). */
  private async save(): Promise<boolean> {
    const doc = this.store.getState().doc;
    let r: Awaited<ReturnType<SceneCall>>;
    try {
      r = await this.call('putDocument', SCENE_DOCUMENT_ID, doc);
    } catch (e) {
      r = { ok: false, error: { code: 'StorageError', message: e instanceof Error ? e.message : String(e) } };
    }
    if (!r.ok) {
      this.store.setState({ saveState: 'error', saveError: `${r.error.code}: ${r.error.message}` });
      this.opts.onError?.(`The scenes could not be saved (${r.error.code}): ${r.error.message}. Your edits are kept in this browser and saved again on the next edit.`);
      return false;
    }
    const version = (r.value as { version: number }).version;
    this.committed = doc;
    try { this.opts.channel?.postMessage({ type: 'scenes-committed', version }); } catch (_e) { /* a closed channel: other tabs see it on reload */ }
    if (this.store.getState().doc === doc) {
      this.storage?.removeItem(DRAFT_STORAGE_KEY);
      this.store.setState({ saveState: 'saved', saveError: null, savedVersion: version });
    } else {
      this.store.setState({ savedVersion: version });
      // the draft on disk is the newer document; its base moves to the version just committed
      this.safeSet(DRAFT_STORAGE_KEY, JSON.stringify({ doc: this.store.getState().doc, baseVersion: version }));
    }
    return true;
  }

  private readJson(key: string): unknown {
    const text = this.storage?.getItem(key);
    if (!text) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (_e) {
      this.note(`${key} in local storage is not JSON; ignored.`);
      return null;
    }
  }

  private safeSet(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch (e) {
      this.note(`Could not keep a local draft (${e instanceof Error ? e.message : String(e)}); edits are saved to the engine only.`);
    }
  }

  private note(message: string): void {
    this.notes.push(message);
    this.opts.onError?.(message);
  }
}
