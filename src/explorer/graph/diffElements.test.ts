import { describe, expect, it } from 'vitest';
import { diffElements } from './diffElements.ts';

describe('diffElements', () => {
  it('finds added, removed and changed entries by identity', () => {
    const a = { v: 1 };
    const b = { v: 2 };
    const prev = new Map<string, unknown>([['x', a], ['y', b]]);
    const next = new Map<string, unknown>([['x', a], ['y', { v: 2 }], ['z', {}]]);
    expect(diffElements(prev, next)).toEqual({ add: ['z'], remove: [], update: ['y'] });
    expect(diffElements(next, new Map())).toEqual({ add: [], remove: ['x', 'y', 'z'], update: [] });
  });
});
