/** Inspector of one relationship: its endpoints and its properties (typed, from the source model), saved as a JSON Patch with If-Match. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { engine, onEngineEvents } from '../../app/engine/index.ts';
import type { Relationship } from '../../engine/types.ts';
import type { ContentInfo } from '../../dtdl/index.ts';
import { parseRelationshipKey } from '../state/relationshipKey.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, patchRelationshipCommand } from '../undo/index.ts';
import { buildPatch } from './buildPatch.ts';
import { FieldRow } from './ValueEditor.tsx';

function editable(rel: Relationship): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rel)) if (!k.startsWith('$')) out[k] = structuredClone(v);
  return out;
}

export function RelationshipInspector({ relKey }: { relKey: string }) {
  const parsed = parseRelationshipKey(relKey);
  const interfaces = useModelCatalog((s) => s.interfaces);
  const sourceModel = useExplorer((s) => (parsed ? s.canvas.twins.get(parsed.sourceId)?.$metadata.$model : undefined));
  const [stored, setStored] = useState<Relationship | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!parsed) return;
    const r = await engine.getRelationship(parsed.sourceId, parsed.relationshipId);
    if (!r.ok) {
      setError(`${r.error.code}: ${r.error.message}`);
      return;
    }
    setError(null);
    setStored(r.value);
    setDraft(editable(r.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [relKey]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => onEngineEvents((events) => {
    if (events.some((e) => e.subject === relKey)) void load();
  }), [relKey, load]);

  const original = useMemo(() => (stored ? editable(stored) : {}), [stored]);
  const patch = useMemo(() => buildPatch(original, draft), [original, draft]);
  if (!parsed) return <p className="error">Not a relationship: {relKey}</p>;
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!stored) return <p className="muted">Loading…</p>;

  const content = sourceModel ? interfaces.get(sourceModel)?.contents.get(stored.$relationshipName) : undefined;
  const props: ContentInfo[] = content?.properties ?? [];
  const known = new Set(props.map((p) => p.name));
  const unmodelled = Object.keys(draft).filter((k) => !known.has(k));

  const save = async () => {
    const r = await explorerUndo.execute(patchRelationshipCommand(stored, patch, stored.$etag));
    if (r.ok) {
      setStatus('Saved.');
      await load();
    } else setStatus(r.message.startsWith('PreconditionFailed') ? 'Conflict: the relationship changed elsewhere. Reloaded the stored version; re-apply your edit.' : r.message);
    if (!r.ok && r.message.startsWith('PreconditionFailed')) await load();
  };

  return (
    <div className="relationship-inspector">
      <header className="inspector-head">
        <h3>{stored.$relationshipName}</h3>
        <p className="muted">{stored.$sourceId} → {stored.$targetId}</p>
        <p className="muted">id {stored.$relationshipId} · etag {stored.$etag}</p>
      </header>
      {props.length === 0 && unmodelled.length === 0 && <p className="muted">This relationship has no properties.</p>}
      {props.map((p) => (
        <FieldRow key={p.name} name={p.name} label={p.name} schema={p.schema} value={draft[p.name]}
          onChange={(v) => setDraft((d) => {
            const n = { ...d };
            if (v === undefined) delete n[p.name];
            else n[p.name] = v;
            return n;
          })} />
      ))}
      {unmodelled.map((k) => (
        <p key={k}><span className="field-name">{k}</span> <span className="badge warn-text">unmodelled</span> {JSON.stringify(draft[k])}</p>
      ))}
      <div className="save-bar">
        <button type="button" className="primary" disabled={patch.length === 0} onClick={save}>Save</button>
        {status && <span role="status">{status}</span>}
      </div>
      {patch.length > 0 && <pre aria-label="JSON Patch">{JSON.stringify(patch, null, 2)}</pre>}
    </div>
  );
}
