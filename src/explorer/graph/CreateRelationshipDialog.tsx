/**
 * Creating a relationship after dragging a twin's handle onto another twin: only the names the source model
 * allows for that target are offered; when only the reverse direction fits, a swap is offered; the
 * relationship's properties can be set at creation.
 */
import { useMemo, useState } from 'react';
import type { Relationship } from '../../engine/types.ts';
import { FieldRow } from '../inspector/ValueEditor.tsx';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { relationshipKey } from '../state/relationshipKey.ts';
import { createRelationshipCommand, explorerUndo } from '../undo/index.ts';
import { relationshipChoice } from './allowedRelationships.ts';
import { Dialog } from './Dialog.tsx';

export function CreateRelationshipDialog({ sourceId, targetId, onClose }: { sourceId: string; targetId: string; onClose(): void }) {
  const interfaces = useModelCatalog((s) => s.interfaces);
  const twins = useExplorer((s) => s.canvas.twins);
  const [swapped, setSwapped] = useState(false);
  const from = swapped ? targetId : sourceId;
  const to = swapped ? sourceId : targetId;
  const fromModel = twins.get(from)?.$metadata.$model ?? '';
  const toModel = twins.get(to)?.$metadata.$model ?? '';
  const choice = useMemo(() => relationshipChoice(interfaces, fromModel, toModel), [interfaces, fromModel, toModel]);
  const [name, setName] = useState<string>('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [relId, setRelId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const options = choice.forward;
  const chosen = options.find((o) => o.name === name) ?? options[0];
  const effectiveId = relId.trim() || (chosen ? `${from}-${chosen.name}-${to}` : '');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    const body = { $targetId: to, $relationshipName: chosen.name, ...values };
    const r = await explorerUndo.execute(createRelationshipCommand(from, effectiveId, body, (rel: Relationship) => useExplorer.getState().addToCanvas([], [rel])));
    setBusy(false);
    if (!r.ok) {
      setError(r.message.startsWith('PreconditionFailed') ? `${from} already has a relationship with the id ${effectiveId}.` : r.message);
      return;
    }
    useExplorer.getState().select({ kind: 'relationship', id: relationshipKey(from, effectiveId) });
    onClose();
  };

  return (
    <Dialog title="New relationship" onClose={onClose}>
      <form onSubmit={submit} className="create-relationship">
        <p><strong>{from}</strong> → <strong>{to}</strong></p>
        {options.length === 0 ? (
          <div>
            <p className="error" role="alert">The model of {from} declares no relationship to a twin of model {toModel || 'unknown'}.</p>
            {choice.reverse.length > 0 && (
              <button type="button" onClick={() => { setSwapped((s) => !s); setName(''); setValues({}); }}>
                Swap direction ({to} → {from}: {choice.reverse.map((o) => o.name).join(', ')})
              </button>
            )}
          </div>
        ) : (
          <>
            <label className="field-row">
              <span className="field-name">Relationship</span>
              <select aria-label="Relationship name" value={chosen?.name ?? ''} onChange={(e) => { setName(e.target.value); setValues({}); }}>
                {options.map((o) => <option key={o.name} value={o.name}>{o.displayName && o.displayName !== o.name ? `${o.name} (${o.displayName})` : o.name}</option>)}
              </select>
            </label>
            <label className="field-row">
              <span className="field-name">Relationship id</span>
              <input type="text" aria-label="Relationship id" placeholder={effectiveId} value={relId} onChange={(e) => setRelId(e.target.value)} />
            </label>
            {chosen && chosen.properties.length > 0 && (
              <fieldset aria-label="Relationship properties">
                <legend>Properties</legend>
                {chosen.properties.map((p) => (
                  <FieldRow key={p.name} name={p.name} label={p.name} schema={p.schema} value={values[p.name]}
                    onChange={(v) => setValues((cur) => {
                      const n = { ...cur };
                      if (v === undefined) delete n[p.name];
                      else n[p.name] = v;
                      return n;
                    })} />
                ))}
              </fieldset>
            )}
            {choice.reverse.length > 0 && (
              <button type="button" onClick={() => { setSwapped((s) => !s); setName(''); setValues({}); }}>Swap direction</button>
            )}
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy || !chosen}>Create relationship</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
