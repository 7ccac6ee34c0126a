import { describe, expect, it } from 'vitest';
import { createLocalEngine, MemoryStore } from '../index.ts';
import { CsvReplay, parseReplayCsv } from './CsvReplay.ts';

describe('CSV replay', () => {
  it('parses, sorts by time and reports malformed lines', () => {
    const r = parseReplayCsv('time,twinId,property,value\n2026-01-01T00:00:02Z,A,t,2\n2026-01-01T00:00:01Z,"A",t,1\nnope,A,t,3\n1767225600000,B,name,"""x"""\n,A,t,\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows.map((x) => x.value)).toEqual(['x', 1, 2]);
    expect(r.value.malformed.map((m) => m.line)).toEqual([4, 6]);
    expect(parseReplayCsv('a,b\n1,2').ok).toBe(false);
  });

  it('replays at the chosen speed in time order and counts engine rejections', async () => {
    const engine = await createLocalEngine({ store: new MemoryStore() });
    await engine.uploadModels([{ '@context': 'dtmi:dtdl:context;3', '@id': 'dtmi:t:R;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 't', schema: 'double' }] }]);
    await engine.upsertTwin('A', { $metadata: { $model: 'dtmi:t:R;1' } });
    const logs: string[] = [];
    const replay = new CsvReplay(engine, (_l, m) => logs.push(m));
    // 10 s of recorded data at 100x = ~100 ms.
    const csv = ['time,twinId,property,value', ...Array.from({ length: 11 }, (_, i) => `${1000 * i},A,t,${i}`), '5000,Missing,t,1'].join('\n');
    const started = Date.now();
    expect(replay.start(csv, 100, 'property').ok).toBe(true);
    expect(replay.status.sent).toBeLessThan(12);
    while (replay.status.running) await new Promise((r) => setTimeout(r, 5));
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(90);
    expect(took).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(replay.status).toMatchObject({ total: 12, sent: 12, applied: 11, rejected: 1 });
    const twin = await engine.getTwin('A');
    expect(twin.ok && twin.value.t).toBe(10);
    expect(logs.some((l) => l.includes('Missing.t rejected: DigitalTwinNotFound'))).toBe(true);
    expect(replay.start(csv, 5000, 'property').ok).toBe(false);
  });
});
