import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childId, itemId, parseDtmi, DTMI_ID_PATTERN_V2, DTMI_ID_PATTERN_V3 } from './dtmi.ts';
import { META } from './metamodel.ts';

describe('auto ids', () => {
  it('inserts the segment before the version and drops a fragment', () => {
    expect(childId('dtmi:com:a;1', ':_schema')).toBe('dtmi:com:a:_schema;1');
    expect(childId('dtmi:com:a;2#x', ':_schema')).toBe('dtmi:com:a:_schema;2');
    expect(itemId('dtmi:com:a;1', 'contents', 'x')).toBe('dtmi:com:a:_contents:__x;1');
    expect(itemId('dtmi:com:a', 'fields', '3')).toBe('dtmi:com:a:_fields:__3');
  });

  it('keeps each parent and property apart when the calls interleave (both functions memoize)', () => {
    expect(itemId('dtmi:com:a;1', 'fields', 'x')).toBe('dtmi:com:a:_fields:__x;1');
    // another parent through childId, then an item of that parent under the same property name
    expect(childId('dtmi:com:b;2', ':_schema')).toBe('dtmi:com:b:_schema;2');
    expect(itemId('dtmi:com:b;2', 'fields', 'y')).toBe('dtmi:com:b:_fields:__y;2');
    expect(itemId('dtmi:com:b;2', 'enumValues', 'y')).toBe('dtmi:com:b:_enumValues:__y;2');
    expect(itemId('dtmi:com:a;1', 'enumValues', 'z')).toBe('dtmi:com:a:_enumValues:__z;1');
    expect(childId('dtmi:com:a;1', ':_schema')).toBe('dtmi:com:a:_schema;1');
  });
});

describe('identifier patterns', () => {
  it('are the two DTMI patterns wherever the metamodel names one', () => {
    const seen = new Set([META.identifierDefinition['2'].pattern, META.identifierReference['2'].pattern]);
    for (const v of ['3', '4'] as const) seen.add(META.identifierDefinition[v].pattern).add(META.identifierReference[v].pattern);
    for (const c of Object.values(META.classes))
      for (const d of Object.values(c.properties ?? {})) for (const v of ['2', '3', '4'] as const) if (!d._.literal && !d._.class && d[v]?.pattern) seen.add(d[v]!.pattern!);
    expect([...seen].sort()).toEqual([DTMI_ID_PATTERN_V2, DTMI_ID_PATTERN_V3].sort());
  });

  it('accept only DTMIs (the parser skips parseDtmi for what they accept)', () => {
    const v2 = new RegExp(DTMI_ID_PATTERN_V2);
    const v3 = new RegExp(DTMI_ID_PATTERN_V3);
    // strings built from the characters the grammars turn on, mostly starting like a DTMI
    const part = fc.constantFrom('a', 'Z', 'q', '0', '1', '9', '_', ':', ';', '.', '#', '-', ' ', 'é', 'dtmi:', 'x1', '12345', '1234567890');
    const text = fc.tuple(fc.constantFrom('dtmi:', 'dtmi:', 'dtmi:', 'dtm:', 'DTMI:', ''), fc.array(part, { maxLength: 14 })).map(([h, ps]) => h + ps.join(''));
    let accepted = 0;
    fc.assert(
      fc.property(text, (s) => {
        if (!v2.test(s) && !v3.test(s)) return;
        accepted++;
        expect(parseDtmi(s), s).toBeDefined();
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
