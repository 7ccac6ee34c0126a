/**
 * Creating a twin from a model dropped on the canvas: id (a unique suggestion), initial property values with
 * the typed editors, required components created empty; the twin appears where the model was dropped.
 */
import { useEffect, useMemo, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import type { Twin } from '../../engine/types.ts';
import { PropertiesForm } from '../inspector/PropertiesForm.tsx';
import { resolveShape } from '../inspector/resolvedProperties.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { useModelCatalog } from '../state/modelCatalog.ts';
import { createTwinCommand, explorerUndo } from '../undo/index.ts';
import { Dialog } from './Dialog.tsx';
import { expectedTwins } from './GraphCanvas.tsx';
import { graph } from './graphController.ts';
import { modelShortName } from './modelColors.ts';
import { suggestTwinId } from './suggestId.ts';

export function CreateTwinDialog({ model, position, onClose }: { model: string; position: { x: number; y: number }; onClose(): void }) {
  const interfaces = useModelCatalog((s) => s.interfaces);
  const decommissioned = useModelCatalog((s) => s.models.find((m) => m.id === model)?.decommissioned ?? false);
  const [id, setId] = useState('');
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // Suggest an id free on the canvas, then check the engine for it (and the next ones).
    const onCanvas = useExplorer.getState().canvas.twins;
    void (async () => {
      const takenInEngine = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const candidate = suggestTwinId(modelShortName(model), (x) => onCanvas.has(x) || takenInEngine.has(x));
        const r = await engine.getTwin(candidate);
        if (!r.ok) {
          if (live) setId((cur) => cur || candidate);
          return;
        }
        takenInEngine.add(candidate);
      }
    })();
    return () => {
      live = false;
    };
  }, [model]);

  const shape = useMemo(() => resolveShape(interfaces, model, {}), [interfaces, model]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const twinId = id.trim();
    if (!twinId) {
      setError('Enter an id for the twin.');
      return;
    }
    setBusy(true);
    const body: Record<string, unknown> = { $metadata: { $model: model }, ...values };
    // ADT requires every component to be present (with an empty $metadata) at creation.
    for (const c of shape?.components ?? []) {
      const v = (values[c.content.name] as Record<string, unknown> | undefined) ?? {};
      body[c.content.name] = { ...v, $metadata: {} };
    }
    graph.rememberPosition(twinId, position);
    expectedTwins.add(twinId);
    const r = await explorerUndo.execute(createTwinCommand(twinId, body, (twin: Twin) => useExplorer.getState().addToCanvas([twin], [])));
    setBusy(false);
    if (!r.ok) {
      expectedTwins.delete(twinId);
      setError(r.message.startsWith('PreconditionFailed') ? `A twin with the id ${twinId} already exists. Choose another id.` : r.message);
      return;
    }
    useExplorer.getState().select({ kind: 'twin', id: twinId });
    onClose();
  };

  return (
    <Dialog title={`New ${modelShortName(model)} twin`} onClose={onClose}>
      <form onSubmit={submit} className="create-twin">
        <p className="muted">{model}</p>
        {decommissioned && <p className="error" role="alert">This model is decommissioned: the engine will refuse new twins of it.</p>}
        <label className="field-row">
          <span className="field-name">Twin id</span>
          <input type="text" value={id} onChange={(e) => setId(e.target.value)} aria-label="Twin id" required />
        </label>
        {shape ? (
          <details open className="initial-values">
            <summary>Initial values</summary>
            <PropertiesForm modelId={model} shape={shape} value={values} onChange={setValues} writableOnly />
          </details>
        ) : <p className="warn-text">The model is not resolved yet; the twin is created without values.</p>}
        {error && <p className="error" role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>Create twin</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
