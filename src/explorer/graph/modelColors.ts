/**
 * Stable colour per model: a hash of the DTMI (without version, so v1 and v2 of a model match) picks a hue,
 * so a model keeps its colour across sessions, workspaces and load orders (ADT Explorer indexed a palette by
 * list position, so colours shifted). Lightness is mid-range so labels read on light and dark themes.
 */
export function hashString(text: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function modelBase(dtmi: string): string {
  const semi = dtmi.lastIndexOf(';');
  return semi > 0 ? dtmi.slice(0, semi) : dtmi;
}

/** `hsl(h, s%, l%)` for a model; golden-angle spreading keeps neighbours in hash space apart. */
export function modelColor(dtmi: string | undefined): string {
  if (!dtmi) return 'hsl(0, 0%, 55%)';
  const h = hashString(modelBase(dtmi));
  const hue = Math.round((h % 360) * 137.508) % 360;
  const sat = 55 + ((h >>> 9) % 25);
  const light = 45 + ((h >>> 17) % 12);
  return `hsl(${hue}, ${sat}%, ${light}%)`;
}

/** Short label of a model for the legend: the last DTMI segment without version. */
export function modelShortName(dtmi: string): string {
  const base = modelBase(dtmi);
  const colon = base.lastIndexOf(':');
  return colon >= 0 ? base.slice(colon + 1) : base;
}

