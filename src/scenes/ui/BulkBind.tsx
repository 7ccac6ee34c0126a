/**
 * Bulk binding: match the model's node names to twins (by id, or by a twin property) with a pattern,
 * preview the matches, create all elements in one (undoable) step.
 */
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { addElements, elementsFromMatches, matchNodesToTwins, type TwinToObjectMapping } from '../model/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';
import type { ModelNode } from '../viewer/ModelIndex.ts';

export function BulkBind({ sceneId, nodes, existing }: { sceneId: string; nodes: ModelNode[]; existing: TwinToObjectMapping[] }) {
  const edit = useSceneStore((s) => s.edit);
  const [pattern, setPattern] = useState('^(.*)$');
  const [property, setProperty] = useState('');
  const [twins, setTwins] = useState<Array<Record<string, unknown>>>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void engine.query('SELECT * FROM DIGITALTWINS', { pageSize: 5000 }).then((r) => {
      if (!cancelled && r.ok) setTwins(r.value.value as Array<Record<string, unknown>>);
    });
    return () => { cancelled = true; };
  }, []);
  const bound = useMemo(() => new Set(existing.flatMap((e) => e.objectIDs)), [existing]);
  const result = useMemo(() => matchNodesToTwins(
    nodes.filter((n) => n.meshIds.length && !n.meshIds.some((m) => bound.has(m))).map((n) => ({ name: n.name, meshIds: n.meshIds })),
    twins, { pattern, by: property.trim() ? { property: property.trim() } : 'id' },
  ), [nodes, twins, pattern, property, bound]);
  const create = () => {
    if (!result.ok || !result.value.length) return;
    const els = elementsFromMatches(result.value);
    const err = edit((d) => addElements(d, sceneId, els));
    setMessage(err ? err.message : `Created ${els.length} element(s)`);
  };
  return (
    <details className="scenes-panel" aria-label="Bulk binding">
      <summary>Bulk binding</summary>
      <label>Node name pattern (first group is the key)
        <input value={pattern} onChange={(e) => setPattern(e.target.value)} spellCheck={false} aria-label="Node name pattern" />
      </label>
      <label>Match the key to twin property (empty: twin id)
        <input value={property} onChange={(e) => setProperty(e.target.value)} placeholder="$dtId" aria-label="Twin property" />
      </label>
      {!result.ok && <p role="alert" className="error small">{result.error.message}</p>}
      {result.ok && (
        <>
          <p className="small" data-testid="bulk-count">{result.value.length} match(es) among {twins.length} twins</p>
          <ul className="scenes-list small" aria-label="Bulk matches">
            {result.value.slice(0, 50).map((m) => <li key={m.node.name}>{m.node.name} → {m.twinId}</li>)}
          </ul>
          <button type="button" className="primary" disabled={!result.value.length} onClick={create}>Create {result.value.length} element(s)</button>
        </>
      )}
      {message && <p className="small" role="status">{message}</p>}
    </details>
  );
}
