/** Canvas toolbar: layouts, fit/zoom, expand (direction, depth) / collapse, hide / show, pin, delete, undo/redo, display name. */
import { useMemo, useSyncExternalStore } from 'react';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { useUndoState } from '../undo/index.ts';
import { collapse, expand, hideSelected, layoutWithUndo, redo, requestDelete, selectedTwinIds, undo } from './graphActions.ts';
import { graph } from './graphController.ts';
import type { Direction } from './graphData.ts';
import { useGraphUi } from './graphUi.ts';
import { layoutNames, slowLayoutNotice, type LayoutName } from './layouts.ts';

export function GraphToolbar() {
  const status = useSyncExternalStore(graph.subscribe, graph.getStatus);
  const undoState = useUndoState();
  const direction = useGraphUi((s) => s.direction);
  const depth = useGraphUi((s) => s.depth);
  const setExpansion = useGraphUi((s) => s.setExpansion);
  const minimap = useGraphUi((s) => s.minimap);
  const toggleMinimap = useGraphUi((s) => s.toggleMinimap);
  const selection = useExplorer((s) => s.selection);
  const hiddenCount = useExplorer((s) => s.hidden.size);
  const canvasCount = useExplorer((s) => s.canvas.twins.size);
  const displayName = useExplorer((s) => s.displayNameProperty);
  const setDisplayName = useExplorer((s) => s.setDisplayNameProperty);
  const interfaces = useModelCatalog((s) => s.interfaces);
  const stringProps = useMemo(() => {
    const counts = new Map<string, number>();
    for (const i of interfaces.values()) {
      for (const c of i.contents.values()) {
        if (c.kind === 'Property' && c.schema?.kind === 'primitive' && c.schema.name === 'string') counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
      }
    }
    return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
  }, [interfaces]);
  const hasTwin = selection?.kind === 'twin';
  const onLayout = (name: LayoutName) => {
    const slow = slowLayoutNotice(name, canvasCount);
    if (slow) useGraphUi.getState().say('info', slow);
    void layoutWithUndo(name);
  };
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Twin graph tools">
      <label>
        Layout{' '}
        <select aria-label="Layout" value={status.layout} onChange={(e) => onLayout(e.target.value as LayoutName)}>
          {layoutNames.map((l) => <option key={l.name} value={l.name}>{l.label}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => onLayout(status.layout)} disabled={status.layoutRunning}>Run layout</button>
      <button type="button" onClick={() => graph.fit()} title="Fit (F)">Fit</button>
      <button type="button" onClick={() => graph.zoomBy(1.25)} aria-label="Zoom in">+</button>
      <button type="button" onClick={() => graph.zoomBy(0.8)} aria-label="Zoom out">−</button>
      <button type="button" aria-pressed={minimap} onClick={toggleMinimap}>Minimap</button>
      <span className="sep" />
      <label>
        Expand{' '}
        <select aria-label="Expansion direction" value={direction} onChange={(e) => setExpansion({ direction: e.target.value as Direction })}>
          <option value="both">in + out</option>
          <option value="out">outgoing</option>
          <option value="in">incoming</option>
        </select>
      </label>
      <label>
        depth{' '}
        <select aria-label="Expansion depth" value={depth} onChange={(e) => setExpansion({ depth: Number(e.target.value) })}>
          {[1, 2, 3, 4, 5].map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </label>
      <button type="button" disabled={!hasTwin} onClick={() => void expand(selectedTwinIds())}>Expand</button>
      <button type="button" disabled={!hasTwin} onClick={() => collapse(selectedTwinIds())}>Collapse</button>
      <button type="button" disabled={!hasTwin} onClick={hideSelected} title="Hide (H)">Hide</button>
      <button type="button" disabled={hiddenCount === 0} onClick={() => useExplorer.getState().unhide()}>Show hidden ({hiddenCount})</button>
      <button type="button" disabled={!hasTwin} onClick={() => graph.togglePin(selectedTwinIds())}>
        {hasTwin && graph.isPinned(selection.id) ? 'Unpin' : 'Pin'}
      </button>
      <button type="button" className="danger" disabled={!selection || selection.kind === 'model'} onClick={requestDelete}>Delete…</button>
      <span className="sep" />
      <button type="button" disabled={!undoState.undoLabel || undoState.busy} onClick={() => void undo()} title={undoState.undoLabel ? `Undo ${undoState.undoLabel} (Ctrl+Z)` : 'Nothing to undo'}>Undo</button>
      <button type="button" disabled={!undoState.redoLabel || undoState.busy} onClick={() => void redo()} title={undoState.redoLabel ? `Redo ${undoState.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}>Redo</button>
      <span className="sep" />
      <label>
        Label{' '}
        <select aria-label="Display name property" value={displayName} onChange={(e) => setDisplayName(e.target.value)}>
          <option value="$dtId">$dtId</option>
          {stringProps.map(([name, n]) => <option key={name} value={name}>{name} ({n} model{n === 1 ? '' : 's'})</option>)}
        </select>
      </label>
    </div>
  );
}
