/** Cytoscape stylesheet from the theme's CSS variables (read at runtime; canvas text needs real colours). */
import type cytoscape from 'cytoscape';

export interface ThemeColors {
  bg: string;
  panel: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  danger: string;
  selection: string;
}

export function readTheme(el: Element = document.documentElement): ThemeColors {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', '#ffffff'), panel: v('--panel', '#ffffff'), fg: v('--fg', '#000000'), muted: v('--muted', '#666666'),
    border: v('--border', '#cccccc'), accent: v('--accent', '#0b62d6'), danger: v('--danger', '#b42318'), selection: v('--selection', '#dbe9ff'),
  };
}

export function graphStyle(t: ThemeColors, large: boolean): cytoscape.StylesheetJson {
  if (large) return largeGraphStyle(t);
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        label: 'data(label)',
        color: t.fg,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-max-width': '90px',
        'text-wrap': 'ellipsis',
        width: 22,
        height: 22,
        'border-width': 1,
        'border-color': t.border,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': t.muted,
        'target-arrow-color': t.muted,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': 'bezier',
        label: 'data(name)', 'font-size': 9, color: t.muted, 'text-rotation': 'autorotate', 'text-background-color': t.bg,
        'text-background-opacity': 0.8, 'text-background-padding': '1px', 'min-zoomed-font-size': 7,
      },
    },
    ...commonStyle(t),
  ];
}

/**
 * Level of detail for big graphs: plain dots and straight edges; labels only once zoomed in far enough to
 * read them (class `labelled` is toggled by zoom), arrows and edge labels off; below a zoom threshold the
 * relationships are not drawn at all (class `lod-hidden`, toggled on the relationships only: swapping the
 * stylesheet restyled every twin too), except the selected twin's (`near-selection`).
 */
function largeGraphStyle(t: ThemeColors): cytoscape.StylesheetJson {
  return [
    { selector: 'node', style: { 'background-color': 'data(color)', width: 22, height: 22 } },
    { selector: 'node.labelled', style: { label: 'data(label)', color: t.fg, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 8 } },
    { selector: 'edge', style: { width: 1, 'line-color': t.muted, 'curve-style': 'haystack', 'haystack-radius': 0, opacity: 0.6 } },
    // Zoomed far out, relationships are a hairball: only the selected twin's are drawn.
    { selector: 'edge.lod-hidden', style: { display: 'none' } },
    { selector: 'edge.lod-hidden.near-selection', style: { display: 'element' } },
    ...commonStyle(t),
  ];
}

function commonStyle(t: ThemeColors): cytoscape.StylesheetJson {
  return [
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': t.accent, label: 'data(label)', color: t.fg } },
    { selector: 'edge:selected', style: { width: 3, 'line-color': t.accent, 'target-arrow-color': t.accent } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': t.fg } },
    { selector: '.dim', style: { opacity: 0.18 } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': t.accent } },
    { selector: '.gone', style: { display: 'none' } },
    { selector: 'node.drop-target', style: { 'border-width': 4, 'border-color': t.accent, 'border-style': 'dashed' } },
  ];
}
