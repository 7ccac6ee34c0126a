/**
 * Hover card: resting the mouse on a twin for a moment shows its id, model, display name and a few property
 * values beside it. Everything is rendered as React text (escaped): ids, names and values come from imported
 * files and models and are never injected as HTML (ADT Explorer's popper used innerHTML).
 */
import { create } from 'zustand';
import type cytoscape from 'cytoscape';
import type { Twin } from '../../engine/types.ts';
import { useExplorer } from '../state/explorerStore.ts';
import { displayNameOf } from '../state/filters.ts';
import { langText, useModelCatalog } from '../state/modelCatalog.ts';
import { modelColor } from './modelColors.ts';

/** How long the mouse rests on a twin before its card shows. */
export const HOVER_DELAY_MS = 350;
/** Property values shown on a card. */
const MAX_PROPERTIES = 4;
const MAX_VALUE_CHARS = 60;
/** The card's width in px (also in explorer.css). */
const CARD_WIDTH = 260;

interface HoverState {
  hovered: { id: string; x: number; y: number } | null;
  set(hovered: HoverState['hovered']): void;
}

export const useHover = create<HoverState>((set) => ({
  hovered: null,
  set: (hovered) => set({ hovered }),
}));

/** A few property values of a twin, each as short text: scalars first, objects as compact JSON. */
export function cardProperties(twin: Twin, max = MAX_PROPERTIES): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const entries = Object.entries(twin).filter(([k]) => !k.startsWith('$'));
  entries.sort(([, a], [, b]) => Number(typeof a === 'object') - Number(typeof b === 'object'));
  for (const [name, v] of entries) {
    if (out.length >= max) break;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && '$metadata' in (v as object)) continue; // a component
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    out.push({ name, value: text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text });
  }
  return out;
}

/** Wires hover events of a Cytoscape instance to the card (called for every new instance). */
export function wireHover(cy: cytoscape.Core): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (useHover.getState().hovered) useHover.getState().set(null);
  };
  cy.on('mouseover', 'node', (e) => {
    const n = e.target as cytoscape.NodeSingular;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (n.removed() || !n.visible()) return;
      const bb = n.renderedBoundingBox({ includeLabels: false });
      const x = bb.x2 + 8 + CARD_WIDTH > cy.width() ? Math.max(0, bb.x1 - 8 - CARD_WIDTH) : bb.x2 + 8;
      useHover.getState().set({ id: n.id(), x, y: Math.max(0, Math.min(bb.y1, cy.height() - 140)) });
    }, HOVER_DELAY_MS);
  });
  cy.on('mouseout', 'node', clear);
  cy.on('viewport grab tapstart remove', clear);
  // Big graphs zoom by preview (no Cytoscape viewport event until the gesture ends, and the wheel event is
  // stopped above the container): the wheel hides it too, caught on the container's parent on the way down.
  const host = cy.container()?.parentElement ?? cy.container();
  host?.addEventListener('wheel', clear, { passive: true, capture: true });
  cy.on('destroy', () => {
    host?.removeEventListener('wheel', clear, { capture: true });
    clear();
  });
}

export function HoverCard() {
  const hovered = useHover((s) => s.hovered);
  const twin = useExplorer((s) => (hovered ? s.canvas.twins.get(hovered.id) : undefined));
  const prop = useExplorer((s) => s.displayNameProperty);
  const iface = useModelCatalog((s) => (twin ? s.interfaces.get(twin.$metadata?.$model) : undefined));
  if (!hovered || !twin) return null;
  const model = twin.$metadata?.$model ?? '';
  const modelName = langText(iface?.displayName, model.replace(/;\d+$/, '').split(':').pop() ?? model);
  const name = displayNameOf(twin, prop);
  const props = cardProperties(twin);
  return (
    <div className="hover-card" role="tooltip" data-testid="hover-card" style={{ left: hovered.x, top: hovered.y }}>
      <div className="hover-card-id"><span className="swatch" style={{ background: modelColor(model) }} />{twin.$dtId}</div>
      {name !== twin.$dtId && <div className="hover-card-name">{name}</div>}
      <div className="muted hover-card-model" title={model}>{modelName} · {model}</div>
      {props.length > 0 && (
        <dl className="hover-card-props">
          {props.map((p) => (
            <div key={p.name}>
              <dt>{p.name}</dt>
              <dd>{p.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
