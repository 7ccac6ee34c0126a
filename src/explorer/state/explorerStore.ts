/**
 * The explorer's UI store (zustand): what is selected, what the canvas shows, what is hidden, filtered or
 * highlighted, and the display-name property. Part A (canvas, inspector) and part B (models, query, import)
 * share it. Engine data is never edited here: edits go through engine commands, and committed engine events
 * come back through applyEngineEvents.
 */
import { create } from 'zustand';
import type { CloudEvent, Relationship, Twin } from '../../engine/types.ts';
import {
  applyEvents, emptyCanvas, removeTwins, showContent, keyOf, type CanvasContent, type ShowMode,
} from './canvasContent.ts';
import { emptyFilter, type FilterState } from './filters.ts';
import { loadPrefs, savePrefs } from './workspacePrefs.ts';

export type SelectionKind = 'twin' | 'relationship' | 'model';

/**
 * What the inspector shows. For relationships `id` is relationshipKey(sourceId, relationshipId)
 * (`<sourceId>/relationships/<relationshipId>`).
 */
export interface Selection {
  kind: SelectionKind;
  id: string;
}

export interface ExplorerState {
  workspaceId: string;
  selection: Selection | null;
  canvas: CanvasContent;
  /** Bumped on every canvas content change. */
  canvasRevision: number;
  /** Overlay mode: the ids (twin ids and relationship keys) of the latest overlaid result; the rest is dimmed. */
  highlight: ReadonlySet<string> | null;
  /** Twins hidden by the user (still "on the canvas", not drawn). */
  hidden: ReadonlySet<string>;
  /** Models switched off in the legend. */
  hiddenModels: ReadonlySet<string>;
  filter: FilterState;
  displayNameProperty: string;
  /** True while the canvas shows the whole workspace: twins created anywhere are added to it. */
  followCreates: boolean;

  select(selection: Selection | null): void;
  /** Puts query results (or any twins/relationships) on the canvas. */
  showOnCanvas(twins: readonly Twin[], relationships: readonly Relationship[], mode: ShowMode, opts?: { followCreates?: boolean }): void;
  /** Adds twins/relationships (expansion, creation, edge completion) without touching the overlay highlight. */
  addToCanvas(twins: readonly Twin[], relationships: readonly Relationship[]): void;
  removeFromCanvas(twinIds: Iterable<string>): void;
  clearCanvas(): void;
  clearHighlight(): void;
  hide(twinIds: Iterable<string>): void;
  /** Shows hidden twins again: the given ones, or all. */
  unhide(twinIds?: Iterable<string>): void;
  toggleModelVisible(model: string): void;
  setFilter(patch: Partial<FilterState>): void;
  resetFilter(): void;
  setDisplayNameProperty(property: string): void;
  /** Folds committed engine events into the canvas; returns ids of shown twins to re-fetch (new etag). */
  applyEngineEvents(events: readonly CloudEvent[], opts?: { addCreatedTwins?: Set<string> }): string[];
  /** Loads per-workspace preferences (display name) when the workspace changes. */
  setWorkspace(workspaceId: string): void;
}

export const useExplorer = create<ExplorerState>((set, get) => ({
  workspaceId: 'default',
  selection: null,
  canvas: emptyCanvas,
  canvasRevision: 0,
  highlight: null,
  hidden: new Set(),
  hiddenModels: new Set(),
  filter: emptyFilter,
  displayNameProperty: loadPrefs('default').displayNameProperty,
  followCreates: false,

  select: (selection) => set({ selection }),

  showOnCanvas: (twins, relationships, mode, opts) =>
    set((s) => {
      const canvas = showContent(s.canvas, twins, relationships, mode);
      const highlight =
        mode === 'overlay' ? new Set<string>([...twins.map((t) => t.$dtId), ...relationships.map((r) => keyOf(r))]) : null;
      const selection = keepSelection(s.selection, canvas);
      const followCreates = opts?.followCreates ?? (mode === 'replace' ? false : s.followCreates);
      return {
        canvas, canvasRevision: s.canvasRevision + 1, highlight, selection, followCreates,
        hidden: mode === 'replace' ? new Set<string>() : s.hidden,
      };
    }),

  addToCanvas: (twins, relationships) =>
    set((s) => {
      if (twins.length === 0 && relationships.length === 0) return {};
      return { canvas: showContent(s.canvas, twins, relationships, 'overlay'), canvasRevision: s.canvasRevision + 1 };
    }),

  removeFromCanvas: (ids) =>
    set((s) => {
      const canvas = removeTwins(s.canvas, ids);
      if (canvas === s.canvas) return {};
      return { canvas, canvasRevision: s.canvasRevision + 1, selection: keepSelection(s.selection, canvas) };
    }),

  clearCanvas: () =>
    set((s) => ({
      canvas: emptyCanvas, canvasRevision: s.canvasRevision + 1, highlight: null, hidden: new Set(), followCreates: false,
      selection: s.selection?.kind === 'model' ? s.selection : null,
    })),

  clearHighlight: () => set({ highlight: null }),

  hide: (ids) =>
    set((s) => {
      const hidden = new Set(s.hidden);
      for (const id of ids) hidden.add(id);
      return { hidden };
    }),

  unhide: (ids) =>
    set((s) => {
      if (!ids) return { hidden: new Set() };
      const hidden = new Set(s.hidden);
      for (const id of ids) hidden.delete(id);
      return { hidden };
    }),

  toggleModelVisible: (model) =>
    set((s) => {
      const hiddenModels = new Set(s.hiddenModels);
      if (hiddenModels.has(model)) hiddenModels.delete(model);
      else hiddenModels.add(model);
      return { hiddenModels };
    }),

  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  resetFilter: () => set({ filter: emptyFilter }),

  setDisplayNameProperty: (property) => {
    const { workspaceId } = get();
    savePrefs(workspaceId, { ...loadPrefs(workspaceId), displayNameProperty: property });
    set({ displayNameProperty: property });
  },

  applyEngineEvents: (events, opts) => {
    const s = get();
    const effect = applyEvents(s.canvas, events, s.followCreates ? { addCreatedTwins: createdTwinIds(events, opts?.addCreatedTwins) } : opts);
    if (effect.content !== s.canvas) {
      set({
        canvas: effect.content,
        canvasRevision: s.canvasRevision + 1,
        selection: keepSelection(s.selection, effect.content),
      });
    }
    return effect.stale;
  },

  setWorkspace: (workspaceId) => {
    if (workspaceId === get().workspaceId) return;
    set({
      workspaceId, displayNameProperty: loadPrefs(workspaceId).displayNameProperty, canvas: emptyCanvas,
      canvasRevision: get().canvasRevision + 1, selection: null, highlight: null, hidden: new Set(), hiddenModels: new Set(),
    });
  },
}));

function createdTwinIds(events: readonly CloudEvent[], extra?: Set<string>): Set<string> {
  const ids = new Set(extra);
  for (const e of events) if (e.type === 'Microsoft.DigitalTwins.Twin.Create') ids.add(e.subject);
  return ids;
}

/** Drops a twin/relationship selection whose subject left the canvas; model selections stay. */
function keepSelection(selection: Selection | null, canvas: CanvasContent): Selection | null {
  if (!selection) return null;
  if (selection.kind === 'twin') return canvas.twins.has(selection.id) ? selection : null;
  if (selection.kind === 'relationship') return canvas.relationships.has(selection.id) ? selection : null;
  return selection;
}
