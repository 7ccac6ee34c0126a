/**
 * A generated building graph for benchmarks and load tests: buildings -> floors -> rooms -> sensors, plus `relatedTo`
 * edges until there are `relationshipsPerTwin` relationships per twin. Deterministic. Pure (runs in Node and browsers).
 */
export const BENCH_MODELS = [
  {
    '@id': 'dtmi:twinscape:bench:Space;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3',
    contents: [
      { '@type': 'Property', name: 'name', schema: 'string' },
      { '@type': 'Relationship', name: 'relatedTo', properties: [{ '@type': 'Property', name: 'weight', schema: 'double' }] },
    ],
  },
  {
    '@id': 'dtmi:twinscape:bench:Building;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', extends: 'dtmi:twinscape:bench:Space;1',
    contents: [{ '@type': 'Relationship', name: 'hasFloor', target: 'dtmi:twinscape:bench:Floor;1' }],
  },
  {
    '@id': 'dtmi:twinscape:bench:Floor;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', extends: 'dtmi:twinscape:bench:Space;1',
    contents: [
      { '@type': 'Property', name: 'level', schema: 'integer' },
      { '@type': 'Relationship', name: 'contains', target: 'dtmi:twinscape:bench:Room;1' },
    ],
  },
  {
    '@id': 'dtmi:twinscape:bench:Room;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', extends: 'dtmi:twinscape:bench:Space;1',
    contents: [
      { '@type': 'Property', name: 'temperature', schema: 'double' },
      { '@type': 'Property', name: 'area', schema: 'double' },
      { '@type': 'Relationship', name: 'hasSensor', target: 'dtmi:twinscape:bench:Sensor;1' },
    ],
  },
  {
    '@id': 'dtmi:twinscape:bench:Sensor;1', '@type': 'Interface', '@context': 'dtmi:dtdl:context;3', extends: 'dtmi:twinscape:bench:Space;1',
    contents: [
      { '@type': 'Property', name: 'value', schema: 'double' },
      { '@type': 'Property', name: 'unit', schema: 'string' },
      { '@type': 'Relationship', name: 'isLocatedIn', target: 'dtmi:twinscape:bench:Room;1' },
    ],
  },
];

type Obj = Record<string, unknown>;

export interface GeneratedGraph {
  models: Obj[];
  twins: Obj[];
  relationships: Obj[];
}

export function generateBuildingGraph(twinCount: number, relationshipsPerTwin = 3): GeneratedGraph {
  const twins: Obj[] = [];
  const relationships: Obj[] = [];
  const rel = (s: string, name: string, t: string, extra: Obj = {}) =>
    relationships.push({ $relationshipId: `${s}-${name}-${t}`, $sourceId: s, $targetId: t, $relationshipName: name, ...extra });
  let b = 0;
  let f = 0;
  while (twins.length < twinCount) {
    const bid = `B${b++}`;
    twins.push({ $dtId: bid, $metadata: { $model: 'dtmi:twinscape:bench:Building;1' }, name: `Building ${b}` });
    for (let fl = 0; fl < 10 && twins.length < twinCount; fl++) {
      const fid = `${bid}-F${fl}`;
      f++;
      twins.push({ $dtId: fid, $metadata: { $model: 'dtmi:twinscape:bench:Floor;1' }, name: `Floor ${fl}`, level: fl });
      rel(bid, 'hasFloor', fid);
      for (let r = 0; r < 10 && twins.length < twinCount; r++) {
        const rid = `${fid}-R${r}`;
        twins.push({ $dtId: rid, $metadata: { $model: 'dtmi:twinscape:bench:Room;1' }, name: `Room ${r}`, temperature: 20 + ((r * 7 + fl) % 6), area: 12 + r });
        rel(fid, 'contains', rid);
        for (let s = 0; s < 3 && twins.length < twinCount; s++) {
          const sid = `${rid}-S${s}`;
          twins.push({ $dtId: sid, $metadata: { $model: 'dtmi:twinscape:bench:Sensor;1' }, name: `Sensor ${s}`, value: s * 1.5, unit: 'degC' });
          rel(rid, 'hasSensor', sid);
          rel(sid, 'isLocatedIn', rid);
        }
      }
    }
  }
  void f;
  const target = Math.round(twinCount * relationshipsPerTwin);
  for (let step = 1; relationships.length < target; step++) {
    for (let i = 0; i + step < twins.length && relationships.length < target; i++) {
      rel(twins[i].$dtId as string, 'relatedTo', twins[i + step].$dtId as string, { weight: (i % 10) / 10 });
    }
  }
  return { models: BENCH_MODELS as Obj[], twins, relationships };
}

/** The graph as ADT bulk-import NDJSON. */
export function toNdjson(g: GeneratedGraph): string {
  const lines = [JSON.stringify({ Section: 'Header' }), JSON.stringify({ fileVersion: '1.0.0', author: 'twinscape-bench', organization: '' }), JSON.stringify({ Section: 'Models' })];
  for (const m of g.models) lines.push(JSON.stringify(m));
  lines.push(JSON.stringify({ Section: 'Twins' }));
  for (const t of g.twins) lines.push(JSON.stringify(t));
  lines.push(JSON.stringify({ Section: 'Relationships' }));
  for (const r of g.relationships) {
    const { $sourceId, ...rest } = r;
    lines.push(JSON.stringify({ $dtId: $sourceId, ...rest }));
  }
  return lines.join('\n') + '\n';
}
