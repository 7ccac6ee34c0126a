import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { graphSource } from './graphSource.ts';
import { rows } from './testGraph.test-util.ts';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../../fixtures/query/${name}`, import.meta.url)), 'utf8');

describe('graphSource', () => {
  it('reads ADT Explorer JSON and NDJSON into the same graph', () => {
    const a = graphSource(read('building.json'));
    const b = graphSource(read('building.ndjson'));
    if (!a.ok || !b.ok) return expect.fail('fixtures rejected');
    expect(a.value.twinCount()).toBe(9);
    expect(b.value.twinCount()).toBe(9);
    expect(b.value.relationshipCount()).toBe(9);
    const q = "SELECT R.$relationshipId AS id, R.$sourceId AS s, R.reportedCondition AS c FROM RELATIONSHIPS R WHERE R.$relationshipName = 'hasSensor'";
    expect(rows(b.value, q)).toEqual(rows(a.value, q));
    // NDJSON twins have no $etag: one is made up so that every twin has the GET shape
    expect(typeof b.value.twin('R1')?.$etag).toBe('string');
  });

  it('accepts relationship properties under $properties (ADT Explorer import form)', () => {
    const doc = {
      digitalTwinsFileInfo: { fileVersion: '1.0.0' },
      digitalTwinsGraph: {
        digitalTwins: [{ $dtId: 1, $metadata: { $model: 'dtmi:a;1' } }, { $dtId: 'b', $metadata: { $model: 'dtmi:a;1' } }],
        relationships: [{ $relationshipId: 'r', $sourceId: '1', $targetId: 'b', $relationshipName: 'n', $properties: { w: 3 } }],
      },
      digitalTwinsModels: [],
    };
    const s = graphSource(JSON.stringify(doc));
    if (!s.ok) return expect.fail(s.error.message);
    expect(rows(s.value, "SELECT R.w FROM RELATIONSHIPS R WHERE R.$sourceId = '1'")).toEqual([{ w: 3 }]);
  });

  it('rejects broken files with ImportFailed naming the place', () => {
    const bad = (text: string) => {
      const r = graphSource(text);
      return r.ok ? '' : `${r.error.code}: ${r.error.message}`;
    };
    expect(bad('{nope')).toMatch(/^ImportFailed: not valid JSON/);
    expect(bad('{"digitalTwinsGraph": {"digitalTwins": [{"$dtId": "x"}]}}')).toMatch(/twin #1: twin x needs \$metadata.\$model/);
    expect(bad('{"Section": "Header"}\n{"fileVersion":"1.0.0"}\n{"Section": "Twins"}\n{"$dtId": "a"}')).toMatch(/line 4/);
    expect(bad('{"Section": "Header"}\n{"Section": "Relationships"}\n{"$dtId": "a", "$targetId": "b"}')).toMatch(/line 3: a relationship needs a string \$relationshipId/);
  });
});
