/**
 * Inspector of one twin: typed property editors, save as JSON Patch with If-Match, conflict view with retry,
 * `$metadata` read-only, raw JSON and the history tab. Reads the stored twin from the engine and follows
 * committed events for it.
 */
import { useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import type { Twin } from '../../engine/types.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, patchTwinCommand } from '../undo/index.ts';
import { ConflictView } from './ConflictView.tsx';
import { editableFields, useRecordEditor } from './useRecordEditor.ts';
import { PropertiesForm } from './PropertiesForm.tsx';
import { PropertyHistory } from './PropertyHistory.tsx';
import { resolveShape } from './resolvedProperties.ts';
// The button file only (not src/scenes/index.ts) so the explorer chunk does not pull in three.js.
import { ShowIn3DButton } from '../../scenes/ui/ShowIn3DButton.tsx';

type Tab = 'properties' | 'metadata' | 'json' | 'history';

export function TwinInspector({ twinId }: { twinId: string }) {
  const interfaces = useModelCatalog((s) => s.interfaces);
  const [tab, setTab] = useState<Tab>('properties');
  const {
    stored, loadError, draft, setDraft, original, patch, status, conflict, changedElsewhere, save, reapplyOnLatest, takeLatest, discardDraft,
  } = useRecordEditor<Twin>({
    key: twinId,
    what: 'twin',
    read: () => engine.getTwin(twinId),
    names: (e) => e.subject === twinId && e.type.startsWith('Microsoft.DigitalTwins.Twin.'),
    write: (twin, p) => explorerUndo.execute(patchTwinCommand(twinId, twin, p, twin.$etag)),
  });
  const dirty = patch.length > 0;

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
            <button type="button" disabled={!dirty} onClick={discardDraft}>Discard</button>
            {status.message && <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'muted'}>{status.message}</span>}
          </div>
          {dirty && (
            <details className="patch-preview" open>
              <summary>JSON Patch ({patch.length} op{patch.length === 1 ? '' : 's'}, If-Match {stored.$etag})</summary>
              <pre aria-label="JSON Patch">{JSON.stringify(patch, null, 2)}</pre>
            </details>
          )}
          {conflict && (
            <ConflictView what="twin" mine={conflict.mine} storedEtag={conflict.latest.$etag} stored={editableFields(conflict.latest)}
              onReapply={reapplyOnLatest} onDiscard={takeLatest} />
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
