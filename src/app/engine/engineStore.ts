import { create } from 'zustand';
import type { EngineStats } from '../../engine/types.ts';
import type { WorkspaceInfo } from '../../engine/EngineWorkerApi.ts';

export type EngineStatus = 'starting' | 'ready' | 'error';

export interface EngineState {
  status: EngineStatus;
  /** What went wrong, for the status bar (a crash, a failed open). */
  error: string | null;
  /** How many times the worker was restarted after a crash in this page's life. */
  restarts: number;
  stats: EngineStats;
  workspace: WorkspaceInfo | null;
}

export const useEngineStore = create<EngineState>(() => ({
  status: 'starting',
  error: null,
  restarts: 0,
  stats: { models: 0, twins: 0, relationships: 0 },
  workspace: null,
}));

export const useEngineStatus = () => useEngineStore((s) => s.status);
export const useEngineStats = () => useEngineStore((s) => s.stats);
