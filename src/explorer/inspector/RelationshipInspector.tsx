/**
 * Inspector of one relationship: its endpoints and its properties (typed, from the source model), saved as a
 * JSON Patch with If-Match. Changes made elsewhere are followed while there is no unsaved edit; with one, the
 * edit is kept (and flagged), and saving it on the stale version opens the conflict view with both versions.
 */
import { engine } from '../../app/engine/index.ts';
import { err, type Relationship } from '../../engine/types.ts';
import type { ContentInfo } from '../../dtdl/index.ts';
import { parseRelationshipKey } from '../state/relationshipKey.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { explorerUndo, patchRelationshipCommand } from '../undo/index.ts';
import { ConflictView } from './ConflictView.tsx';
import { editableFields, useRecordEditor } from './useRecordEditor.ts';
import { FieldRow } from './ValueEditor.tsx';

export function RelationshipInspector({ relKey }: { relKey: string }) {
  const parsed = parseRelationshipKey(relKey);
  const interfaces = useModelCatalog((s) => s.interfaces);
  const sourceModel = useExplorer((s) => (parsed ? s.canvas.twins.get(parsed.sourceId)?.$metadata.$model : undefined));
  const {
    stored, loadError, draft, setDraft, patch, status, conflict, changedElsewhere, save, reapplyOnLatest, takeLatest, discardDraft,
  } = useRecordEditor<Relationship>({
    key: relKey,
    what: 'relationship',
    read: () => (parsed
      ? engine.getRelationship(parsed.sourceId, parsed.relationshipId)
      : Promise.resolve(err('InvalidArgument', `Not a relationship: ${relKey}`))),
    names: (e) => e.subject === relKey,
    write: (rel, p) => explorerUndo.execute(patchRelationshipCommand(rel, p, rel.$etag)),
  });
  if (!parsed) return <p className="error">Not a relationship: {relKey}</p>;
  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!stored) return <p className="muted">Loading…</p>;

  const content = sourceModel ? interfaces.get(sourceModel)?.contents.get(stored.$relationshipName) : undefined;
  const props: ContentInfo[] = content?.properties ?? [];
  const known = new Set(props.map((p) => p.name));
  const unmodelled = Object.keys(draft).filter((k) => !known.has(k));

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
        <button type="button" disabled={patch.length === 0} onClick={discardDraft}>Discard</button>
        {status.message && <span role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'muted'}>{status.message}</span>}
      </div>
      {patch.length > 0 && <pre aria-label="JSON Patch">{JSON.stringify(patch, null, 2)}</pre>}
      {conflict && (
        <ConflictView what="relationship" mine={conflict.mine} storedEtag={conflict.latest.$etag} stored={editableFields(conflict.latest)}
          onReapply={reapplyOnLatest} onDiscard={takeLatest} />
      )}
    </div>
  );
}
