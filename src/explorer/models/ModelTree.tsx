/** The model list: inheritance tree with search, twin counts and drag-to-canvas. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { treeRows, type ModelIndex } from './modelIndex.ts';

export const MODEL_DRAG_TYPE = 'application/x-twinscape-model';

interface Props {
  index: ModelIndex;
  search: string;
  counts: ReadonlyMap<string, number>;
  inclusive: ReadonlyMap<string, number>;
  selected: string | null;
  onSelect(id: string): void;
}

export function ModelTree({ index, search, counts, inclusive, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => treeRows(index, search, collapsed), [index, search, collapsed]);
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKey = (e: KeyboardEvent<HTMLLIElement>, i: number) => {
    const row = rows[i];
    const focusRow = (j: number) => (e.currentTarget.parentElement?.children[j] as HTMLElement | undefined)?.focus();
    if (e.key === 'ArrowDown') focusRow(Math.min(rows.length - 1, i + 1));
    else if (e.key === 'ArrowUp') focusRow(Math.max(0, i - 1));
    else if (e.key === 'Enter' || e.key === ' ') onSelect(row.id);
    else if (e.key === 'ArrowRight' && row.hasChildren && collapsed.has(row.id)) toggle(row.id);
    else if (e.key === 'ArrowLeft' && row.hasChildren && !collapsed.has(row.id)) toggle(row.id);
    else return;
    e.preventDefault();
  };

  if (!index.byId.size) return <p className="muted models-empty">No models yet. Import DTDL files, a folder or a zip, or drop them anywhere on the window.</p>;
  if (!rows.length) return <p className="muted models-empty">No model matches “{search}”.</p>;
  return (
    <ul role="tree" aria-label="Models" className="model-tree">
      {rows.map((r, i) => {
        const n = index.byId.get(r.id)!;
        const exact = counts.get(r.id) ?? 0;
        const all = inclusive.get(r.id) ?? exact;
        return (
          <li
            key={`${r.id}@${i}`}
            role="treeitem"
            aria-level={r.depth + 1}
            aria-selected={selected === r.id}
            aria-expanded={r.hasChildren ? !collapsed.has(r.id) || search.trim() !== '' : undefined}
            aria-label={`${n.displayName} ${r.id}`}
            tabIndex={i === 0 || selected === r.id ? 0 : -1}
            draggable
            onDragStart={(e) => {
              e.dataTransfer.setData(MODEL_DRAG_TYPE, r.id);
              e.dataTransfer.setData('text/plain', r.id);
              e.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onSelect(r.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={`model-row${selected === r.id ? ' selected' : ''}${n.decommissioned ? ' decommissioned' : ''}`}
            style={{ paddingLeft: 6 + r.depth * 14 }}
            title={`${r.id}\n${exact} twin(s) of this model, ${all} including subtypes`}
          >
            {r.hasChildren ? (
              <button
                type="button"
                className="twisty"
                aria-label={collapsed.has(r.id) ? `Expand ${n.displayName}` : `Collapse ${n.displayName}`}
                tabIndex={-1}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(r.id);
                }}
              >
                {collapsed.has(r.id) && !search.trim() ? '▸' : '▾'}
              </button>
            ) : (
              <span className="twisty" />
            )}
            <span className="model-text">
              <span className="model-name">{n.displayName}</span>
              <span className="model-id">{r.id}</span>
            </span>
            {n.decommissioned ? <span className="badge warn">decommissioned</span> : null}
            <span className="badge" data-testid={`twin-count-${r.id}`} aria-label={`${exact} twins`}>
              {exact}
              {all !== exact ? `/${all}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
