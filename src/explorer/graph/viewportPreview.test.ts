import { describe, expect, it } from 'vitest';
import { committedViewport, composeZoom, wheelFactor } from './viewportPreview.ts';

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
