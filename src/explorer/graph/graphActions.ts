/** Canvas commands used by the toolbar, the keyboard and double-click: expand, collapse, hide, delete, undo. */
import { useExplorer } from '../state/explorerStore.ts';
import { explorerUndo, moveCommand } from '../undo/index.ts';
import { expandNeighbourhood, type Direction } from './graphData.ts';
import { graph } from './graphController.ts';
import { useGraphUi } from './graphUi.ts';
import type { LayoutName } from './layouts.ts';

/** Twins the user is acting on: the canvas selection (box select) or the inspector's twin. */
export function selectedTwinIds(): string[] {
  const cy = graph.cy;
  const ids = cy ? cy.nodes(':selected').map((n) => n.id()) : [];
  if (ids.length > 0) return ids;
  const sel = useExplorer.getState().selection;
  return sel?.kind === 'twin' ? [sel.id] : [];
}

export function selectedRelationshipKeys(): string[] {
  const cy = graph.cy;
  const keys = cy ? cy.edges(':selected').map((e) => e.id()) : [];
  if (keys.length > 0) return keys;
  const sel = useExplorer.getState().selection;
  return sel?.kind === 'relationship' ? [sel.id] : [];
}

export async function expand(ids: string[], direction?: Direction, depth?: number): Promise<void> {
  if (ids.length === 0) return;
  const ui = useGraphUi.getState();
  const store = useExplorer.getState();
  const known = new Set(store.canvas.twins.keys());
  const r = await expandNeighbourhood(ids, direction ?? ui.direction, depth ?? ui.depth, known);
  if (!r.ok) {
    ui.say('error', `${r.error.code}: ${r.error.message}`);
    return;
  }
  const added = r.value.twins.map((t) => t.$dtId).filter((id) => !known.has(id));
  for (const id of ids) graph.expansions.set(id, [...(graph.expansions.get(id) ?? []), ...added]);
  useExplorer.getState().unhide(r.value.twins.map((t) => t.$dtId));
  useExplorer.getState().addToCanvas(r.value.twins, r.value.relationships);
  ui.say('info', `Expanded ${ids.length === 1 ? ids[0] : `${ids.length} twins`}: ${added.length} twin${added.length === 1 ? '' : 's'} added${r.value.truncated ? ' (truncated at 5,000)' : ''}.`);
}

/** Removes what expanding these twins added (not the twins themselves, not what was there before). */
export function collapse(ids: string[]): void {
  const remove = new Set<string>();
  for (const id of ids) for (const x of graph.expansions.get(id) ?? []) remove.add(x);
  for (const id of ids) {
    remove.delete(id);
    graph.expansions.delete(id);
  }
  useExplorer.getState().removeFromCanvas(remove);
  useGraphUi.getState().say('info', remove.size > 0 ? `Collapsed: ${remove.size} twin${remove.size === 1 ? '' : 's'} removed from the canvas.` : 'Nothing to collapse: expand a twin first.');
}

export function hideSelected(): void {
  const ids = selectedTwinIds();
  if (ids.length === 0) return;
  useExplorer.getState().hide(ids);
  graph.cy?.nodes(':selected').unselect();
}

export function requestDelete(): void {
  const twinIds = selectedTwinIds();
  const relationshipKeys = twinIds.length > 0 ? [] : selectedRelationshipKeys();
  if (twinIds.length + relationshipKeys.length === 0) return;
  useGraphUi.getState().open({ kind: 'delete', twinIds, relationshipKeys });
}

export async function layoutWithUndo(name: LayoutName): Promise<void> {
  const moved = await graph.layout(name);
  if (moved && Object.keys(moved.before).length > 0) {
    explorerUndo.record(moveCommand(`layout ${name}`, moved.before, moved.after, (p) => graph.applyPositions(p)));
  }
}

export async function undo(): Promise<void> {
  const r = await explorerUndo.undo();
  if (r && !r.ok) useGraphUi.getState().say('error', `Undo failed: ${r.message}`);
}

export async function redo(): Promise<void> {
  const r = await explorerUndo.redo();
  if (r && !r.ok) useGraphUi.getState().say('error', `Redo failed: ${r.message}`);
}
