import { describe, expect, it } from 'vitest';
import { DAGRE_MAX_NODES, gridPositions, hierarchicalAlgorithm, layoutNames, slowLayoutAbove, slowLayoutNotice } from './layouts.ts';
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
  it('the hierarchical layout is dagre on small graphs and the layered one on big graphs', () => {
    expect(hierarchicalAlgorithm(21, 20)).toBe('dagre');
    expect(hierarchicalAlgorithm(DAGRE_MAX_NODES + 1, 10)).toBe('layered');
    expect(hierarchicalAlgorithm(100, 2 * DAGRE_MAX_NODES + 1)).toBe('layered');
  });
  it('a slow layout gets a notice naming it and the count; a quick one none', () => {
    expect(slowLayoutNotice('dagre', 50_000)).toBeNull();
    expect(slowLayoutNotice('grid', 50_000)).toBeNull();
    expect(slowLayoutNotice('fcose', 50_000)).toMatch(/force \(fcose\) layout of 50,000 twins is slow/);
    expect(slowLayoutNotice('fcose', 100)).toBeNull();
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
