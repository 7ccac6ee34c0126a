import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const fixture = fileURLToPath(new URL('../../../fixtures/engine/small-graph.json', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('twinscape convert', () => {
  it('json -> ndjson -> json reproduces models, twins and relationships exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    const nd = join(dir, 'g.ndjson');
    const back = join(dir, 'back.json');
    const again = join(dir, 'again.json');
    const c = capture();
    expect(await main(['convert', fixture, nd], c.io)).toBe(0);
    expect(c.out[0]).toContain('5 models, 4 twins, 3 relationships');
    expect(readFileSync(nd, 'utf8').split('\n')[0]).toBe('{"Section":"Header"}');
    expect(await main(['convert', nd, back], capture().io)).toBe(0);
    expect(await main(['convert', back, again], capture().io)).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(back, 'utf8'));
    const src = JSON.parse(readFileSync(fixture, 'utf8'));
    const out = JSON.parse(readFileSync(back, 'utf8'));
    const byId = <T extends Record<string, unknown>>(xs: T[], k: string) => Object.fromEntries(xs.map((x) => [x[k] as string, x]));
    expect(Object.keys(byId(out.digitalTwinsModels, '@id')).sort()).toEqual(Object.keys(byId(src.digitalTwinsModels, '@id')).sort());
    for (const t of src.digitalTwinsGraph.digitalTwins) {
      const o = byId(out.digitalTwinsGraph.digitalTwins, '$dtId')[t.$dtId];
      for (const [k, v] of Object.entries(t)) if (!k.startsWith('$') && !(typeof v === 'object' && v && '$metadata' in v)) expect(o[k]).toEqual(v);
    }
    const rels = byId(out.digitalTwinsGraph.relationships, '$relationshipId');
    expect(rels['F1-contains-R102'].since).toBe('2021-06-01T00:00:00Z');
    expect(rels['F1-contains-R101'].since).toBe('2020-01-01T00:00:00Z');
  });

  it('exits 1 with one error per offending line and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, ['{"Section": "Header"}', '{"fileVersion": "1.0.0"}', '{"Section": "Twins"}', '{oops', '{"$metadata": {}}'].join('\n'));
    const out = join(dir, 'out.json');
    const c = capture();
    expect(await main(['convert', bad, out], c.io)).toBe(1);
    expect(c.err.filter((l) => l.startsWith(`${bad}:`)).map((l) => l.split(':')[1])).toEqual(['4', '5']);
    expect(existsSync(out)).toBe(false);
  });

  it('reports JSON pointers for invalid elements of a .json file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convert-'));
    const g = JSON.parse(readFileSync(fixture, 'utf8'));
    g.digitalTwinsGraph.relationships[0].$targetId = 'nowhere';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(g));
    const c = capture();
    expect(await main(['convert', bad, join(dir, 'o.ndjson')], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/#\/digitalTwinsGraph\/relationships\/0: TargetDigitalTwinNotFound: /);
  });

  it('refuses unknown extensions and missing files with exit 2', async () => {
    expect(await main(['convert', fixture, 'out.xml'], capture().io)).toBe(2);
    expect(await main(['convert', 'missing.json', 'out.ndjson'], capture().io)).toBe(2);
    expect(await main(['convert', fixture], capture().io)).toBe(2);
  });
});
