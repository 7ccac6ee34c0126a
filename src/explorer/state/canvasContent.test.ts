import { describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../engine/types.ts';
import { applyEvents, applyPatch, drawableRelationships, emptyCanvas, removeTwins, showContent } from './canvasContent.ts';
import { parseRelationshipKey, relationshipKey } from './relationshipKey.ts';
import { rel, twin } from './testData.ts';

function ev(type: string, subject: string, data: unknown): CloudEvent {
  return { specversion: '1.0', id: Math.random().toString(36), type: `Microsoft.DigitalTwins.${type}`, source: 'test', subject, time: '', datacontenttype: 'application/json', data };
}

describe('relationshipKey', () => {
  it('round-trips and matches the event subject form', () => {
    const k = relationshipKey('Floor-1', 'r-7');
    expect(k).toBe('Floor-1/relationships/r-7');
    expect(parseRelationshipKey(k)).toEqual({ sourceId: 'Floor-1', relationshipId: 'r-7' });
    expect(parseRelationshipKey('plain')).toBeNull();
  });
});

describe('showContent', () => {
  it('replace drops what was there, overlay adds', () => {
    const a = showContent(emptyCanvas, [twin('A'), twin('B')], [rel('A', 'r1', 'B')], 'replace');
    expect([...a.twins.keys()]).toEqual(['A', 'B']);
    const b = showContent(a, [twin('C')], [], 'overlay');
    expect([...b.twins.keys()].sort()).toEqual(['A', 'B', 'C']);
    expect(b.relationships.size).toBe(1);
    const c = showContent(b, [twin('D')], [], 'replace');
    expect([...c.twins.keys()]).toEqual(['D']);
    expect(c.relationships.size).toBe(0);
  });

  it('keeps object identity for an unchanged etag, takes the new version otherwise', () => {
    const a = showContent(emptyCanvas, [twin('A')], [], 'replace');
    const same = showContent(a, [twin('A')], [], 'overlay');
    expect(same.twins.get('A')).toBe(a.twins.get('A'));
    const newer = showContent(a, [twin('A', undefined, { x: 1 }, 'W/"2"')], [], 'overlay');
    expect(newer.twins.get('A')).not.toBe(a.twins.get('A'));
    expect(newer.twins.get('A')!.x).toBe(1);
  });

  it('only draws relationships whose both ends are shown', () => {
    const c = showContent(emptyCanvas, [twin('A'), twin('B')], [rel('A', 'r1', 'B'), rel('A', 'r2', 'Z')], 'replace');
    expect(drawableRelationships(c).map((r) => r.$relationshipId)).toEqual(['r1']);
  });
});

describe('removeTwins', () => {
  it('removes the twins and their relationships in and out', () => {
    const c = showContent(emptyCanvas, [twin('A'), twin('B'), twin('C')], [rel('A', 'r1', 'B'), rel('C', 'r2', 'A'), rel('B', 'r3', 'C')], 'replace');
    const d = removeTwins(c, ['A']);
    expect([...d.twins.keys()]).toEqual(['B', 'C']);
    expect([...d.relationships.values()].map((r) => r.$relationshipId)).toEqual(['r3']);
    expect(c.twins.size).toBe(3);
  });
});

describe('applyPatch', () => {
  it('adds, replaces and removes nested values without touching the input', () => {
    const t = twin('A', undefined, { temp: 20, obj: { a: 1 } });
    const out = applyPatch(t, [
      { op: 'replace', path: '/temp', value: 21 },
      { op: 'add', path: '/obj/b', value: 2 },
      { op: 'remove', path: '/obj/a' },
      { op: 'add', path: '/with~1slash', value: true },
    ]);
    expect(out.temp).toBe(21);
    expect(out.obj).toEqual({ b: 2 });
    expect(out['with/slash']).toBe(true);
    expect(t.temp).toBe(20);
    expect(t.obj).toEqual({ a: 1 });
  });
});

describe('applyEvents', () => {
  const base = showContent(emptyCanvas, [twin('A'), twin('B')], [rel('A', 'r1', 'B')], 'replace');

  it('patches shown twins on Update and reports them stale', () => {
    const e = applyEvents(base, [ev('Twin.Update', 'A', { modelId: 'm', patch: [{ op: 'add', path: '/temp', value: 5 }] })]);
    expect(e.content.twins.get('A')!.temp).toBe(5);
    expect(e.stale).toEqual(['A']);
  });

  it('ignores twins not on the canvas and creates unless asked', () => {
    const e = applyEvents(base, [ev('Twin.Update', 'Q', { patch: [] }), ev('Twin.Create', 'N', twin('N'))]);
    expect(e.content).toBe(base);
    const f = applyEvents(base, [ev('Twin.Create', 'N', twin('N'))], { addCreatedTwins: new Set(['N']) });
    expect(f.content.twins.has('N')).toBe(true);
  });

  it('adds created relationships between shown twins, removes deleted ones', () => {
    const e = applyEvents(base, [ev('Relationship.Create', 'B/relationships/r2', rel('B', 'r2', 'A'))]);
    expect(e.content.relationships.has('B/relationships/r2')).toBe(true);
    const g = applyEvents(e.content, [ev('Relationship.Delete', 'A/relationships/r1', rel('A', 'r1', 'B'))]);
    expect(g.content.relationships.has('A/relationships/r1')).toBe(false);
    expect(g.deleted).toEqual(['A/relationships/r1']);
  });

  it('a twin delete removes it and its edges', () => {
    const e = applyEvents(base, [ev('Twin.Delete', 'B', twin('B'))]);
    expect(e.content.twins.has('B')).toBe(false);
    expect(e.content.relationships.size).toBe(0);
    expect(e.deleted).toContain('B');
  });

  it('relationship update patches its properties', () => {
    const e = applyEvents(base, [ev('Relationship.Update', 'A/relationships/r1', { patch: [{ op: 'add', path: '/weight', value: 3 }] })]);
    expect(e.content.relationships.get('A/relationships/r1')!.weight).toBe(3);
  });
});
