/**
 * The Models panel: import (file picker, folder picker, zip, drop anywhere on the window), the model tree with
 * search and twin counts, model details, the model graph, and "download all models".
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useExplorer, useModelCatalog } from '../state/index.ts';
import { buildModelIndex, inclusiveCounts } from './modelIndex.ts';
import { dropHasFiles, filesFromDrop, filesFromList } from './collectFiles.ts';
import { useModelImport } from './useModelImport.ts';
import { useTwinCounts } from './useTwinCounts.ts';
import { ImportProgress } from './ImportProgress.tsx';
import { ModelTree } from './ModelTree.tsx';
import { ModelDetails } from './ModelDetails.tsx';
import { ModelGraph } from './ModelGraph.tsx';
import { DeleteAllModels } from './DeleteAllModels.tsx';
import { downloadBlob, modelsZip } from './downloadModels.ts';
import { useEngineStats, useEngineStatus } from '../../app/engine/index.ts';
import './models.css';

export function ModelsPanel() {
  const models = useModelCatalog((s) => s.models);
  const refresh = useModelCatalog((s) => s.refresh);
  const engineStatus = useEngineStatus();
  const selection = useExplorer((s) => s.selection);
  const select = useExplorer((s) => s.select);
  const selected = selection?.kind === 'model' ? selection.id : null;
  const [search, setSearch] = useState('');
  const [graphOpen, setGraphOpen] = useState(false);
  const [dropping, setDropping] = useState(false);
  const { state, run, reset } = useModelImport();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const graphDialog = useRef<HTMLDialogElement>(null);

  const modelCount = useEngineStats().models;
  // Models change from anywhere (demo, graph import, another tab): reload the catalog when their count does.
  useEffect(() => {
    if (engineStatus === 'ready') void refresh();
  }, [engineStatus, modelCount, refresh]);

  const index = useMemo(() => buildModelIndex(models), [models]);
  const counts = useTwinCounts(models);
  const inclusive = useMemo(() => inclusiveCounts(index, counts), [index, counts]);

  const onSelect = useCallback((id: string | null) => select(id ? { kind: 'model', id } : null), [select]);

  // Drop DTDL files, folders or zips anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!dropHasFiles(e.dataTransfer)) return;
      depth++;
      setDropping(true);
    };
    const leave = (e: DragEvent) => {
      if (!dropHasFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (!depth) setDropping(false);
    };
    const over = (e: DragEvent) => {
      if (!dropHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!dropHasFiles(e.dataTransfer) || e.defaultPrevented) return;
      e.preventDefault();
      depth = 0;
      setDropping(false);
      const pending = filesFromDrop(e.dataTransfer!);
      void run(() => pending);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [run]);

  useEffect(() => {
    const d = graphDialog.current;
    if (!d) return;
    if (graphOpen && !d.open) d.showModal();
    if (!graphOpen && d.open) d.close();
  }, [graphOpen]);

  const busy = state.phase === 'reading' || state.phase === 'uploading';
  return (
    <section className="models-panel" aria-label="Models">
      <div className="models-toolbar" role="toolbar" aria-label="Model actions">
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
          Import models
        </button>
        <button type="button" onClick={() => folderInput.current?.click()} disabled={busy}>
          Import folder
        </button>
        <button type="button" onClick={() => setGraphOpen(true)} disabled={!index.byId.size}>
          Model graph
        </button>
        <button
          type="button"
          disabled={!models.length}
          onClick={() => downloadBlob(modelsZip(models), 'twinscape-models.zip', 'application/zip')}
        >
          Download all models
        </button>
        <DeleteAllModels index={index} />
        <input
          ref={fileInput}
          type="file"
          multiple
          accept=".json,.zip,application/json,application/zip"
          hidden
          aria-label="Model files"
          onChange={(e) => {
            const list = e.target.files ? [...e.target.files] : [];
            e.target.value = '';
            if (list.length) void run(() => filesFromList(list));
          }}
        />
        <input
          ref={(el) => {
            folderInput.current = el;
            el?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple
          hidden
          aria-label="Model folder"
          onChange={(e) => {
            const list = e.target.files ? [...e.target.files] : [];
            e.target.value = '';
            if (list.length) void run(() => filesFromList(list));
          }}
        />
      </div>
      <ImportProgress state={state} onClose={reset} />
      <input
        type="search"
        className="models-search"
        placeholder="Search by id or name"
        aria-label="Search models"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <div className="models-count muted" data-testid="models-count">
        {index.byId.size} model{index.byId.size === 1 ? '' : 's'}
      </div>
      <div className="models-list">
        <ModelTree index={index} search={search} counts={counts} inclusive={inclusive} selected={selected} onSelect={onSelect} />
      </div>
      {selected && index.byId.has(selected) && !graphOpen ? (
        <div className="models-details">
          <ModelDetails key={selected} index={index} id={selected} onClose={() => onSelect(null)} showContents={false} />
        </div>
      ) : null}
      <dialog ref={graphDialog} className="model-graph-dialog" aria-label="Model graph" onClose={() => setGraphOpen(false)}>
        <div className="dialog-head">
          <h2>Model graph</h2>
          <button type="button" onClick={() => setGraphOpen(false)}>Close</button>
        </div>
        {graphOpen ? <ModelGraph index={index} selected={selected} onSelect={onSelect} /> : null}
      </dialog>
      {dropping ? (
        <div className="models-drop-overlay" aria-hidden="true">
          Drop DTDL files, folders or zips to import models
        </div>
      ) : null}
    </section>
  );
}
