/**
 * Import / export of whole graphs. Import: pick a file -> preview (counts, sample, problems) -> import with a
 * progress bar and Cancel -> report. Export: what the canvas shows, or the whole workspace, as ADT Explorer JSON
 * (.json), or the workspace as NDJSON.
 *
 * Cancel: aborts the import's signal; the engine stops between chunks and aborts its one IndexedDB transaction
 * (result `Cancelled`): nothing of the import is kept, the workspace stays as it was, the worker keeps running.
 */
import { useEffect, useRef, useState } from 'react';
import { proxy } from 'comlink';
import { engine, useEngineStore } from '../../app/engine/index.ts';
import type { ImportReport } from '../../engine/TwinEngine.ts';
import type { Progress } from '../../engine/types.ts';
import { drawableRelationships, useExplorer, useModelCatalog } from '../state/index.ts';
import { canvasGraphFile } from './canvasExport.ts';
import { downloadBlob } from '../models/downloadModels.ts';
import { prepareGraphFile, type PreparedGraph } from './prepareGraphFile.ts';
import './io.css';

type Stage =
  | { kind: 'closed' }
  | { kind: 'preview'; prepared: PreparedGraph }
  | { kind: 'importing'; prepared: PreparedGraph; progress: Progress | null }
  | { kind: 'report'; prepared: PreparedGraph; report: ImportReport | null; error: string | null; cancelled?: boolean };

const PHASES: Record<string, string> = { parse: 'Reading the file', models: 'Checking models', twins: 'Checking twins', relationships: 'Checking relationships', write: 'Writing' };

function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'workspace';
}

export function ImportExportMenu() {
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'closed' });
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<(() => void) | null>(null);
  const workspaceName = useEngineStore((s) => s.workspace?.name ?? 'workspace');
  const menuRef = useRef<HTMLDivElement>(null);
  const canvasTwins = useExplorer((s) => s.canvas.twins.size);

  const exportCanvas = () => {
    setOpen(false);
    // What is drawn: hidden twins stay in (they are on the canvas), relationships need both ends there.
    const { canvas } = useExplorer.getState();
    const text = canvasGraphFile(canvas.twins.values() as Iterable<Record<string, unknown>>, drawableRelationships(canvas) as Array<Record<string, unknown>>, useModelCatalog.getState().models);
    downloadBlob(text, `${fileStem(workspaceName)}-canvas.json`, 'application/json');
  };

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (stage.kind !== 'closed' && !d.open) d.showModal();
    if (stage.kind === 'closed' && d.open) d.close();
  }, [stage.kind]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const pick = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    setStage({ kind: 'preview', prepared: prepareGraphFile(file.name, bytes) });
  };

  const runImport = async (prepared: PreparedGraph) => {
    setStage({ kind: 'importing', prepared, progress: null });
    const abort = new AbortController();
    cancelRef.current = () => abort.abort();
    const onProgress = proxy((p: Progress) => setStage((s) => (s.kind === 'importing' ? { ...s, progress: p } : s)));
    const outcome = await engine.importGraph(prepared.text, prepared.format, onProgress, { signal: abort.signal });
    cancelRef.current = null;
    if (!outcome.ok && outcome.error.code === 'Cancelled') {
      void useModelCatalog.getState().refresh();
      setStage({ kind: 'report', prepared, report: null, error: null, cancelled: true });
      return;
    }
    void useModelCatalog.getState().refresh();
    if (outcome.ok) setStage({ kind: 'report', prepared, report: outcome.value, error: null });
    else {
      const details = outcome.error.details as Partial<ImportReport> | undefined;
      const report = details && Array.isArray(details.errors) ? (details as ImportReport) : null;
      setStage({ kind: 'report', prepared, report, error: `${outcome.error.code}: ${outcome.error.message}` });
    }
  };

  const doExport = async (format: 'adt-explorer-json' | 'ndjson') => {
    setOpen(false);
    setExporting(true);
    setExportError(null);
    const r = await engine.exportGraph(format);
    setExporting(false);
    if (!r.ok) {
      setExportError(`${r.error.code}: ${r.error.message}`);
      return;
    }
    const ext = format === 'ndjson' ? 'ndjson' : 'json';
    downloadBlob(r.value, `${fileStem(workspaceName)}.${ext}`, format === 'ndjson' ? 'application/x-ndjson' : 'application/json');
  };

  return (
    <div className="io-menu" ref={menuRef}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={exporting}>
        {exporting ? 'Exporting…' : 'Import / export'}
      </button>
      {open ? (
        <div role="menu" className="io-menu-list" aria-label="Import and export">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              fileInput.current?.click();
            }}
          >
            Import graph…
          </button>
          <button type="button" role="menuitem" onClick={exportCanvas} disabled={!canvasTwins}>
            Export canvas (.json)
          </button>
          <button type="button" role="menuitem" onClick={() => void doExport('adt-explorer-json')}>
            Export workspace (.json)
          </button>
          <button type="button" role="menuitem" onClick={() => void doExport('ndjson')}>
            Export workspace (.ndjson)
          </button>
        </div>
      ) : null}
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label="Graph file"
        accept=".json,.ndjson,.jsonl,.csv,.xlsx"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void pick(f);
        }}
      />
      {exportError ? (
        <div role="alert" className="io-error">
          Export failed: {exportError} <button type="button" onClick={() => setExportError(null)}>×</button>
        </div>
      ) : null}
      <dialog ref={dialog} className="io-dialog" aria-label="Import graph" onCancel={(e) => stage.kind === 'importing' && e.preventDefault()} onClose={() => setStage({ kind: 'closed' })}>
        {stage.kind !== 'closed' ? <ImportBody stage={stage} onImport={runImport} onCancel={() => cancelRef.current?.()} onClose={() => setStage({ kind: 'closed' })} /> : null}
      </dialog>
    </div>
  );
}

