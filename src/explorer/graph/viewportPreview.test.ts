import { describe, expect, it } from 'vitest';
import { committedViewport, composeZoom, fitViewport, wheelFactor } from './viewportPreview.ts';

/** Rendered position of a model point for a viewport. */
const render = (zoom: number, pan: { x: number; y: number }, m: { x: number; y: number }) => ({ x: pan.x + zoom * m.x, y: pan.y + zoom * m.y });

describe('zoom preview maths', () => {
  it('the point under the mouse stays under it while previewing and after committing', () => {
    const zoom = 0.2;
    const pan = { x: 300, y: -40 };
    const mouse = { x: 500, y: 260 };
    // The model point under the mouse before the gesture.
    const m = { x: (mouse.x - pan.x) / zoom, y: (mouse.y - pan.y) / zoom };
    let s = 1;
    let t = { x: 0, y: 0 };
    for (const f of [1.3, 1.3, 0.8, 2]) ({ s, t } = composeZoom(s, t, f, mouse));
    expect(s).toBeCloseTo(1.3 * 1.3 * 0.8 * 2);
    // Preview: the drawn pixel at the mouse is transformed onto the mouse.
    expect(s * mouse.x + t.x).toBeCloseTo(mouse.x);
    expect(s * mouse.y + t.y).toBeCloseTo(mouse.y);
    const next = committedViewport(zoom, pan, s, t);
    expect(next.zoom).toBeCloseTo(zoom * s);
    const r = render(next.zoom, next.pan, m);
    expect(r.x).toBeCloseTo(mouse.x);
    expect(r.y).toBeCloseTo(mouse.y);
  });

  it('committing shows every model point where the preview showed it, also after zooms about different points', () => {
    const zoom = 1;
    const pan = { x: 10, y: 20 };
    let s = 1;
    let t = { x: 0, y: 0 };
    ({ s, t } = composeZoom(s, t, 1.5, { x: 100, y: 100 }));
    ({ s, t } = composeZoom(s, t, 0.5, { x: 400, y: 50 }));
    const next = committedViewport(zoom, pan, s, t);
    for (const m of [{ x: 0, y: 0 }, { x: 123, y: -45 }, { x: 1000, y: 700 }]) {
      const before = render(zoom, pan, m);
      const previewed = { x: s * before.x + t.x, y: s * before.y + t.y };
      const after = render(next.zoom, next.pan, m);
      expect(after.x).toBeCloseTo(previewed.x);
      expect(after.y).toBeCloseTo(previewed.y);
    }
  });

  it('wheel factor: scrolling up zooms in, down zooms out, symmetric; line mode is scaled', () => {
    const up = wheelFactor({ deltaY: -100, deltaMode: 0 }, 0.4);
    const down = wheelFactor({ deltaY: 100, deltaMode: 0 }, 0.4);
    expect(up).toBeGreaterThan(1);
    expect(down).toBeLessThan(1);
    expect(up * down).toBeCloseTo(1);
    expect(wheelFactor({ deltaY: -3, deltaMode: 1 }, 0.4)).toBeGreaterThan(wheelFactor({ deltaY: -3, deltaMode: 0 }, 0.4));
  });
});

describe('fitViewport', () => {
  it('centres the box and fits its larger side within the padding', () => {
    const bb = { x1: -100, y1: 0, x2: 300, y2: 100 };
    const v = fitViewport(bb, 1000, 500, 20, 0.01, 4);
    expect(v.zoom).toBeCloseTo(960 / 400);
    const left = render(v.zoom, v.pan, { x: bb.x1, y: bb.y1 });
    const right = render(v.zoom, v.pan, { x: bb.x2, y: bb.y2 });
    expect(left.x).toBeCloseTo(20);
    expect(right.x).toBeCloseTo(980);
    expect((left.y + right.y) / 2).toBeCloseTo(250);
  });
  it('respects the zoom limits', () => {
    expect(fitViewport({ x1: 0, y1: 0, x2: 1, y2: 1 }, 800, 600, 10, 0.02, 4).zoom).toBe(4);
    expect(fitViewport({ x1: 0, y1: 0, x2: 1e7, y2: 1 }, 800, 600, 10, 0.02, 4).zoom).toBe(0.02);
  });
});
