import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declutter, overlaps, type LabelBox } from './declutter.ts';

const box = (id: string, x: number, y: number, priority = 0, w = 80, h = 20): LabelBox => ({ id, x, y, w, h, priority });

describe('declutter', () => {
  it('leaves labels that do not overlap where they are', () => {
    const p = declutter([box('a', 100, 100), box('b', 300, 100)]);
    expect(p).toEqual([{ id: 'a', left: 60, top: 90, shown: true }, { id: 'b', left: 260, top: 90, shown: true }]);
  });

  it('moves the lower-priority label of two that collide up a row, keeping the alert in place', () => {
    const [a, alert] = declutter([box('a', 100, 100, 0), box('alert', 110, 104, 5)], { gap: 2 });
    expect(alert).toEqual({ id: 'alert', left: 70, top: 94, shown: true });
    expect(a).toEqual({ id: 'a', left: 60, top: 90 - 22, shown: true });
  });

  it('hides a label only when every row within reach is taken', () => {
    const stack = Array.from({ length: 4 }, (_, i) => box(`s${i}`, 100, 100, 10 - i));
    const p = declutter(stack, { maxRows: 1, gap: 0 });
    expect(p.map((x) => x.shown)).toEqual([true, true, true, false]);
  });

  it('never shows two overlapping labels (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 300 }), w: fc.integer({ min: 10, max: 120 }), h: fc.integer({ min: 10, max: 30 }), priority: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }),
      (raw) => {
        const labels = raw.map((r, i) => ({ id: `l${i}`, ...r }));
        const shown = declutter(labels).map((p, i) => ({ ...p, w: labels[i].w, h: labels[i].h })).filter((p) => p.shown);
        for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) if (overlaps(shown[i], shown[j])) return false;
        return true;
      },
    ));
  });
});