function Counts({ p }: { p: PreparedGraph }) {
  return (
    <ul className="io-counts">
      <li>{p.models} models</li>
      <li>{p.twins} twins</li>
      <li>{p.relationships} relationships</li>
    </ul>
  );
}

function ImportBody({ stage, onImport, onCancel, onClose }: { stage: Exclude<Stage, { kind: 'closed' }>; onImport(p: PreparedGraph): void; onCancel(): void; onClose(): void }) {
  const p = stage.prepared;
  const kindLabel = { 'adt-explorer-json': 'ADT Explorer JSON', ndjson: 'ADT bulk import (NDJSON)', csv: 'ADT Explorer spreadsheet (CSV)', xlsx: 'ADT Explorer spreadsheet (XLSX)' }[p.kind];
  return (
    <div className="io-body">
      <h2>Import {p.fileName}</h2>
      <p className="muted">{kindLabel}</p>
      {stage.kind === 'preview' ? (
        <>
          <section aria-label="Import preview">
            <Counts p={p} />
            {p.sample.length ? (
              <table className="io-sample">
                <caption>First twins</caption>
                <thead>
                  <tr>
                    <th scope="col">Twin id</th>
                    <th scope="col">Model</th>
                  </tr>
                </thead>
                <tbody>
                  {p.sample.map((t) => (
                    <tr key={t.id}>
                      <td>{t.id}</td>
                      <td>{t.model}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {p.problems.length ? (
              <div role="alert" className="io-problems">
                <strong>{p.problems.length} problem{p.problems.length === 1 ? '' : 's'}; fix the file and pick it again:</strong>
                <ul>
                  {p.problems.slice(0, 50).map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="muted">Twins with existing ids are replaced and relationships with existing ids updated, so importing the same file again adds nothing.</p>
            )}
          </section>
          <div className="io-buttons">
            <button type="button" className="primary" disabled={!!p.problems.length || !p.text} onClick={() => onImport(p)}>
              Import
            </button>
            <button type="button" onClick={onClose}>Cancel</button>
          </div>
        </>
      ) : null}
      {stage.kind === 'importing' ? (
        <div role="status" className="io-progress">
          <div>
            {stage.progress ? `${PHASES[stage.progress.phase] ?? stage.progress.phase}: ${stage.progress.done} of ${stage.progress.total}` : 'Starting…'}
          </div>
          {stage.progress && stage.progress.total > 0 ? (
            <progress aria-label="Import progress" max={stage.progress.total} value={stage.progress.done} />
          ) : (
            <progress aria-label="Import progress" />
          )}
          <div className="io-buttons">
            <button type="button" onClick={onCancel}>Cancel import</button>
          </div>
        </div>
      ) : null}
      {stage.kind === 'report' ? (
        <section aria-label="Import report" className="io-report">
          {stage.cancelled ? (
            <p role="status">Import cancelled: nothing was imported.</p>
          ) : stage.error ? (
            <div role="alert" className="io-problems">
              <strong>Nothing was imported.</strong> {stage.error}
              {stage.report?.errors.length ? (
                <ul>
                  {stage.report.errors.slice(0, 100).map((e, i) => (
                    <li key={i}>
                      {e.line !== undefined ? `line ${e.line}: ` : e.pointer ? `${e.pointer}: ` : ''}
                      {e.code}: {e.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : stage.report ? (
            <p role="status" data-testid="import-report">
              Imported {stage.report.models} models, {stage.report.twins} twins and {stage.report.relationships} relationships (created or updated).
            </p>
          ) : null}
          <div className="io-buttons">
            <button type="button" onClick={onClose}>Close</button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
