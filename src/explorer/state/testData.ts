/** Small builders for the explorer's unit tests. */
import type { Relationship, Twin } from '../../engine/types.ts';

export function twin(id: string, model = 'dtmi:t:Room;1', props: Record<string, unknown> = {}, etag = 'W/"1"'): Twin {
  return { $dtId: id, $etag: etag, $metadata: { $model: model }, ...props };
}

export function rel(source: string, id: string, target: string, name = 'contains', props: Record<string, unknown> = {}): Relationship {
  return { $relationshipId: id, $etag: 'W/"r1"', $sourceId: source, $targetId: target, $relationshipName: name, ...props };
}
