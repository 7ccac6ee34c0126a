/** The scene list: search, create, rename, duplicate, delete, select. */
import { useState } from 'react';
import { addScene, deleteScene, duplicateScene, updateScene, type Scene } from '../model/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';

export function SceneList({ scenes, currentId }: { scenes: Scene[]; currentId: string | null }) {
  const [q, setQ] = useState('');
  const edit = useSceneStore((s) => s.edit);
  const selectScene = useSceneStore((s) => s.selectScene);
  const shown = scenes.filter((s) => s.displayName.toLowerCase().includes(q.toLowerCase()));
  const create = () => {
    const name = prompt('Name of the new scene', 'New scene');
    if (!name) return;
    let id = '';
    edit((d) => { const r = addScene(d, { displayName: name }); id = r.sceneId; return { ok: true, value: r.doc }; });
    selectScene(id);
  };
  return (
    <section className="scenes-panel" aria-label="Scenes">
      <header className="scenes-panel-head">
        <h2>Scenes</h2>
        <button type="button" onClick={create}>New</button>
      </header>
      <input type="search" placeholder="Search scenes" aria-label="Search scenes" value={q} onChange={(e) => setQ(e.target.value)} />
      <ul className="scenes-list" role="listbox" aria-label="Scene list">
        {shown.map((s) => (
          <li key={s.id} role="option" aria-selected={s.id === currentId} className={s.id === currentId ? 'is-current' : ''}>
            <button type="button" className="link" onClick={() => selectScene(s.id)}>{s.displayName}</button>
            <span className="row-actions">
              <button type="button" title="Rename" aria-label={`Rename ${s.displayName}`} onClick={() => {
                const name = prompt('Rename scene', s.displayName);
                if (name) edit((d) => updateScene(d, s.id, { displayName: name }));
              }}>✎</button>
              <button type="button" title="Duplicate" aria-label={`Duplicate ${s.displayName}`} onClick={() => {
                edit((d) => { const r = duplicateScene(d, s.id); return r.ok ? { ok: true, value: r.value.doc } : r; });
              }}>⊕</button>
              <button type="button" title="Delete" aria-label={`Delete ${s.displayName}`} onClick={() => {
                if (confirm(`Delete scene "${s.displayName}"? Behaviors stay available to other scenes.`)) {
                  edit((d) => deleteScene(d, s.id));
                  if (s.id === currentId) selectScene(null);
                }
              }}>✕</button>
            </span>
          </li>
        ))}
        {!shown.length && <li className="muted">No scene{q ? ' matches' : ' yet'}</li>}
      </ul>
    </section>
  );
}
