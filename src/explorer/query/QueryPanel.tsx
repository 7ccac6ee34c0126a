/**
 * The query panel: editor (highlighting, completion, inline errors, Ctrl+Enter), history and saved queries
 * per workspace, results in Graph / Table / JSON tabs with paging, and the plan from explain.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { engine, useEngineStore } from '../../app/engine/index.ts';
import type { QueryPage, Relationship, Result, Twin } from '../../engine/types.ts';
import { useExplorer, useModelCatalog } from '../state/index.ts';
import { buildModelIndex } from '../models/modelIndex.ts';
import { QueryEditor, type EditorError } from './QueryEditor.tsx';
import { ResultTable } from './ResultTable.tsx';
import { completionContext } from './completionContext.ts';
import { extractGraph } from './resultRows.ts';
import { relationshipsAmong } from './relationshipsAmong.ts';
import { addToHistory, deleteSaved, loadBook, saveBook, saveQuery, type QueryBook } from './queryStorage.ts';
import './query.css';

type Tab = 'graph' | 'table' | 'json' | 'plan';

interface ResultState {
  query: string;
  rows: unknown[];
  token: string | null;
  pages: number;
  ms: number;
  graph: { twins: number; relationships: number };
}

/** ADT (and the engine) return at most 1000 rows per page. */
const PAGE_SIZES = [100, 500, 1000];
/** "Load all" stops here; beyond, narrow the query. */
const LOAD_ALL_CAP = 100_000;
/** Raw JSON is for reading: past this many rows the DOM gets heavy for nothing. */
const JSON_ROWS = 1000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function toEditorError(code: string, message: string, details: unknown): EditorError {
  const d = (details ?? {}) as { line?: unknown; column?: unknown; offset?: unknown };
  const e: EditorError = { message: code === 'SqlQueryError' ? message : `${code}: ${message}` };
  if (typeof d.offset === 'number') e.offset = d.offset;
  if (typeof d.line === 'number') e.line = d.line;
  if (typeof d.column === 'number') e.column = d.column;
  return e;
}

