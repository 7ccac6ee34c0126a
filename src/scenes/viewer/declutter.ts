/**
 * Floating label declutter: labels are placed in priority order (alerts first, then the nearest); a label that
 * would overlap one already placed is moved up or down a row at a time (up to `maxRows` rows either way), and is
 * hidden only when no row is free. Pure: screen rectangles in, placements out (the viewer measures and moves the DOM).
 */
export interface LabelBox {
  id: string;
  /** Anchor on screen (px): the label is centred on it. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Higher first. */
  priority: number;
}

export interface LabelPlacement {
  id: string;
  /** Top-left corner of the label (px) when shown. */
  left: number;
  top: number;
  shown: boolean;
}

export interface DeclutterOptions {
  /** Space kept between labels (px). */
  gap?: number;
  /** How many rows a label may move up or down from its anchor. */
  maxRows?: number;
}

export function declutter(labels: readonly LabelBox[], opts: DeclutterOptions = {}): LabelPlacement[] {
  const gap = opts.gap ?? 2;
  const maxRows = opts.maxRows ?? 3;
  const order = [...labels].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const placed: Array<{ l: number; t: number; r: number; b: number }> = [];
  const out = new Map<string, LabelPlacement>();
  const free = (l: number, t: number, r: number, b: number) =>
    placed.every((p) => r + gap <= p.l || p.r + gap <= l || b + gap <= p.t || p.b + gap <= t);
  for (const lab of order) {
    const left = lab.x - lab.w / 2;
    const top0 = lab.y - lab.h / 2;
    let done = false;
    for (let k = 0; k <= 2 * maxRows && !done; k++) {
      // 0, -1, +1, -2, +2, … rows (up first: labels float above their element).
      const row = k === 0 ? 0 : (k % 2 ? -1 : 1) * Math.ceil(k / 2);
      const top = top0 + row * (lab.h + gap);
      if (free(left, top, left + lab.w, top + lab.h)) {
        placed.push({ l: left, t: top, r: left + lab.w, b: top + lab.h });
        out.set(lab.id, { id: lab.id, left, top, shown: true });
        done = true;
      }
    }
    if (!done) out.set(lab.id, { id: lab.id, left, top: top0, shown: false });
  }
  return labels.map((l) => out.get(l.id)!);
}

/** True when two placements overlap (for checks). */
export function overlaps(a: { left: number; top: number; w: number; h: number }, b: { left: number; top: number; w: number; h: number }): boolean {
  return a.left < b.left + b.w && b.left < a.left + a.w && a.top < b.top + b.h && b.top < a.top + a.h;
}
