import { describe, expect, it } from 'vitest';
import { displayNameOf, emptyFilter, expandSubtypes, filterContext, isFilterActive, matchesFilter, testPredicate } from './filters.ts';
import { twin } from './testData.ts';

const parents = new Map<string, string[]>([
  ['dtmi:t:Room;1', ['dtmi:t:Space;1']],
  ['dtmi:t:Floor;1', ['dtmi:t:Space;1']],
  ['dtmi:t:MeetingRoom;1', ['dtmi:t:Room;1']],
  ['dtmi:t:Sensor;1', []],
]);

describe('expandSubtypes', () => {
  it('adds direct and indirect subtypes only', () => {
    expect([...expandSubtypes(['dtmi:t:Room;1'], parents)].sort()).toEqual(['dtmi:t:MeetingRoom;1', 'dtmi:t:Room;1']);
    expect(expandSubtypes(['dtmi:t:Space;1'], parents).size).toBe(4);
    expect([...expandSubtypes(['dtmi:t:Sensor;1'], parents)]).toEqual(['dtmi:t:Sensor;1']);
  });
});

describe('testPredicate', () => {
  const t = twin('R1', undefined, { temp: 21.5, name: 'Lobby', on: true, comp: { setPoint: 19 }, when: '2024-05-01T00:00:00Z' });
  it('compares numbers numerically and strings lexically', () => {
    expect(testPredicate(t, { property: 'temp', op: '>', value: '21' })).toBe(true);
    expect(testPredicate(t, { property: 'temp', op: '>', value: '100' })).toBe(false);
    expect(testPredicate(t, { property: 'temp', op: '=', value: '21.5' })).toBe(true);
    expect(testPredicate(t, { property: 'when', op: '<', value: '2025' })).toBe(true);
  });
  it('handles booleans, nested paths, contains, exists', () => {
    expect(testPredicate(t, { property: 'on', op: '=', value: 'true' })).toBe(true);
    expect(testPredicate(t, { property: 'on', op: '!=', value: 'true' })).toBe(false);
    expect(testPredicate(t, { property: 'comp.setPoint', op: '<=', value: '19' })).toBe(true);
    expect(testPredicate(t, { property: 'name', op: 'contains', value: 'obb' })).toBe(true);
    expect(testPredicate(t, { property: 'name', op: 'startsWith', value: 'lob' })).toBe(false);
    expect(testPredicate(t, { property: 'nope', op: 'missing' })).toBe(true);
    expect(testPredicate(t, { property: 'nope', op: '>', value: '1' })).toBe(false);
    expect(testPredicate(t, { property: 'name', op: 'exists' })).toBe(true);
  });
});

describe('matchesFilter', () => {
  const dn = (tw: ReturnType<typeof twin>) => displayNameOf(tw, 'name');
  const room = twin('Room-101', 'dtmi:t:Room;1', { name: 'Kitchen', temp: 25 });
  const meeting = twin('Room-102', 'dtmi:t:MeetingRoom;1', { name: 'Board', temp: 19 });
  const floor = twin('Floor-1', 'dtmi:t:Floor;1');

  it('model filter with and without subtypes', () => {
    const f = { ...emptyFilter, models: ['dtmi:t:Room;1'] };
    const withSub = filterContext(f, parents, dn);
    expect([room, meeting, floor].filter((t) => matchesFilter(t, f, withSub)).map((t) => t.$dtId)).toEqual(['Room-101', 'Room-102']);
    const g = { ...f, includeSubtypes: false };
    const noSub = filterContext(g, parents, dn);
    expect([room, meeting, floor].filter((t) => matchesFilter(t, g, noSub)).map((t) => t.$dtId)).toEqual(['Room-101']);
  });

  it('text matches id or display name, predicates combine with AND', () => {
    const f = { ...emptyFilter, text: 'kitch' };
    expect(matchesFilter(room, f, filterContext(f, parents, dn))).toBe(true);
    expect(matchesFilter(meeting, f, filterContext(f, parents, dn))).toBe(false);
    const g = { ...emptyFilter, text: 'room', predicates: [{ property: 'temp', op: '>' as const, value: '20' }] };
    const ctx = filterContext(g, parents, dn);
    expect([room, meeting, floor].filter((t) => matchesFilter(t, g, ctx)).map((t) => t.$dtId)).toEqual(['Room-101']);
  });

  it('isFilterActive ignores blank predicates', () => {
    expect(isFilterActive(emptyFilter)).toBe(false);
    expect(isFilterActive({ ...emptyFilter, predicates: [{ property: ' ', op: 'exists' }] })).toBe(false);
    expect(isFilterActive({ ...emptyFilter, models: ['x'] })).toBe(true);
  });
});

describe('displayNameOf', () => {
  it('falls back to *id when the property is missing', () => {
    expect(displayNameOf(twin('A', undefined, { name: 'N' }), 'name')).toBe('N');
    expect(displayNameOf(twin('A'), 'name')).toBe('*A');
    expect(displayNameOf(twin('A'), '$dtId')).toBe('A');
  });
});