export function QueryPanel() {
  const workspaceId = useEngineStore((s) => s.workspace?.id ?? 'default');
  const models = useModelCatalog((s) => s.models);
  const showOnCanvas = useExplorer((s) => s.showOnCanvas);
  const index = useMemo(() => buildModelIndex(models), [models]);
  const context = useMemo(() => completionContext(index), [index]);
  const [text, setText] = useState('SELECT * FROM DIGITALTWINS');
  const [error, setError] = useState<EditorError | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ResultState | null>(null);
  const [tab, setTab] = useState<Tab>('graph');
  const [overlay, setOverlay] = useState(false);
  const [pageSize, setPageSize] = useState(1000);
  const [plan, setPlan] = useState<unknown>(undefined);
  const [book, setBook] = useState<QueryBook>(() => loadBook(storage(), workspaceId));
  const [saving, setSaving] = useState(false);
  const [saveName, setSaveName] = useState('');
  const [resultsOpen, setResultsOpen] = useState(true);

  useEffect(() => setBook(loadBook(storage(), workspaceId)), [workspaceId]);
  const updateBook = useCallback(
    (f: (b: QueryBook) => QueryBook) =>
      setBook((b) => {
        const next = f(b);
        saveBook(storage(), workspaceId, next);
        return next;
      }),
    [workspaceId],
  );

  const sendToCanvas = useCallback(
    async (rows: unknown[], mode: 'replace' | 'overlay') => {
      const g = extractGraph(rows);
      let rels = g.relationships as Relationship[];
      if (g.twins.length) {
        const shown = mode === 'overlay' ? new Set(useExplorer.getState().canvas.twins.keys()) : new Set<string>();
        const among = await relationshipsAmong((q, o) => engine.query(q, o), g.twins.map((t) => t.$dtId), shown);
        const seen = new Set(rels.map((r) => `${r.$sourceId}\u0000${r.$relationshipId}`));
        rels = [...rels, ...among.filter((r) => !seen.has(`${r.$sourceId}\u0000${r.$relationshipId}`))];
      }
      showOnCanvas(g.twins as Twin[], rels, mode);
      return { twins: g.twins.length, relationships: rels.length };
    },
    [showOnCanvas],
  );

  const run = useCallback(async () => {
    const q = text.trim();
    if (!q || running) return;
    setRunning(true);
    setError(null);
    const started = performance.now();
    const page: Result<QueryPage> = await engine.query(q, { pageSize });
    const ms = Math.round(performance.now() - started);
    updateBook((b) => addToHistory(b, q, new Date().toISOString()));
    if (!page.ok) {
      setError(toEditorError(page.error.code, page.error.message, page.error.details));
      setRunning(false);
      return;
    }
    const rows = page.value.value;
    setResultsOpen(true);
    const graph = await sendToCanvas(rows, overlay ? 'overlay' : 'replace');
    setResult({ query: q, rows, token: page.value.continuationToken, pages: 1, ms, graph });
    setPlan(undefined);
    if (!graph.twins && !graph.relationships) setTab((t) => (t === 'graph' ? 'table' : t));
    setRunning(false);
  }, [text, running, pageSize, overlay, sendToCanvas, updateBook]);

  const loadMore = useCallback(
    async (all: boolean) => {
      if (!result?.token || running) return;
      setRunning(true);
      let rows = result.rows;
      let token: string | null = result.token;
      let pages = result.pages;
      do {
        const page: Result<QueryPage> = await engine.query(result.query, { pageSize, continuationToken: token });
        if (!page.ok) {
          setError(toEditorError(page.error.code, page.error.message, page.error.details));
          break;
        }
        rows = [...rows, ...page.value.value];
        token = page.value.continuationToken;
        pages++;
        if (all) setResult({ ...result, rows, token, pages });
      } while (all && token && rows.length < LOAD_ALL_CAP);
      const graph = await sendToCanvas(rows, overlay ? 'overlay' : 'replace');
      setResult({ ...result, rows, token, pages, graph });
      setRunning(false);
    },
    [result, running, pageSize, overlay, sendToCanvas],
  );

  const explain = useCallback(async () => {
    const q = text.trim();
    if (!q) return;
    const r = await engine.explain(q);
    if (!r.ok) {
      setError(toEditorError(r.error.code, r.error.message, r.error.details));
      return;
    }
    setError(null);
    setPlan(r.value);
    setTab('plan');
  }, [text]);

  return (
    <section className="query-panel" aria-label="Query">
      <div className="query-top">
        <QueryEditor
          value={text}
          onChange={(t) => {
            setText(t);
            setError(null);
          }}
          onRun={() => void run()}
          context={context}
          error={error}
        />
        <div className="query-actions" role="toolbar" aria-label="Query actions">
          <button type="button" className="primary" onClick={() => void run()} disabled={running} title="Run (Ctrl+Enter)">
            {running ? 'Running…' : 'Run query'}
          </button>
          <button type="button" onClick={() => void explain()}>Explain</button>
          <label className="inline">
            <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} /> Overlay results
          </label>
          <label className="inline">
            Page size{' '}
            <select value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
          </label>
          <label className="inline">
            History{' '}
            <select
              value=""
              onChange={(e) => {
                if (e.target.value) setText(e.target.value);
              }}
            >
              <option value="">{book.history.length ? `${book.history.length} recent` : 'none yet'}</option>
              {book.history.map((h) => (
                <option key={h.query} value={h.query}>{h.query.length > 80 ? `${h.query.slice(0, 80)}…` : h.query}</option>
              ))}
            </select>
          </label>
          <label className="inline">
            Saved queries{' '}
            <select
              value=""
              onChange={(e) => {
                const s = book.saved.find((x) => x.name === e.target.value);
                if (s) setText(s.query);
              }}
            >
              <option value="">{book.saved.length ? 'choose…' : 'none yet'}</option>
              {book.saved.map((s) => (
                <option key={s.name} value={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
          {saving ? (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                updateBook((b) => saveQuery(b, saveName, text));
                setSaving(false);
                setSaveName('');
              }}
            >
              <input aria-label="Query name" placeholder="Name" value={saveName} onChange={(e) => setSaveName(e.target.value)} autoFocus />
              <button type="submit" disabled={!saveName.trim()}>Save</button>
              <button type="button" onClick={() => setSaving(false)}>Cancel</button>
            </form>
          ) : (
            <button type="button" onClick={() => setSaving(true)}>Save query…</button>
          )}
          {book.saved.length ? (
            <details className="saved-manage">
              <summary>Manage saved</summary>
              <ul>
                {book.saved.map((s) => (
                  <li key={s.name}>
                    <span title={s.query}>{s.name}</span>{' '}
                    <button type="button" aria-label={`Delete saved query ${s.name}`} onClick={() => updateBook((b) => deleteSaved(b, s.name))}>
                      Delete
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      </div>
      {result || plan !== undefined ? (
        <div className="query-results">
          <div className="query-tabs">
            <button type="button" className="results-toggle" aria-expanded={resultsOpen} aria-controls="query-results-panel" onClick={() => setResultsOpen((o) => !o)}>
              {resultsOpen ? 'Hide results' : 'Show results'}
            </button>
            <div role="tablist" aria-label="Result views" className="query-tablist">
              {(['graph', 'table', 'json', 'plan'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  onClick={() => {
                    setTab(t);
                    setResultsOpen(true);
                  }}
                >
                  {t === 'graph' ? 'Graph' : t === 'table' ? 'Table' : t === 'json' ? 'JSON' : 'Plan'}
                </button>
              ))}
            </div>
            {result ? (
              <span className="muted" data-testid="query-summary">
                {result.rows.length} row{result.rows.length === 1 ? '' : 's'} · {result.pages} page{result.pages === 1 ? '' : 's'} · {result.ms} ms
              </span>
            ) : null}
            {result?.token ? (
              <>
                <button type="button" onClick={() => void loadMore(false)} disabled={running}>
                  Load more
                </button>
                <button type="button" onClick={() => void loadMore(true)} disabled={running} title={`Every page, up to ${LOAD_ALL_CAP} rows`}>
                  Load all
                </button>
              </>
            ) : null}
          </div>
          <div role="tabpanel" id="query-results-panel" className="query-tabpanel" aria-label={tab} hidden={!resultsOpen}>
            {tab === 'graph' && result ? (
              <div className="graph-summary">
                {result.graph.twins || result.graph.relationships ? (
                  <p data-testid="graph-summary">
                    {result.graph.twins} twins and {result.graph.relationships} relationships on the canvas ({overlay ? 'overlay' : 'replaced'}).
                  </p>
                ) : (
                  <p>This result has no twins or relationships (a projection or an aggregate): see the Table tab.</p>
                )}
                <button type="button" onClick={() => void sendToCanvas(result.rows, 'replace')}>Show on canvas</button>{' '}
                <button type="button" onClick={() => void sendToCanvas(result.rows, 'overlay')}>Add to canvas (overlay)</button>
              </div>
            ) : null}
            {tab === 'table' && result ? <ResultTable rows={result.rows} /> : null}
            {tab === 'json' && result ? (
              <>
                {result.rows.length > JSON_ROWS ? (
                  <p className="muted">
                    Showing the first {JSON_ROWS} of {result.rows.length} rows; the Table tab and its CSV export have them all.
                  </p>
                ) : null}
                <pre className="query-json" aria-label="Raw JSON">{JSON.stringify(result.rows.slice(0, JSON_ROWS), null, 2)}</pre>
              </>
            ) : null}
            {tab === 'plan' ? (
              plan === undefined ? (
                <button type="button" onClick={() => void explain()}>Explain this query</button>
              ) : (
                <pre className="query-json" aria-label="Query plan">{typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2)}</pre>
              )
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
