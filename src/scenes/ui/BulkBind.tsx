/**
 * Bulk binding: choose the twins (all of them, or those an ADT query returns, run by the engine), match the model's
 * node names to them (by twin id, or by a twin property) with a pattern, preview the matches, create all elements
 * in one (undoable) step.
 */
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { addElements, elementsFromMatches, matchNodesToTwins, twinsFromQueryRows, type TwinToObjectMapping } from '../model/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';
import type { ModelNode } from '../viewer/ModelIndex.ts';

const ALL_TWINS = 'SELECT * FROM DIGITALTWINS';
const PAGE = 5000;

type Twins = { from: 'all' | 'query'; twins: Array<Record<string, unknown>>; error: string | null; running: boolean };

export function BulkBind({ sceneId, nodes, existing }: { sceneId: string; nodes: ModelNode[]; existing: TwinToObjectMapping[] }) {
  const edit = useSceneStore((s) => s.edit);
  const [source, setSource] = useState<'all' | 'query'>('all');
  const [query, setQuery] = useState("SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:twinscape:demo:Room;1')");
  const [pattern, setPattern] = useState('^(.*)$');
  const [property, setProperty] = useState('');
  const [twins, setTwins] = useState<Twins>({ from: 'all', twins: [], error: null, running: false });
  const [message, setMessage] = useState<string | null>(null);

  const run = async (q: string, from: 'all' | 'query') => {
    setTwins((t) => ({ ...t, running: true }));
    const r = await engine.query(q, { pageSize: PAGE });
    if (!r.ok) { setTwins({ from, twins: [], error: `${r.error.code}: ${r.error.message}`, running: false }); return; }
    setTwins({ from, twins: twinsFromQueryRows(r.value.value as unknown[]), error: null, running: false });
  };
  useEffect(() => {
    if (source !== 'all') return;
    let cancelled = false;
    void engine.query(ALL_TWINS, { pageSize: PAGE }).then((r) => {
      if (!cancelled && r.ok) setTwins({ from: 'all', twins: twinsFromQueryRows(r.value.value as unknown[]), error: null, running: false });
    });
    return () => { cancelled = true; };
  }, [source]);

  const bound = useMemo(() => new Set(existing.flatMap((e) => e.objectIDs)), [existing]);
  const candidates = useMemo(() => (twins.from === source ? twins.twins : []), [twins, source]);
  const result = useMemo(() => matchNodesToTwins(
    nodes.filter((n) => n.meshIds.length && !n.meshIds.some((m) => bound.has(m))).map((n) => ({ name: n.name, meshIds: n.meshIds })),
    candidates, { pattern, by: property.trim() ? { property: property.trim() } : 'id' },
  ), [nodes, candidates, pattern, property, bound]);
  const create = () => {
    if (!result.ok || !result.value.length) return;
    const els = elementsFromMatches(result.value);
    const err = edit((d) => addElements(d, sceneId, els));
    setMessage(err ? err.message : `Created ${els.length} element(s)`);
  };
  return (
    <details className="scenes-panel" aria-label="Bulk binding">
      <summary>Bulk binding</summary>
      <fieldset className="bulk-source">
        <legend className="small">Twins to bind</legend>
        <label className="check"><input type="radio" name="bulk-source" checked={source === 'all'} onChange={() => setSource('all')} /> All twins</label>
        <label className="check"><input type="radio" name="bulk-source" checked={source === 'query'} onChange={() => setSource('query')} /> Twins an ADT query returns</label>
      </fieldset>
      {source === 'query' && (
        <form aria-label="Bulk binding query" onSubmit={(e) => { e.preventDefault(); void run(query, 'query'); }}>
          <label>ADT query
            <textarea value={query} onChange={(e) => setQuery(e.target.value)} rows={3} spellCheck={false} aria-label="Twin query" />
          </label>
          <button type="submit" disabled={twins.running}>{twins.running ? 'Running…' : 'Run query'}</button>
          {twins.error && twins.from === 'query' && <p role="alert" className="error small">{twins.error}</p>}
        </form>
      )}
      <label>Node name pattern (first group is the key)
        <input value={pattern} onChange={(e) => setPattern(e.target.value)} spellCheck={false} aria-label="Node name pattern" />
      </label>
      <label>Match the key to twin property (empty: twin id)
        <input value={property} onChange={(e) => setProperty(e.target.value)} placeholder="$dtId" aria-label="Twin property" />
      </label>
      {!result.ok && <p role="alert" className="error small">{result.error.message}</p>}
      {result.ok && (
        <>
          <p className="small" data-testid="bulk-count">
            {result.value.length} match(es) among {candidates.length} twin(s){source === 'query' ? (twins.from === 'query' ? ' from the query' : ' — run the query') : ''}
          </p>
          <ul className="scenes-list small" aria-label="Bulk matches">
            {result.value.slice(0, 200).map((m) => <li key={m.node.name}>{m.node.name} → {m.twinId}</li>)}
          </ul>
          <button type="button" className="primary" disabled={!result.value.length} onClick={create}>Create {result.value.length} element(s)</button>
        </>
      )}
      {message && <p className="small" role="status">{message}</p>}
    </details>
  );
}
