/**
 * The engine core's QuerySource (GraphState behind LocalEngine.query) and MemoryQuerySource must give the same rows
 * for the same graph: guards the QuerySource contract (inheritance, version-aware IS_OF_MODEL, adjacency by name).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore } from '../index.ts';
import { graphSource } from './graphSource.ts';
import { rows } from './testGraph.test-util.ts';

const text = readFileSync(fileURLToPath(new URL('../../../fixtures/query/building-valid.json', import.meta.url)), 'utf8');

const QUERIES = [
  'SELECT * FROM DIGITALTWINS',
  "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1')",
  "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;2')",
  "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Room;1', exact)",
  "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Space;1') AND temperature > 20",
  "SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:example:Sensor;1')",
  "SELECT T.$dtId, T.name FROM DIGITALTWINS T WHERE STARTSWITH(T.name, 'Floor')",
  "SELECT * FROM RELATIONSHIPS WHERE $sourceId = 'F1'",
  "SELECT * FROM RELATIONSHIPS WHERE $targetId = 'S1' AND $relationshipName = 'hasSensor'",
  "SELECT B.$dtId AS b, F.$dtId AS f, R.$dtId AS r FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE B.$dtId = 'B1'",
  "SELECT R, S, Rel FROM DIGITALTWINS R JOIN S RELATED R.hasSensor Rel WHERE R.$dtId IN ['R1', 'R2']",
  "SELECT x.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains*..3]->(x) WHERE b.$dtId = 'B1'",
  "SELECT s.$dtId AS s, x.$dtId AS x FROM DIGITALTWINS MATCH (s)-[]-(x) WHERE s.$dtId = 'S1'",
  "SELECT f, r FROM DIGITALTWINS MATCH (r)<-[:contains]-(f) WHERE IS_OF_MODEL(r, 'dtmi:example:Room;2')",
];

const canon = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

describe('engine QuerySource vs MemoryQuerySource', () => {
  it('same rows for the same graph', async () => {
    const engine = await createLocalEngine({ store: new MemoryStore(), history: false });
    const imported = await engine.importGraph(text, 'adt-explorer-json');
    expect(imported.ok && imported.value.errors).toEqual([]);
    const mem = graphSource(text);
    if (!mem.ok) return expect.fail(mem.error.message);
    for (const q of QUERIES) {
      const fromEngine: unknown[] = [];
      let token: string | null = null;
      do {
        const page = await engine.query(q, { pageSize: 2, continuationToken: token });
        if (!page.ok) return expect.fail(`${q}: ${page.error.message}`);
        fromEngine.push(...page.value.value);
        token = page.value.continuationToken;
      } while (token !== null);
      const expected = rows(mem.value, q);
      expect(expected.length, q).toBeGreaterThan(0);
      // The engine sets new $etags and per-property metadata on import: compare without them.
      const strip = (x: unknown): unknown =>
        JSON.parse(JSON.stringify(x, (k, v) => (k === '$etag' ? undefined : k === '$metadata' ? (v.$model ? { $model: v.$model } : {}) : v)));
      expect(canon(fromEngine.map(strip)), q).toEqual(canon(expected.map(strip)));
    }
  });
});
