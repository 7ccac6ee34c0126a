import { describe, expect, it } from 'vitest';
import { META } from './metamodel.ts';

describe('context terms', () => {
  it('contain no colon (the parser never looks a DTMI up as a term)', () => {
    const withColon = Object.values(META.contexts).flatMap((terms) => Object.keys(terms).filter((t) => t.includes(':')));
    expect(withColon).toEqual([]);
    expect(Object.keys(META.contexts['dtmi:dtdl:context;3']).length).toBeGreaterThan(50);
  });
});
