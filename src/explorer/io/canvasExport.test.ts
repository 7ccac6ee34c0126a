import { describe, expect, it } from 'vitest';
import { canvasGraphFile, exportTwinBody, neededModels } from './canvasExport.ts';

const models = [
  { id: 'dtmi:t:Room;1', model: { '@id': 'dtmi:t:Room;1', extends: 'dtmi:t:Space;1', contents: [{ '@type': 'Component', name: 'hvac', schema: 'dtmi:t:Hvac;1' }] } },
  { id: 'dtmi:t:Space;1', model: { '@id': 'dtmi:t:Space;1' } },
  { id: 'dtmi:t:Hvac;1', model: { '@id': 'dtmi:t:Hvac;1' } },
  { id: 'dtmi:t:Unused;1', model: { '@id': 'dtmi:t:Unused;1' } },
];

describe('canvas export', () => {
  it('reduces twin metadata like the workspace export, keeping sourceTime and component metadata', () => {
    const t = {
      $dtId: 'R1', $etag: 'W/"x"', $metadata: { $model: 'dtmi:t:Room;1', $lastUpdateTime: 'a', temp: { lastUpdateTime: 'b', sourceTime: 'c' }, name: { lastUpdateTime: 'd' } },
      temp: 21, name: 'r', hvac: { $metadata: { mode: { lastUpdateTime: 'e' } }, mode: 'auto' },
    };
    expect(exportTwinBody(t)).toEqual({ $dtId: 'R1', $metadata: { $model: 'dtmi:t:Room;1', temp: { sourceTime: 'c' } }, temp: 21, name: 'r', hvac: { mode: 'auto', $metadata: {} } });
  });
  it('includes only the models needed, dependencies first', () => {
    expect(neededModels(models, ['dtmi:t:Room;1', 'dtmi:t:Room;1']).map((m) => (m as { '@id': string })['@id'])).toEqual(['dtmi:t:Hvac;1', 'dtmi:t:Space;1', 'dtmi:t:Room;1']);
  });
  it('writes a sorted ADT Explorer graph file without etags', () => {
    const doc = JSON.parse(
      canvasGraphFile(
        [{ $dtId: 'S2', $etag: 'e', $metadata: { $model: 'dtmi:t:Space;1' } }, { $dtId: 'S1', $etag: 'e', $metadata: { $model: 'dtmi:t:Space;1' } }],
        [{ $relationshipId: 'r', $etag: 'e', $sourceId: 'S1', $targetId: 'S2', $relationshipName: 'near', since: 1 }],
        models,
      ),
    );
    expect(doc.digitalTwinsFileInfo).toEqual({ fileVersion: '1.0.0' });
    expect(doc.digitalTwinsGraph.digitalTwins.map((t: { $dtId: string }) => t.$dtId)).toEqual(['S1', 'S2']);
    expect(doc.digitalTwinsGraph.relationships).toEqual([{ $relationshipId: 'r', $sourceId: 'S1', $targetId: 'S2', $relationshipName: 'near', since: 1 }]);
    expect(doc.digitalTwinsModels).toEqual([{ '@id': 'dtmi:t:Space;1' }]);
  });
});
