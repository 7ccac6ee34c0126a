/**
 * What src/engine/worker.ts exposes over comlink: the TwinEngine of the open workspace, plus workspace
 * management. The UI reaches it only through src/app's engine client.
 */
import type { GraphFormat, ImportOptions, ImportReport, TwinEngine } from './TwinEngine.ts';
import type { Progress } from './types.ts';
import type { EngineStats, Result } from './types.ts';
import type { LiveCall } from './live/index.ts';
import type { SceneCall } from './scenes/index.ts';

export interface WorkspaceInfo {
  id: string;
  name: string;
  createdAt: string;
}

/**
 * The receiving end of a MessageChannel, transferred with the call (an AbortSignal cannot cross to the worker): any
 * message on it cancels the import. The app's engine client makes one from the caller's AbortSignal.
 */
export interface AbortPortLike {
  /** Only the arrival matters, not the message (`never`: a MessagePort's handler type fits). */
  onmessage: ((ev: never) => void) | null;
  close(): void;
}

export interface WorkerImportOptions extends ImportOptions {
  abortPort?: AbortPortLike;
}

export interface EngineWorkerApi extends TwinEngine {
  importGraph(text: string, format: GraphFormat, onProgress?: (p: Progress) => void, opts?: WorkerImportOptions): Promise<Result<ImportReport>>;
  /** Opens (creating if needed) a workspace's database and loads it; resolves when queries can run. */
  open(workspaceId: string): Promise<Result<EngineStats>>;
  listWorkspaces(): Promise<WorkspaceInfo[]>;
  createWorkspace(name: string): Promise<Result<WorkspaceInfo>>;
  renameWorkspace(id: string, name: string): Promise<Result<WorkspaceInfo>>;
  deleteWorkspace(id: string): Promise<Result<void>>;
  ping(): Promise<'pong'>;
  /** Live data, routes, user functions, simulator (src/engine/live LiveApi). */
  liveCall: LiveCall;
  /** Scene documents and model files by content hash (src/engine/scenes SceneApi). */
  sceneCall: SceneCall;
}
