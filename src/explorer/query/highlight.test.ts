import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highlightSpans } from './highlight.ts';

const kinds = (q: string) => highlightSpans(q).filter((s) => s.kind !== 'space').map((s) => `${s.kind}:${s.text}`);

describe('highlightSpans', () => {
  it('classifies keywords, functions, system properties, strings, numbers and operators', () => {
    expect(kinds("SELECT T FROM digitaltwins T WHERE IS_OF_MODEL(T, 'dtmi:x:R;1') AND T.temp >= 21.5")).toEqual([
      'keyword:SELECT', 'ident:T', 'keyword:FROM', 'keyword:digitaltwins', 'ident:T', 'keyword:WHERE', 'function:IS_OF_MODEL',
      'punct:(', 'ident:T', 'punct:,', "string:'dtmi:x:R;1'", 'punct:)', 'keyword:AND', 'ident:T', 'punct:.', 'ident:temp',
      'operator:>=', 'number:21.5',
    ]);
  });
  it('handles escaped names, $ properties, literals, unterminated strings and bad characters', () => {
    expect(kinds("select [[from]] where T.$dtId = 'ab")).toEqual(['keyword:select', 'escaped:[[from]]', 'keyword:where', 'ident:T', 'punct:.', 'system:$dtId', 'operator:=', "string:'ab"]);
    expect(kinds('x = true # y')).toEqual(['ident:x', 'operator:=', 'literal:true', 'invalid:#', 'ident:y']);
    expect(kinds('contains')).toEqual(['keyword:contains'.replace('keyword', 'ident')]);
  });
  it('covers every character exactly once, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const spans = highlightSpans(s);
        expect(spans.map((x) => x.text).join('')).toBe(s);
        let at = 0;
        for (const sp of spans) {
          expect(sp.start).toBe(at);
          expect(sp.end).toBeGreaterThan(sp.start);
          at = sp.end;
        }
      }),
    );
  });
});
