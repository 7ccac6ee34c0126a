import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLocalEngine, DexieStore, MemoryStore, type Progress } from '../index.ts';
import { fixture, M } from '../node/testFixtures.ts';

const small = () => fixture('small-graph.json');

describe('import and export', () => {
  it('imports ADT Explorer JSON with relationship properties at the top level and under $properties', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const progress: Progress[] = [];
    const r = await e.importGraph(small(), 'adt-explorer-json', (p) => progress.push(p));
    expect(r.ok && r.value).toEqual({ models: 5, twins: 4, relationships: 3, errors: [] });
    expect(await e.stats()).toEqual({ models: 5, twins: 4, relationships: 3 });
    const r101 = await e.getRelationship('HQ-F1', 'F1-contains-R101');
    const r102 = await e.getRelationship('HQ-F1', 'F1-contains-R102');
    expect(r101.ok && r101.value.since).toBe('2020-01-01T00:00:00Z');
    expect(r102.ok && r102.value.since).toBe('2021-06-01T00:00:00Z');
    const room = await e.getTwin('HQ-F1-R101');
    expect(room.ok && room.value.$metadata.temperature).toMatchObject({ sourceTime: '2024-01-01T12:00:00Z' });
    expect(room.ok && room.value.$etag).not.toBe('W/"11111111-1111-1111-1111-111111111111"');
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['parse', 'models', 'twins', 'relationships', 'write']));
    // Re-import is idempotent: stored models are kept, twins and relationships replaced.
    const again = await e.importGraph(small(), 'adt-explorer-json');
    expect(again.ok && again.value.errors).toEqual([]);
    expect(await e.stats()).toEqual({ models: 5, twins: 4, relationships: 3 });
  });

  it('round-trips losslessly: json -> ndjson -> json reproduces the export exactly', async () => {
    const a = await createLocalEngine({ store: new MemoryStore() });
    await a.importGraph(small(), 'adt-explorer-json');
    const json1 = await a.exportGraph('adt-explorer-json');
    const nd = await a.exportGraph('ndjson');
    expect(json1.ok && nd.ok).toBe(true);
    if (!json1.ok || !nd.ok) return;
    const b = await createLocalEngine({ store: new MemoryStore() });
    const imp = await b.importGraph(nd.value, 'ndjson');
    expect(imp.ok && imp.value.errors).toEqual([]);
    const json2 = await b.exportGraph('adt-explorer-json');
    expect(json2.ok && json2.value).toBe(json1.value);
    const parsed = JSON.parse(json1.value);
    expect(parsed.digitalTwinsGraph.relationships.find((r: { $relationshipId: string }) => r.$relationshipId === 'F1-contains-R102').since).toBe('2021-06-01T00:00:00Z');
    expect(nd.value.split('\n')[0]).toBe('{"Section":"Header"}');
    expect(nd.value).toContain('{"$dtId":"HQ","$relationshipId":"HQ-hasFloor-F1"');
  });

  it('reports every bad NDJSON line and commits nothing', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const lines = [
      '{"Section": "Header"}',
      '{"fileVersion": "1.0.0", "author": "t", "organization": "o"}',
      '{"Section": "Twins"}',
      '{"$dtId": "s1", "$metadata": {"$model": "dtmi:twinscape:test:Space;1"}}',
      'not json',
      '{"$metadata": {"$model": "dtmi:twinscape:test:Space;1"}}',
    ];
    const r = await e.importGraph(lines.join('\n'), 'ndjson');
    expect(r.ok && r.value.errors.map((x) => x.line)).toEqual([5, 6]);
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
    // Semantic errors (unknown model) are found per line too.
    const sem = await e.importGraph([lines[0], lines[1], lines[2], lines[3]].join('\n'), 'ndjson');
    expect(sem.ok && sem.value.errors).toEqual([{ code: 'ValidationFailed', message: expect.stringContaining('dtmi:twinscape:test:Space;1 or one of its dependencies does not exist'), line: 4 }]);
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
  });

  it('accepts $sourceId or $dtId on relationship lines, with or without a trailing newline; checks sections', async () => {
    const models = JSON.parse(fixture('building-models.json')) as unknown[];
    const head = ['{"Section": "Header"}', '{"fileVersion": "1.0.0"}', '{"Section": "Models"}', ...models.map((m) => JSON.stringify(m)), '{"Section": "Twins"}',
      JSON.stringify({ $dtId: 'a', $metadata: { $model: M.space } }), JSON.stringify({ $dtId: 'b', $metadata: { $model: M.space } }), '{"Section": "Relationships"}'];
    const e = await createLocalEngine({ store: new MemoryStore() });
    const text = [...head, JSON.stringify({ $sourceId: 'a', $relationshipId: 'r1', $targetId: 'b', $relationshipName: 'contains' }),
      JSON.stringify({ $dtId: 'b', $relationshipId: 'r2', $targetId: 'a', $relationshipName: 'contains' })].join('\n');
    const r = await e.importGraph(text, 'ndjson');
    expect(r.ok && r.value.errors).toEqual([]);
    expect((await e.stats()).relationships).toBe(2);
    const noHeader = await e.importGraph('{"Section": "Twins"}\n', 'ndjson');
    expect(noHeader.ok && noHeader.value.errors[0].message).toContain('Header');
    const order = await e.importGraph('{"Section": "Header"}\n{}\n{"Section": "Twins"}\n{"Section": "Models"}\n', 'ndjson');
    expect(order.ok && order.value.errors[0]).toMatchObject({ line: 4, message: expect.stringContaining('out of order') });
  });

  it('reports JSON pointers for ADT Explorer files and refuses duplicates', async () => {
    const e = await createLocalEngine({ store: new MemoryStore() });
    const g = JSON.parse(small());
    g.digitalTwinsGraph.digitalTwins[1].level = 'one';
    g.digitalTwinsGraph.digitalTwins.push({ ...g.digitalTwinsGraph.digitalTwins[0] });
    const r = await e.importGraph(JSON.stringify(g), 'adt-explorer-json');
    expect(r.ok && r.value.errors.map((x) => x.pointer)).toEqual(['/digitalTwinsGraph/digitalTwins/4']);
    delete g.digitalTwinsGraph.digitalTwins[4];
    g.digitalTwinsGraph.digitalTwins.length = 4;
    const r2 = await e.importGraph(JSON.stringify(g), 'adt-explorer-json');
    expect(r2.ok && r2.value.errors).toEqual([{ code: 'ValidationFailed', message: expect.stringContaining("Property 'level'"), pointer: '/digitalTwinsGraph/digitalTwins/1' }]);
    const badVersion = await e.importGraph(JSON.stringify({ digitalTwinsFileInfo: { fileVersion: '2.0.0' } }), 'adt-explorer-json');
    expect(badVersion.ok && badVersion.value.errors[0].pointer).toBe('/digitalTwinsFileInfo/fileVersion');
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
  });

  it('is all-or-nothing when storage fails mid-import', async () => {
    const store = new MemoryStore();
    const e = await createLocalEngine({ store });
    store.failNextCommit = new Error('QuotaExceededError');
    const r = await e.importGraph(small(), 'adt-explorer-json');
    expect(!r.ok && r.error.code).toBe('StorageError');
    expect(await e.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
    const reopened = await createLocalEngine({ store });
    expect(await reopened.stats()).toEqual({ models: 0, twins: 0, relationships: 0 });
  });

  it('imports into IndexedDB and reloads the same graph', async () => {
    const name = `import-test-${process.pid}`;
    const e = await createLocalEngine({ store: await new DexieStore(name).open() });
    await e.importGraph(small(), 'adt-explorer-json');
    const before = await e.exportGraph('adt-explorer-json');
    await e.close();
    const again = await createLocalEngine({ store: await new DexieStore(name).open() });
    expect(await again.stats()).toEqual({ models: 5, twins: 4, relationships: 3 });
    const after = await again.exportGraph('adt-explorer-json');
    expect(after.ok && before.ok && after.value === before.value).toBe(true);
  });
});
