/**
 * Inspector of one relationship: its endpoints and its properties (typed, from the source model), saved as a
 * JSON Patch with If-Match. Changes made elsewhere are followed while there is no unsaved edit; with one, the
 * edit is kept (and flagged), and saving it on the stale version opens the conflict view with both versions.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { engine, onEngineEvents } from '../../app/engine/index.ts';
import type { JsonPatchOp, Relationship } from '../../engine/types.ts';
import type { ContentInfo } from '../../dtdl/index.ts';
import { parseRelationshipKey } from '../state/relationshipKey.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, patchRelationshipCommand } from '../undo/index.ts';
import { buildPatch, deepEqual } from './buildPatch.ts';
import { ConflictView } from './ConflictView.tsx';
import { reapplyPatch } from './reapplyPatch.ts';
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
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message?: string }>({ kind: 'idle' });
  const [conflict, setConflict] = useState<{ mine: JsonPatchOp[]; latest: Relationship } | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  // Loads are numbered: in a burst of remote changes only the answer to the latest one is applied.
  const loadSeq = useRef(0);
  const load = useCallback(async (resetDraft: boolean) => {
    if (!parsed) return;
    const mine = ++loadSeq.current;
    const r = await engine.getRelationship(parsed.sourceId, parsed.relationshipId);
    if (mine !== loadSeq.current) return;
    if (!r.ok) {
      setError(`${r.error.code}: ${r.error.message}`);
      return;
    }
    setError(null);
    setStored(r.value);
    if (resetDraft) setDraft(editable(r.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [relKey]);

  useEffect(() => {
    setConflict(null);
    setStatus({ kind: 'idle' });
    setChangedElsewhere(false);
    void load(true);
  }, [load]);

  // The draft and the version it was made on, as of the same render: an event handled between a load's state update and
  // the effect's re-subscription must not compare a new draft with an old stored version (that looked like unsaved
  // edits and the change was missed).
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const storedRef = useRef(stored);
  storedRef.current = stored;
  const savingRef = useRef(false);
  savingRef.current = status.kind === 'saving';
  useEffect(() => onEngineEvents((events) => {
    if (!events.some((e) => e.subject === relKey)) return;
    if (savingRef.current) return; // our own save: reloaded when it completes
    // Follow changes made elsewhere; with unsaved edits, keep them and the version they were made on.
    const base = storedRef.current;
    const clean = base ? deepEqual(draftRef.current, editable(base)) : true;
    if (clean) void load(true);
    else setChangedElsewhere(true);
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
    if (patch.length === 0) return;
    setStatus({ kind: 'saving' });
    const r = await explorerUndo.execute(patchRelationshipCommand(stored, patch, stored.$etag));
    if (r.ok) {
      setStatus({ kind: 'saved', message: `Saved ${patch.length} change${patch.length === 1 ? '' : 's'}.` });
      setChangedElsewhere(false);
      await load(true);
      return;
    }
    if (r.message.startsWith('PreconditionFailed')) {
      const latest = await engine.getRelationship(stored.$sourceId, stored.$relationshipId);
      if (latest.ok) {
        setConflict({ mine: patch, latest: latest.value });
        setStatus({ kind: 'error', message: 'Someone else changed this relationship since you opened it.' });
        return;
      }
    }
    setStatus({ kind: 'error', message: r.message });
  };

  const reapply = () => {
    if (!conflict) return;
    setStored(conflict.latest);
    setDraft(reapplyPatch(editable(conflict.latest), conflict.mine));
    setConflict(null);
    setChangedElsewhere(false);
    setStatus({ kind: 'idle', message: 'Your changes were re-applied to the stored version; review and save.' });
  };

  return (
    <div className="relationship-inspector">
      <header className="inspector-head">
        <h3>{stored.$relationshipName}</h3>
        <p className="muted">{stored.$sourceId} → {stored.$targetId}</p>
        <p className="muted">id {stored.$relationshipId} · etag {stored.$etag}</p>
      </header>
      {changedElsewhere && <p className="notice" role="status">This relationship was changed elsewhere while you were editing. Saving will report a conflict.</p>}
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
        <button type="button" className="primary" disabled={patch.length === 0 || status.kind === 'saving'} onClick={save}>
          {status.kind === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button type="button" disabled={patch.length === 0} onClick={() => setDraft(editable(stored))}>Discard</button>
        {status.message && <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'muted'}>{status.message}</span>}
      </div>
      {patch.length > 0 && <pre aria-label="JSON Patch">{JSON.stringify(patch, null, 2)}</pre>}
      {conflict && (
        <ConflictView what="relationship" mine={conflict.mine} storedEtag={conflict.latest.$etag} stored={editable(conflict.latest)}
          onReapply={reapply}
          onDiscard={() => {
            setStored(conflict.latest);
            setDraft(editable(conflict.latest));
            setConflict(null);
            setChangedElsewhere(false);
            setStatus({ kind: 'idle' });
          }} />
      )}
    </div>
  );
}
