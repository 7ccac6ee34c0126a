import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/query/${name}`, import.meta.url));
const valid = fixture('building-valid.json');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('twinscape query', () => {
  it('prints every row of every page as one JSON array', async () => {
    const c = capture();
    const code = await main(['query', '--graph', valid, '--page-size', '2', "SELECT T.$dtId AS id FROM DIGITALTWINS T WHERE IS_OF_MODEL('dtmi:example:Room;1')"], c.io);
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    expect(c.out).toHaveLength(1);
    expect((JSON.parse(c.out[0]) as Array<{ id: string }>).map((r) => r.id).sort()).toEqual(['R1', 'R2', 'R3', 'R4']);
  });

  it('--json prints one array; NDJSON graphs work too', async () => {
    const c = capture();
    expect(await main(['query', '--graph', fixture('building.ndjson'), '--no-validate', '--json', 'SELECT COUNT() FROM DIGITALTWINS'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join(''))).toEqual([{ COUNT: 9 }]);
    const j = capture();
    expect(await main(['query', '--graph', valid, '--json', "SELECT F.name, R.$dtId AS room FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'F2'"], j.io)).toBe(0);
    expect(JSON.parse(j.out.join(''))).toEqual([{ name: 'Floor 2', room: 'R3' }, { name: 'Floor 2', room: 'R4' }]);
  });

  it('a query error exits 1 and prints {"error":{"code":"SqlQueryError",...}} with the position', async () => {
    const c = capture();
    expect(await main(['query', '--graph', valid, '--json', 'SELECT * FROM DIGITALTWINS ORDER BY name'], c.io)).toBe(1);
    const body = JSON.parse(c.out[0]);
    expect(body.error.code).toBe('SqlQueryError');
    expect(body.error.message).toMatch(/Line=1, Position=27, Message=ORDER BY is not supported/);
  });

  it('without --json the error JSON is printed on stdout too', async () => {
    const c = capture();
    expect(await main(['query', '--graph', valid, "SELECT * FROM DIGITALTWINS WHERE name = 'x"], c.io)).toBe(1);
    expect(JSON.parse(c.out[0]).error).toMatchObject({ code: 'SqlQueryError', details: { line: 1, column: 41 } });
  });

  it('--explain prints the plan', async () => {
    const c = capture();
    expect(await main(['query', '--graph', valid, '--explain', "SELECT * FROM DIGITALTWINS WHERE $dtId = 'R1'"], c.io)).toBe(0);
    expect(JSON.parse(c.out.join('\n')).start.access).toEqual({ kind: 'twinById', ids: ['R1'] });
  });

  it('an invalid graph exits 1 naming the element, unless --no-validate', async () => {
    const c = capture();
    expect(await main(['query', '--graph', fixture('building.json'), 'SELECT COUNT() FROM DIGITALTWINS'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/digitalTwins\/3: ValidationFailed/);
    const n = capture();
    expect(await main(['query', '--graph', fixture('building.json'), '--no-validate', "SELECT * FROM DIGITALTWINS WHERE [[Group]] = 'BravoTeam'"], n.io)).toBe(0);
    expect(JSON.parse(n.out[0])[0].$dtId).toBe('R1');
  });

  it('usage errors exit 2', async () => {
    expect(await main(['query', 'SELECT * FROM DIGITALTWINS'], capture().io)).toBe(2);
    expect(await main(['query', '--graph', valid], capture().io)).toBe(2);
    expect(await main(['query', '--graph', valid, '--page-size', '5000', 'SELECT * FROM DIGITALTWINS'], capture().io)).toBe(2);
    expect(await main(['query', '--graph', '/nonexistent.json', 'SELECT * FROM DIGITALTWINS'], capture().io)).toBe(2);
  });

  it('runs through the package bin (npx twinscape query)', () => {
    const out = execFileSync(process.execPath, ['bin/twinscape.mjs', 'query', '--graph', valid, '--json', "SELECT T.$dtId FROM DIGITALTWINS T WHERE T.$dtId = 'B1'"], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([{ $dtId: 'B1' }]);
    const bad = spawnSync(process.execPath, ['bin/twinscape.mjs', 'query', '--graph', valid, '--json', 'SELECT'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('SqlQueryError');
  });
});
