import { describe, expect, it } from 'vitest';
import { defaultValue, isDuration, isoToLocalInput, localInputToIso, parseNumber } from './schemaDefaults.ts';

describe('schema helpers', () => {
  it('defaults per schema kind', () => {
    expect(defaultValue({ kind: 'primitive', name: 'boolean', id: 'b' })).toBe(false);
    expect(defaultValue({ kind: 'primitive', name: 'double', id: 'd' })).toBe(0);
    expect(defaultValue({ kind: 'primitive', name: 'duration', id: 'd' })).toBe('PT0S');
    expect(defaultValue({ kind: 'enum', id: 'e', valueSchema: 'string', values: [{ name: 'on', value: 'On', id: 'x' }] })).toBe('On');
    expect(defaultValue({ kind: 'array', id: 'a', elementSchema: { kind: 'primitive', name: 'string', id: 's' } })).toEqual([]);
  });
  it('durations, date-time inputs and numbers', () => {
    expect(isDuration('PT15M')).toBe(true);
    expect(isDuration('P1DT2H')).toBe(true);
    expect(isDuration('P')).toBe(false);
    expect(isDuration('15 minutes')).toBe(false);
    expect(isoToLocalInput('2024-05-01T10:20:30Z')).toBe('2024-05-01T10:20:30');
    expect(localInputToIso('2024-05-01T10:20')).toBe('2024-05-01T10:20:00Z');
    expect(parseNumber('3.5', 'double')).toBe(3.5);
    expect(parseNumber('3.5', 'integer')).toBeNull();
    expect(parseNumber('x', 'double')).toBeNull();
  });
});
