import { describe, expect, it } from 'vitest';
import type { Twin } from '../../engine/types.ts';
import { cardProperties } from './HoverCard.tsx';

const twin = (props: Record<string, unknown>): Twin => ({ $dtId: 't', $etag: 'W/"1"', $metadata: { $model: 'dtmi:x:T;1' }, ...props }) as Twin;

describe('cardProperties', () => {
  it('shows at most four values, scalars before objects, never $-fields or components', () => {
    const out = cardProperties(twin({ obj: { a: 1 }, b: 2, c: 'three', d: true, e: 5, comp: { $metadata: {}, x: 1 } }));
    expect(out.map((p) => p.name)).toEqual(['b', 'c', 'd', 'e']);
    expect(out.find((p) => p.name === 'c')!.value).toBe('three');
    expect(out.find((p) => p.name === 'd')!.value).toBe('true');
  });
  it('shows objects as compact JSON and cuts long values', () => {
    const out = cardProperties(twin({ obj: { a: 1 }, long: 'x'.repeat(200) }));
    expect(out.find((p) => p.name === 'obj')!.value).toBe('{"a":1}');
    const long = out.find((p) => p.name === 'long')!.value;
    expect(long.length).toBe(60);
    expect(long.endsWith('…')).toBe(true);
  });
  it('keeps HTML as plain text (React renders it escaped)', () => {
    expect(cardProperties(twin({ name: '<img src=x onerror=alert(1)>' }))[0].value).toBe('<img src=x onerror=alert(1)>');
  });
});
