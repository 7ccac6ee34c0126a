import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layeredLayout.ts';

const e = (source: string, target: string) => ({ source, target });

/** Crossings between consecutive layers (edges spanning one layer only), by brute force. */
function crossings(pos: Record<string, { x: number; y: number }>, layerOf: Record<string, number>, edges: Array<{ source: string; target: string }>) {
  const spans = edges.filter((x) => layerOf[x.target] - layerOf[x.source] === 1);
  let c = 0;
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i];
      const b = spans[j];
      if (layerOf[a.source] !== layerOf[b.source]) continue;
      const s = pos[a.source].x - pos[b.source].x;
      const t = pos[a.target].x - pos[b.target].x;
      if (s * t < 0) c++;
    }
  }
  return c;
}

describe('layeredLayout', () => {
  it('puts every edge source above its target on a tree, parents over their children', () => {
    const ids = ['B', 'F1', 'F2', 'R1', 'R2', 'R3', 'R4'];
    const edges = [e('B', 'F1'), e('B', 'F2'), e('F1', 'R1'), e('F1', 'R2'), e('F2', 'R3'), e('F2', 'R4')];
    const r = layeredLayout(ids, edges);
    expect(r.layers).toBe(3);
    expect(r.reversed).toBe(0);
    for (const x of edges) expect(r.positions[x.source].y).toBeLessThan(r.positions[x.target].y);
    // F1 sits between its rooms, B between its floors.
    const p = r.positions;
    expect(p.F1.x).toBeGreaterThanOrEqual(Math.min(p.R1.x, p.R2.x));
    expect(p.F1.x).toBeLessThanOrEqual(Math.max(p.R1.x, p.R2.x));
    expect(p.B.x).toBeCloseTo((p.F1.x + p.F2.x) / 2, 0);
    expect(crossings(p, r.layerOf, edges)).toBe(0);
  });

  it('breaks cycles by reversing as few edges as a DFS finds, and still finishes', () => {
    const r = layeredLayout(['a', 'b', 'c'], [e('a', 'b'), e('b', 'c'), e('c', 'a')]);
    expect(r.reversed).toBe(1);
    expect(new Set(Object.values(r.layerOf)).size).toBe(3);
  });

  it('ignores self loops and edges to unknown nodes; isolated nodes get a place', () => {
    const r = layeredLayout(['a', 'b', 'lonely'], [e('a', 'a'), e('a', 'b'), e('a', 'ghost')]);
    expect(Object.keys(r.positions).sort()).toEqual(['a', 'b', 'lonely']);
    expect(r.layerOf.b).toBe(1);
  });

  it('no two nodes share a position, also when a wide layer wraps onto rows', () => {
    const ids = ['root', ...Array.from({ length: 250 }, (_, i) => `c${i}`)];
    const edges = ids.slice(1).map((id) => e('root', id));
    const r = layeredLayout(ids, edges, { maxPerRow: 60 });
    const keys = new Set(Object.values(r.positions).map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(ids.length);
    const rows = new Set(ids.slice(1).map((id) => r.positions[id].y));
    expect(rows.size).toBe(5); // 250 children, 60 per row
    for (const id of ids.slice(1)) expect(r.positions[id].y).toBeGreaterThan(r.positions.root.y);
  });

  it('a source is pulled down next to its highest child instead of the top layer', () => {
    const r = layeredLayout(['a', 'b', 'c', 'd'], [e('a', 'b'), e('b', 'c'), e('d', 'c')]);
    expect(r.layerOf.d).toBe(1);
    expect(r.layerOf.c).toBe(2);
  });

  it('barycenter sweeps undo crossings of a shuffled bipartite graph', () => {
    // Three parents, each with its own children, listed so that the initial order crosses.
    const ids = ['p0', 'p1', 'p2', 'k2a', 'k0a', 'k1a', 'k2b', 'k0b', 'k1b'];
    const edges = [e('p0', 'k0a'), e('p0', 'k0b'), e('p1', 'k1a'), e('p1', 'k1b'), e('p2', 'k2a'), e('p2', 'k2b')];
    const r = layeredLayout(ids, edges);
    expect(crossings(r.positions, r.layerOf, edges)).toBe(0);
  });

  it('10,000 nodes and 20,000 edges lay out in well under the time dagre needs (linear passes)', () => {
    const ids: string[] = ['B'];
    const edges: Array<{ source: string; target: string }> = [];
    for (let f = 0; f < 50; f++) {
      ids.push(`F${f}`);
      edges.push(e('B', `F${f}`));
    }
    for (let r = 0; r < 2000; r++) {
      ids.push(`R${r}`);
      edges.push(e(`F${r % 50}`, `R${r}`));
    }
    for (let s = 0; ids.length < 10_000; s++) {
      ids.push(`S${s}`);
      edges.push(e(`R${s % 2000}`, `S${s}`));
    }
    for (let k = 0; edges.length < 20_000; k++) edges.push(e(`R${(k * 7919) % 2000}`, `S${(k * 104729 + 13) % 7949}`));
    const t0 = performance.now();
    const r = layeredLayout(ids, edges);
    const ms = performance.now() - t0;
    expect(Object.keys(r.positions)).toHaveLength(10_000);
    expect(r.layers).toBe(4);
    expect(r.positions.B.y).toBeLessThan(r.positions.F0.y);
    expect(ms).toBeLessThan(5000);
  });
});
