/** Transient UI state of the canvas: the open dialog and the expansion settings. */
import { create } from 'zustand';
import type { Direction } from './graphData.ts';

export type GraphDialog =
  | { kind: 'createTwin'; model: string; position: { x: number; y: number } }
  | { kind: 'createRelationship'; sourceId: string; targetId: string }
  | { kind: 'delete'; twinIds: string[]; relationshipKeys: string[] };

export interface GraphUiState {
  dialog: GraphDialog | null;
  direction: Direction;
  depth: number;
  message: { kind: 'info' | 'error'; text: string } | null;
  minimap: boolean;
  toggleMinimap(): void;
  open(dialog: GraphDialog): void;
  close(): void;
  setExpansion(patch: Partial<Pick<GraphUiState, 'direction' | 'depth'>>): void;
  say(kind: 'info' | 'error', text: string): void;
}

export const useGraphUi = create<GraphUiState>((set) => ({
  dialog: null,
  direction: 'both',
  depth: 1,
  message: null,
  minimap: false,
  toggleMinimap: () => set((s) => ({ minimap: !s.minimap })),
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
  setExpansion: (patch) => set((s) => ({ ...s, ...patch, depth: Math.min(5, Math.max(1, patch.depth ?? s.depth)) })),
  say: (kind, text) => set({ message: { kind, text } }),
}));
