/** Legend of the models on the canvas: stable colour, count, and a toggle to hide or show each model's twins. */
import { useMemo } from 'react';
import { useExplorer } from '../state/explorerStore.ts';
import { modelColor, modelShortName } from './modelColors.ts';

export function Legend() {
  const twins = useExplorer((s) => s.canvas.twins);
  const hiddenModels = useExplorer((s) => s.hiddenModels);
  const toggle = useExplorer((s) => s.toggleModelVisible);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of twins.values()) {
      const model = t.$metadata?.$model ?? '';
      m.set(model, (m.get(model) ?? 0) + 1);
    }
    return [...m].sort((a, b) => modelShortName(a[0]).localeCompare(modelShortName(b[0])));
  }, [twins]);
  if (counts.length === 0) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {counts.map(([model, n]) => (
        <li key={model}>
          <label title={model}>
            <input type="checkbox" checked={!hiddenModels.has(model)} onChange={() => toggle(model)} aria-label={`Show ${modelShortName(model)} twins`} />
            <span className="swatch" style={{ background: modelColor(model) }} aria-hidden="true" />
            {modelShortName(model)} <span className="muted">{n}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
