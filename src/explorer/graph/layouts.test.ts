import { describe, expect, it } from 'vitest';
import { gridPositions, layoutNames, slowLayoutAbove } from './layouts.ts';
import { useGraphUi } from './graphUi.ts';

describe('gridPositions', () => {
  it('places ids on a square-ish grid without overlaps', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const p = gridPositions(ids, { x: 100, y: 50 }, 10);
    expect(p.n0).toEqual({ x: 100, y: 50 });
    expect(p.n3).toEqual({ x: 130, y: 50 }); // 4 columns for 10 ids
    expect(p.n4).toEqual({ x: 100, y: 60 });
    const keys = new Set(Object.values(p).map((q) => `${q.x},${q.y}`));
    expect(keys.size).toBe(10);
  });
  it('every offered layout has a slow threshold', () => {
    for (const l of layoutNames) expect(slowLayoutAbove[l.name]).toBeGreaterThan(0);
  });
});

describe('expansion settings', () => {
  it('clamps depth to 1..5', () => {
    useGraphUi.getState().setExpansion({ depth: 9 });
    expect(useGraphUi.getState().depth).toBe(5);
    useGraphUi.getState().setExpansion({ depth: 0, direction: 'in' });
    expect(useGraphUi.getState()).toMatchObject({ depth: 1, direction: 'in' });
  });
});
