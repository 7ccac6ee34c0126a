/** Delete with a preview: the twins and every relationship (in and out) that goes with them. Undoable. */
import { useEffect, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import type { Relationship, Twin } from '../../engine/types.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { parseRelationshipKey } from '../state/relationshipKey.ts';
import { collectRelationships, deleteCommand, explorerUndo } from '../undo/index.ts';
import { Dialog } from './Dialog.tsx';
import { expectedTwins } from './GraphCanvas.tsx';

export function DeleteDialog({ twinIds, relationshipKeys, onClose }: { twinIds: string[]; relationshipKeys: string[]; onClose(): void }) {
  const [preview, setPreview] = useState<{ twins: Twin[]; relationships: Relationship[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const twins: Twin[] = [];
      for (const id of twinIds) {
        const t = await engine.getTwin(id);
        if (t.ok) twins.push(t.value);
      }
      const rels = twinIds.length > 0 ? await collectRelationships(twinIds) : [];
      for (const key of relationshipKeys) {
        const p = parseRelationshipKey(key);
        if (!p) continue;
        const r = await engine.getRelationship(p.sourceId, p.relationshipId);
        if (r.ok) rels.push(r.value);
      }
      if (live) setPreview({ twins, relationships: rels });
    })();
    return () => {
      live = false;
    };
  }, [twinIds, relationshipKeys]);

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    for (const t of preview.twins) expectedTwins.add(t.$dtId); // so an undo brings them back onto the canvas
    const r = await explorerUndo.execute(deleteCommand(preview.twins, preview.relationships));
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    useExplorer.getState().removeFromCanvas(preview.twins.map((t) => t.$dtId));
    onClose();
  };

  const title = twinIds.length > 0 ? `Delete ${twinIds.length === 1 ? twinIds[0] : `${twinIds.length} twins`}?` : `Delete ${relationshipKeys.length === 1 ? 'relationship' : `${relationshipKeys.length} relationships`}?`;
  return (
    <Dialog title={title} onClose={onClose}>
      {!preview && <p className="muted">Collecting relationships…</p>}
      {preview && (
        <div className="delete-preview">
          {preview.twins.length > 0 && <p>{preview.twins.length} twin{preview.twins.length === 1 ? '' : 's'}: {preview.twins.map((t) => t.$dtId).join(', ')}</p>}
          <p>{preview.relationships.length === 0 ? 'No relationships go with it.' : `These ${preview.relationships.length} relationship${preview.relationships.length === 1 ? '' : 's'} will be deleted too:`}</p>
          {preview.relationships.length > 0 && (
            <ul aria-label="Relationships to delete" className="delete-list">
              {preview.relationships.slice(0, 200).map((r) => (
                <li key={`${r.$sourceId}/${r.$relationshipId}`}>{r.$sourceId} —{r.$relationshipName}→ {r.$targetId}</li>
              ))}
              {preview.relationships.length > 200 && <li>… and {preview.relationships.length - 200} more</li>}
            </ul>
          )}
          <p className="muted">You can undo this with Ctrl+Z.</p>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="primary danger" disabled={!preview || busy} onClick={confirm}>Delete</button>
        <button type="button" onClick={onClose}>Cancel</button>
      </div>
    </Dialog>
  );
}
