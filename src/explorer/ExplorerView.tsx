/**
 * The explorer layout: query panel on top; models on the left; the twin graph in the centre (toolbar, filters,
 * canvas, legend); the property inspector on the right. Ctrl+Z / Ctrl+Shift+Z undo and redo graph edits
 * anywhere in the explorer except inside text fields.
 */
import { useEffect } from 'react';
import { GraphCanvas, GraphDialogs, GraphToolbar, FilterBar, Legend } from './graph/index.ts';
import { redo, undo } from './graph/graphActions.ts';
import { Inspector } from './inspector/index.ts';
import { ImportExportMenu } from './io/index.ts';
import { ModelsPanel } from './models/index.ts';
import { QueryPanel } from './query/index.ts';
import './explorer.css';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type));
}

export function ExplorerView() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || e.altKey) return;
      if (isTextField(e.target) || e.defaultPrevented) return;
      e.preventDefault();
      void (e.shiftKey ? redo() : undo());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section aria-label="Twin graph" className="explorer">
      <div className="explorer-query">
        <QueryPanel />
      </div>
      <div className="explorer-models">
        <ModelsPanel />
      </div>
      <div className="explorer-graph">
        <div className="explorer-graph-head">
          <GraphToolbar />
          <ImportExportMenu />
        </div>
        <FilterBar />
        <GraphCanvas />
        <Legend />
      </div>
      <div className="explorer-inspector">
        <Inspector />
      </div>
      <GraphDialogs />
    </section>
  );
}
