import { describe, expect, it } from 'vitest';
import { suggestTwinId } from './suggestId.ts';

describe('suggestTwinId', () => {
  it('takes the smallest free number', () => {
    const taken = new Set(['Room-1', 'Room-2', 'Room-4']);
    expect(suggestTwinId('Room', (id) => taken.has(id))).toBe('Room-3');
    expect(suggestTwinId('Sen sor!', () => false)).toBe('Sensor-1');
  });
});
