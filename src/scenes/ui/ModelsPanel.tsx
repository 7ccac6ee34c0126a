/** The scene's models: each with its name, placement (position, rotation in degrees, scale) and a remove button. */
import { IDENTITY_TRANSFORM, removeAsset, setAssetTransform, type Asset, type AssetTransform } from '../model/index.ts';
import { useSceneStore } from '../state/sceneStore.ts';

const AXES = ['x', 'y', 'z'] as const;
const FIELDS: Array<[keyof AssetTransform, string]> = [['position', 'Position'], ['rotation', 'Rotation °'], ['scale', 'Scale']];

export function ModelsPanel({ sceneId, assets, onError }: { sceneId: string; assets: Asset[]; onError(message: string): void }) {
  const edit = useSceneStore((s) => s.edit);
  if (!assets.length) return null;
  return (
    <section className="scenes-panel" aria-label="Models">
      <header className="scenes-panel-head"><h2>Models ({assets.length})</h2></header>
      <ul className="scenes-list models">
        {assets.map((a, i) => {
          const name = a.extensionProperties?.twinscape?.name ?? a.url.split(/[/:]/).pop() ?? a.url;
          const t = a.extensionProperties?.twinscape?.transform ?? IDENTITY_TRANSFORM;
          return (
            <li key={`${i}:${a.url}:${JSON.stringify(t)}`} aria-label={`Model ${name}`} data-asset-index={i}>
              <div className="row"><span className="grow" title={a.url}>{name}</span>
                <button type="button" aria-label={`Remove model ${name}`} onClick={() => {
                  if (!confirm(`Remove the model "${name}" from this scene? Elements keep their mesh ids.`)) return;
                  const e = edit((d) => removeAsset(d, sceneId, i));
                  if (e) onError(e.message);
                }}>✕</button>
              </div>
              <details>
                <summary>Placement</summary>
                {FIELDS.map(([field, label]) => (
                  <div key={field} className="transform-row">
                    <span className="small">{label}</span>
                    {AXES.map((axis, k) => (
                      <input key={axis} type="number" step={field === 'scale' ? 0.1 : field === 'rotation' ? 15 : 1} aria-label={`${name} ${field} ${axis}`}
                        defaultValue={t[field][k]}
                        onBlur={(e) => {
                          const v = Number(e.target.value);
                          if (v === t[field][k]) return;
                          const next = structuredClone(t);
                          next[field][k] = v;
                          const err = edit((d) => setAssetTransform(d, sceneId, i, next));
                          if (err) { onError(err.message); e.target.value = String(t[field][k]); }
                        }}
                        onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }} />
                    ))}
                  </div>
                ))}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
