import { describe, expect, it } from 'vitest';
import { childId, itemId } from './dtmi.ts';

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
