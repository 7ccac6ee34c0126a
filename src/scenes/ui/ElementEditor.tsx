/**
 * The element form: its meshes (clicking meshes in the view toggles them while the form is open), the
 * primary twin (picked by id with suggestions), twin aliases, and which behaviors apply to it.
 */
import { useEffect, useState } from 'react';
import {
  addElements, newElement, removeElement, updateElement, upsertBehavior,
  type Behavior, type ElementDataSource, type TwinToObjectMapping,
} from '../model/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';

export interface ElementDraft {
  elementId: string | null;
  meshIds: string[];
}

export function ElementEditor({ sceneId, draft, element, behaviors, twinIds, sceneElementIds, onDraft, onClose, onCreated }: {
  sceneId: string;
  draft: ElementDraft;
  element: TwinToObjectMapping | null;
  behaviors: Behavior[];
  twinIds: string[];
  sceneElementIds: string[];
  onDraft(d: ElementDraft): void;
  onClose(): void;
  onCreated(id: string): void;
}) {
  const edit = useSceneStore((s) => s.edit);
  const [twin, setTwin] = useState(element?.primaryTwinID ?? '');
  const [name, setName] = useState(element?.displayName ?? '');
  const [aliases, setAliases] = useState<Array<[string, string]>>(Object.entries(element?.twinAliases ?? {}));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setTwin(element?.primaryTwinID ?? '');
    setName(element?.displayName ?? '');
    setAliases(Object.entries(element?.twinAliases ?? {}));
    setError(null);
  }, [element]);

  const aliasError = aliases.find(([a]) => a && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a));
  const save = () => {
    if (!twin.trim()) { setError('Choose a primary twin'); return; }
    if (!draft.meshIds.length) { setError('Click at least one mesh in the view'); return; }
    if (aliasError) { setError(`Alias "${aliasError[0]}" must be alphanumeric and not start with a digit`); return; }
    const twinAliases = Object.fromEntries(aliases.filter(([a, t]) => a && t));
    if (element) {
      const e = edit((d) => updateElement(d, sceneId, element.id, { primaryTwinID: twin.trim(), displayName: name.trim() || twin.trim(), objectIDs: draft.meshIds, twinAliases }));
      setError(e?.message ?? null);
    } else {
      const el = newElement({ primaryTwinID: twin.trim(), objectIDs: draft.meshIds, displayName: name.trim() || twin.trim(), twinAliases });
      const e = edit((d) => addElements(d, sceneId, [el]));
      setError(e?.message ?? null);
      if (!e) onCreated(el.id);
    }
  };
  const targets = (b: Behavior) => !!element && b.datasources.some((d) => d.type === 'ElementTwinToObjectMappingDataSource' && (d as ElementDataSource).elementIDs.includes(element.id));
  const toggleBehavior = (b: Behavior, on: boolean) => {
    if (!element) return;
    const current = b.datasources.flatMap((d) => (d.type === 'ElementTwinToObjectMappingDataSource' ? (d as ElementDataSource).elementIDs : []));
    const inScene = current.filter((id) => sceneElementIds.includes(id) && id !== element.id);
    edit((d) => upsertBehavior(d, sceneId, b, on ? [...inScene, element.id] : inScene));
  };

  return (
    <section className="scenes-panel" aria-label="Element">
      <header className="scenes-panel-head">
        <h2>{element ? `Element: ${element.displayName}` : 'New element'}</h2>
        <button type="button" onClick={onClose} aria-label="Close element">✕</button>
      </header>
      <p className="muted small">Click meshes in the view to add or remove them.</p>
      <ul className="mesh-list" aria-label="Element meshes">
        {draft.meshIds.map((m) => (
          <li key={m}><code>{m}</code>
            <button type="button" aria-label={`Remove mesh ${m}`} onClick={() => onDraft({ ...draft, meshIds: draft.meshIds.filter((x) => x !== m) })}>✕</button>
          </li>
        ))}
      </ul>
      <label>Primary twin
        <input list="scenes-twin-ids" value={twin} onChange={(e) => setTwin(e.target.value)} placeholder="Twin id" />
      </label>
      <datalist id="scenes-twin-ids">{twinIds.map((t) => <option key={t} value={t} />)}</datalist>
      {twin && twinIds.length > 0 && !twinIds.includes(twin) && <p className="warn small">No twin {twin} yet (it can be created later).</p>}
      <label>Display name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={twin || 'Name'} />
      </label>
      <fieldset>
        <legend>Twin aliases</legend>
        {aliases.map(([a, t], i) => (
          <div className="row" key={i}>
            <input aria-label="Alias name" value={a} placeholder="Alias" onChange={(e) => setAliases(aliases.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))} />
            <input aria-label="Alias twin" list="scenes-twin-ids" value={t} placeholder="Twin id" onChange={(e) => setAliases(aliases.map((x, j) => (j === i ? [x[0], e.target.value] : x)))} />
            <button type="button" aria-label="Remove alias" onClick={() => setAliases(aliases.filter((_, j) => j !== i))}>✕</button>
          </div>
        ))}
        <button type="button" onClick={() => setAliases([...aliases, ['', '']])}>Add alias</button>
      </fieldset>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row">
        <button type="button" className="primary" onClick={save}>{element ? 'Save element' : 'Create element'}</button>
        {element && <button type="button" onClick={() => { edit((d) => removeElement(d, sceneId, element.id)); onClose(); }}>Delete element</button>}
      </div>
      {element && behaviors.length > 0 && (
        <fieldset>
          <legend>Behaviors</legend>
          {behaviors.map((b) => (
            <label key={b.id} className="check">
              <input type="checkbox" checked={targets(b)} onChange={(e) => toggleBehavior(b, e.target.checked)} /> {b.displayName}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
