import { describe, expect, it } from 'vitest';
import { twinAtMoment, useTimeTravel } from './timeTravelStore.ts';

describe('time travel store', () => {
  it('a twin at a moment: recorded values then, unknown ones absent, unrecorded ones current', () => {
    const now = { $dtId: 'R', temperature: 27, co2: 900, name: 'Office' };
    expect(twinAtMoment(now, { temperature: 20 }, new Set(['temperature', 'co2']))).toEqual({ $dtId: 'R', temperature: 20, name: 'Office' });
    expect(twinAtMoment(now, undefined, undefined)).toBe(now);
  });

  it('show and back to live', () => {
    const s = useTimeTravel.getState();
    s.show(1000, new Map([['R', { temperature: 20 }]]), new Map([['R', new Set(['temperature'])]]));
    expect(useTimeTravel.getState().moment).toBe(1000);
    expect(useTimeTravel.getState().values.get('R')).toEqual({ temperature: 20 });
    useTimeTravel.getState().backToLive();
    expect(useTimeTravel.getState().moment).toBeNull();
    expect(useTimeTravel.getState().values.size).toBe(0);
  });
});
