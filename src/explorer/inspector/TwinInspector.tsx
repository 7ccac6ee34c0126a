/**
 * Inspector of one twin: typed property editors, save as JSON Patch with If-Match, conflict view with retry,
 * `$metadata` read-only, raw JSON and the history tab. Reads the stored twin from the engine and follows
 * committed events for it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { engine, onEngineEvents } from '../../app/engine/index.ts';
import type { JsonPatchOp, Twin } from '../../engine/types.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, patchTwinCommand } from '../undo/index.ts';
import { buildPatch, deepEqual } from './buildPatch.ts';
import { ConflictView } from './ConflictView.tsx';
import { reapplyPatch } from './reapplyPatch.ts';
import { PropertiesForm } from './PropertiesForm.tsx';
import { PropertyHistory } from './PropertyHistory.tsx';
import { resolveShape } from './resolvedProperties.ts';
// The button file only (not src/scenes/index.ts) so the explorer chunk does not pull in three.js.
import { ShowIn3DButton } from '../../scenes/ui/ShowIn3DButton.tsx';

type Tab = 'properties' | 'metadata' | 'json' | 'history';

function editable(twin: Twin): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(twin)) if (!k.startsWith('$')) out[k] = structuredClone(v);
  return out;
}

export function TwinInspector({ twinId }: { twinId: string }) {
  const interfaces = useModelCatalog((s) => s.interfaces);
  const [stored, setStored] = useState<Twin | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const [tab, setTab] = useState<Tab>('properties');
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; message?: string }>({ kind: 'idle' });
  const [conflict, setConflict] = useState<{ mine: JsonPatchOp[]; latest: Twin } | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);

  // Loads are numbered: in a burst of remote changes only the answer to the latest one is applied.
  const loadSeq = useRef(0);
  const load = useCallback(async (resetDraft: boolean) => {
    const mine = ++loadSeq.current;
    const r = await engine.getTwin(twinId);
    if (mine !== loadSeq.current) return null;
    if (!r.ok) {
      setLoadError(`${r.error.code}: ${r.error.message}`);
      setStored(null);
      return null;
    }
    setLoadError(null);
    setStored(r.value);
    if (resetDraft) setDraft(editable(r.value));
    return r.value;
  }, [twinId]);

  useEffect(() => {
    setConflict(null);
    setStatus({ kind: 'idle' });
    setChangedElsewhere(false);
    void load(true);
  }, [load]);

  const original = useMemo(() => (stored ? editable(stored) : {}), [stored]);
  const patch = useMemo(() => buildPatch(original, draft), [original, draft]);
  const dirty = patch.length > 0;

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
    if (!events.some((e) => e.subject === twinId && e.type.startsWith('Microsoft.DigitalTwins.Twin.'))) return;
    if (savingRef.current) return; // our own save: reloaded when it completes
    // Follow changes made elsewhere; keep the user's unsaved edits (they are flagged instead).
    // With unsaved edits, keep the version they were made on (its etag makes the save a conflict to resolve).
    const base = storedRef.current;
    const clean = base ? deepEqual(draftRef.current, editable(base)) : true;
    if (clean) void load(true);
    else setChangedElsewhere(true);
  }), [twinId, load]);

  const save = async () => {
    if (!stored || !dirty) return;
    setStatus({ kind: 'saving' });
    const r = await explorerUndo.execute(patchTwinCommand(twinId, stored, patch, stored.$etag));
    if (r.ok) {
      setStatus({ kind: 'saved', message: `Saved ${patch.length} change${patch.length === 1 ? '' : 's'}.` });
      setChangedElsewhere(false);
      await load(true);
      return;
    }
    if (r.message.startsWith('PreconditionFailed')) {
      const latest = await engine.getTwin(twinId);
      if (latest.ok) {
        setConflict({ mine: patch, latest: latest.value });
        setStatus({ kind: 'error', message: 'Someone else changed this twin since you opened it.' });
        return;
      }
    }
    setStatus({ kind: 'error', message: r.message });
  };

  const retryOnLatest = async () => {
    if (!conflict) return;
    // Re-apply my changes on top of the stored version, then save against its etag.
    const mine = reapplyPatch(editable(conflict.latest), conflict.mine);
    setStored(conflict.latest);
    setDraft(mine);
    setConflict(null);
    setStatus({ kind: 'idle', message: 'Your changes were re-applied to the stored version; review and save.' });
  };

  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!stored) return <p className="muted">Loading {twinId}…</p>;
  const modelId = stored.$metadata.$model;
  const shape = resolveShape(interfaces, modelId, { ...original, ...draft });

  return (
    <div className="twin-inspector">
      <header className="inspector-head">
        <h3 title={twinId}>{twinId}</h3>
        <p className="muted model-id" title={modelId}>{modelId}</p>
        <p className="muted etag">etag {stored.$etag}</p>
        <ShowIn3DButton twinId={twinId} />
      </header>
      <div role="tablist" aria-label="Twin details" className="tabs">
        {(['properties', 'metadata', 'json', 'history'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t === 'properties' ? 'Properties' : t === 'metadata' ? '$metadata' : t === 'json' ? 'JSON' : 'History'}
          </button>
        ))}
      </div>
      {changedElsewhere && <p className="notice" role="status">This twin was changed elsewhere while you were editing. Saving will report a conflict.</p>}
      {tab === 'properties' && (
        <div role="tabpanel" aria-label="Properties">
          {shape ? (
            <PropertiesForm modelId={modelId} shape={shape} value={draft} onChange={setDraft} metadata={stored.$metadata as Record<string, unknown>} />
          ) : (
            <p className="warn-text">The model {modelId} is not loaded; properties are shown as JSON.</p>
          )}
          <div className="save-bar">
            <button type="button" className="primary" disabled={!dirty || status.kind === 'saving'} onClick={save}>
              {status.kind === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" disabled={!dirty} onClick={() => setDraft(editable(stored))}>Discard</button>
            {status.message && <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'muted'}>{status.message}</span>}
          </div>
          {dirty && (
            <details className="patch-preview" open>
              <summary>JSON Patch ({patch.length} op{patch.length === 1 ? '' : 's'}, If-Match {stored.$etag})</summary>
              <pre aria-label="JSON Patch">{JSON.stringify(patch, null, 2)}</pre>
            </details>
          )}
          {conflict && (
            <ConflictView what="twin" mine={conflict.mine} storedEtag={conflict.latest.$etag} stored={editable(conflict.latest)}
              onReapply={retryOnLatest}
              onDiscard={() => {
                setStored(conflict.latest);
                setDraft(editable(conflict.latest));
                setConflict(null);
                setStatus({ kind: 'idle' });
              }} />
          )}
        </div>
      )}
      {tab === 'metadata' && (
        <div role="tabpanel" aria-label="$metadata">
          <pre className="readonly" aria-readonly="true">{JSON.stringify(stored.$metadata, null, 2)}</pre>
        </div>
      )}
      {tab === 'json' && (
        <div role="tabpanel" aria-label="JSON">
          <pre className="readonly">{JSON.stringify(stored, null, 2)}</pre>
        </div>
      )}
      {tab === 'history' && (
        <div role="tabpanel" aria-label="History">
          <PropertyHistory twinId={twinId} refreshKey={stored.$etag} />
        </div>
      )}
    </div>
  );
}
