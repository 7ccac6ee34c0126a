import { describe, expect, it } from 'vitest';
import { hasPath, reapplyPatch } from './reapplyPatch.ts';

describe('reapplyPatch', () => {
  it('puts my replaced values over the stored version and keeps the other writer’s other changes', () => {
    const latest = { temperature: 30, name: 'Lobby', tags: { a: 1 } };
    const out = reapplyPatch(latest, [{ op: 'replace', path: '/temperature', value: 19 }, { op: 'add', path: '/tags/b', value: 2 }]);
    expect(out).toEqual({ temperature: 19, name: 'Lobby', tags: { a: 1, b: 2 } });
    expect(latest.temperature).toBe(30); // not mutated
  });
  it('drops a remove of something the stored version no longer has', () => {
    const out = reapplyPatch({ a: 1 }, [{ op: 'remove', path: '/gone' }, { op: 'remove', path: '/a' }]);
    expect(out).toEqual({});
  });
  it('hasPath follows escaped JSON Pointer segments', () => {
    const doc = { 'a/b': { '~c': 1 } };
    expect(hasPath(doc, '/a~1b/~0c')).toBe(true);
    expect(hasPath(doc, '/a~1b/c')).toBe(false);
    expect(hasPath(doc, '/x')).toBe(false);
  });
});
