import { describe, expect, it } from 'vitest';
import { GraphState } from './GraphState.ts';
import { ModelRegistry } from '../model/ModelRegistry.ts';
import type { Relationship, Twin } from '../types.ts';

const twin = (id: string): Twin => ({ $dtId: id, $etag: 'W/"1"', $metadata: { $model: 'dtmi:x:T;1' } });
const rel = (s: string, id: string, t: string, name: string): Relationship => ({ $relationshipId: id, $etag: 'W/"1"', $sourceId: s, $targetId: t, $relationshipName: name });

describe('GraphState relationship counts', () => {
  it('count outgoing and incoming across names, through load, put, replace, delete and undo', () => {
    const g = new GraphState(ModelRegistry.empty());
    g.load(['a', 'b', 'c'].map(twin), [rel('a', '1', 'b', 'contains'), rel('a', '2', 'c', 'contains'), rel('a', '3', 'b', 'near'), rel('c', '4', 'b', 'near')]);
    expect([g.outgoingCount('a'), g.incomingCount('b'), g.incomingCount('c'), g.outgoingCount('b')]).toEqual([3, 3, 1, 0]);
    const undoPut = g.putRelationship(rel('b', '5', 'a', 'near'));
    expect([g.outgoingCount('b'), g.incomingCount('a')]).toEqual([1, 1]);
    undoPut();
    expect([g.outgoingCount('b'), g.incomingCount('a')]).toEqual([0, 0]);
    // Same id, new target: moves the incoming count.
    g.putRelationship(rel('a', '1', 'c', 'contains'));
    expect([g.outgoingCount('a'), g.incomingCount('b'), g.incomingCount('c')]).toEqual([3, 2, 2]);
    const undoDel = g.deleteRelationship('a', '3');
    expect([g.outgoingCount('a'), g.incomingCount('b')]).toEqual([2, 1]);
    undoDel();
    expect([g.outgoingCount('a'), g.incomingCount('b')]).toEqual([3, 2]);
  });
});
