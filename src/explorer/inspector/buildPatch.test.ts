import { describe, expect, it } from 'vitest';
import { applyPatch } from '../state/canvasContent.ts';
import { buildPatch, deepEqual, inversePatch, relationshipCreateBody, twinCreateBody } from './buildPatch.ts';

const original = {
  $dtId: 'R', $etag: 'W/"1"', $metadata: { $model: 'm' },
  name: 'Lobby', temp: 20, tags: { a: 1, b: 2 }, gone: true,
  comp: { $metadata: {}, setPoint: 19, mode: 'auto' },
};

describe('buildPatch', () => {
  it('emits add/replace/remove for changed top-level values, whole maps, per-property components', () => {
    const edited = { ...structuredClone(original), temp: 21, tags: { a: 1 }, extra: 'x', comp: { $metadata: {}, setPoint: 20 } } as Record<string, unknown>;
    delete edited.gone;
    const ops = buildPatch(original, edited);
    expect(ops).toEqual([
      { op: 'replace', path: '/temp', value: 21 },
      { op: 'replace', path: '/tags', value: { a: 1 } },
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/comp/setPoint', value: 20 },
      { op: 'remove', path: '/comp/mode' },
      { op: 'add', path: '/extra', value: 'x' },
    ]);
  });

  it('is empty when nothing changed and never touches $ keys', () => {
    expect(buildPatch(original, { ...structuredClone(original), $etag: 'other' })).toEqual([]);
  });

  it('escapes keys with / and ~', () => {
    expect(buildPatch({}, { 'a/b~c': 1 })).toEqual([{ op: 'add', path: '/a~1b~0c', value: 1 }]);
  });

  it('inverse patch restores the original', () => {
    const edited = { ...structuredClone(original), temp: 30, newp: [1], comp: { $metadata: {}, setPoint: 1, mode: 'auto' } } as Record<string, unknown>;
    delete edited.name;
    const ops = buildPatch(original, edited);
    const after = applyPatch(original, ops);
    expect(deepEqual(after, edited)).toBe(true);
    const back = applyPatch(after, inversePatch(original, ops));
    expect(deepEqual(back, original)).toBe(true);
  });
});

describe('create bodies', () => {
  it('strip system fields and keep component markers', () => {
    expect(twinCreateBody(original)).toEqual({
      $metadata: { $model: 'm' }, name: 'Lobby', temp: 20, tags: { a: 1, b: 2 }, gone: true, comp: { $metadata: {}, setPoint: 19, mode: 'auto' },
    });
    expect(relationshipCreateBody({ $relationshipId: 'r', $etag: 'e', $sourceId: 's', $targetId: 't', $relationshipName: 'n', w: 1 }))
      .toEqual({ $targetId: 't', $relationshipName: 'n', w: 1 });
  });
});
