/**
 * The parser: what it accepts (AST shape) and what ADT rejects, with line, column and expectation.
 */
import { describe, expect, it } from 'vitest';
import { executeQuery } from './executeQuery.ts';
import { parseQuery } from './parseQuery.ts';
import type { SqlQueryErrorDetails } from './SqlQueryError.ts';
import { buildingSource, failure } from './testGraph.test-util.ts';

function rejects(text: string): { message: string; details: SqlQueryErrorDetails } {
  const r = parseQuery(text);
  if (r.ok) return expect.fail(`expected a SqlQueryError for: ${text}`);
  expect(r.error.code).toBe('SqlQueryError');
  return { message: r.error.message, details: r.error.details as SqlQueryErrorDetails };
}

describe('parseQuery accepts', () => {
  it('builds a typed AST', () => {
    const r = parseQuery("SELECT TOP(3) T.name AS n, T FROM DIGITALTWINS T WHERE T.$dtId IN ['a', 'b'] AND NOT IS_OF_MODEL(T, 'dtmi:x;1', exact)");
    if (!r.ok) return expect.fail(r.error.message);
    const ast = r.value;
    expect(ast.select).toMatchObject({ kind: 'list', top: 3, items: [{ path: { segments: ['T', 'name'] }, as: 'n' }, { path: { segments: ['T'] } }] });
    expect(ast.from).toMatchObject({ collection: 'DIGITALTWINS', alias: 'T', joins: [] });
    expect(ast.where).toMatchObject({
      kind: 'and',
      left: { kind: 'in', negated: false, values: [{ value: 'a' }, { value: 'b' }] },
      right: { kind: 'not', operand: { kind: 'isOfModel', alias: 'T', model: 'dtmi:x;1', exact: true } },
    });
  });

  it('MATCH patterns with directions, names, variables and hop ranges', () => {
    const r = parseQuery("SELECT a, c FROM DIGITALTWINS MATCH (a)-[r:x|y]->(b)<-[*..3]-(c)-[:z*1..4]-() WHERE a.$dtId = 'a'");
    if (!r.ok) return expect.fail(r.error.message);
    const m = r.value.from.match;
    expect(m?.nodes.map((n) => n.alias)).toEqual(['a', 'b', 'c', undefined]);
    expect(m?.edges).toMatchObject([
      { direction: 'out', variable: 'r', names: ['x', 'y'], minHops: 1, maxHops: 1 },
      { direction: 'in', names: [], minHops: 1, maxHops: 3 },
      { direction: 'any', names: ['z'], minHops: 2, maxHops: 4 },
    ]);
  });

  it('JOIN chains with relationship aliases; numbers, negative numbers, booleans, null, both quote styles', () => {
    const r = parseQuery(`SELECT A, B, R FROM DIGITALTWINS A JOIN B RELATED A.[[has part]] R JOIN C RELATED B.x WHERE A.n = -1.5e2 AND A.b = TRUE AND A.z != null AND A.s = "it's"`);
    if (!r.ok) return expect.fail(r.error.message);
    expect(r.value.from.joins).toEqual([
      expect.objectContaining({ alias: 'B', from: 'A', relationshipName: 'has part', relationshipAlias: 'R' }),
      expect.objectContaining({ alias: 'C', from: 'B', relationshipName: 'x' }),
    ]);
    expect(JSON.stringify(r.value.where)).toContain('-150');
  });

  it('keeps keywords case-insensitive and allows multi-line queries', () => {
    expect(parseQuery('select top(1)\n  from digitaltwins\n  where is_defined(x)').ok).toBe(true);
  });
});

describe('parseQuery rejects with SqlQueryError, line and column', () => {
  it('a missing SELECT, worded like ADT', () => {
    const e = rejects('foo');
    expect(e.message).toBe(
      "SQL query parse failed: SQL Parser Error, Line=1, Position=0, Message=missing SELECT at 'foo' See samples in http://aka.ms/adtv2query for the correct syntax.",
    );
    expect(e.details).toMatchObject({ line: 1, column: 1, offset: 0, expected: 'SELECT', found: 'foo' });
  });

  it('reports the line and column of the offending token', () => {
    const e = rejects('SELECT *\nFROM DIGITALTWINS\nWHERE name == 1');
    expect(e.details).toMatchObject({ line: 3, column: 13 });
    expect(e.message).toContain('Line=3, Position=12');
  });

  const cases: Array<[string, string, RegExp]> = [
    ['subquery in FROM', 'SELECT * FROM (SELECT * FROM DIGITALTWINS)', /subqueries are not supported/],
    ['subquery in WHERE', "SELECT * FROM DIGITALTWINS WHERE $dtId IN (SELECT T.$dtId FROM DIGITALTWINS T)", /subqueries are not supported/],
    ['OUTER JOIN', 'SELECT A, B FROM DIGITALTWINS A LEFT OUTER JOIN B RELATED A.x', /JOIN is not supported/],
    ['LEFT JOIN without alias', 'SELECT A FROM DIGITALTWINS LEFT JOIN B RELATED A.x', /LEFT JOIN is not supported/],
    ['SELECT * with JOIN', "SELECT * FROM DIGITALTWINS A JOIN B RELATED A.x WHERE A.$dtId = 'a'", /SELECT \* cannot be used with JOIN/],
    ['SELECT * with MATCH', "SELECT * FROM DIGITALTWINS MATCH (a)-[]->(b) WHERE a.$dtId = 'a'", /SELECT \* cannot be used with MATCH/],
    ['TOP without projection with JOIN', 'SELECT TOP(2) FROM DIGITALTWINS A JOIN B RELATED A.x', /cannot be used with JOIN/],
    ['RELATIONSHIPS with JOIN', 'SELECT R FROM RELATIONSHIPS R JOIN B RELATED R.x', /JOIN cannot be used with FROM RELATIONSHIPS/],
    ['six JOINs', 'SELECT A FROM DIGITALTWINS A JOIN B RELATED A.x JOIN C RELATED B.x JOIN D RELATED C.x JOIN E RELATED D.x JOIN F RELATED E.x JOIN G RELATED F.x', /too many JOINs: at most 5/],
    ['eleven hops', 'SELECT a FROM DIGITALTWINS MATCH (a)-[*..11]->(b)', /too many hops/],
    ['eleven hops over two edges', 'SELECT a FROM DIGITALTWINS MATCH (a)-[*..6]->(b)-[*5]->(c)', /too many hops/],
    ['two MATCHes', 'SELECT a FROM DIGITALTWINS MATCH (a)-[]->(b) MATCH (b)-[]->(c)', /only one MATCH/],
    ['variable with hops', 'SELECT a FROM DIGITALTWINS MATCH (a)-[r*2]->(b)', /relationship variable cannot be used with multiple hops/],
    ['range without upper bound', 'SELECT a FROM DIGITALTWINS MATCH (a)-[*2..]->(b)', /upper bound/],
    ['empty hop range', 'SELECT a FROM DIGITALTWINS MATCH (a)-[*3..3]->(b)', /empty hop range/],
    ['arrow both ways', 'SELECT a FROM DIGITALTWINS MATCH (a)<-[]->(b)', /cannot point both ways/],
    ['JOIN with MATCH', 'SELECT a FROM DIGITALTWINS MATCH (a)-[]->(b) JOIN c RELATED a.x', /JOIN cannot be combined with MATCH/],
    ['ORDER BY', 'SELECT * FROM DIGITALTWINS ORDER BY name', /ORDER BY is not supported/],
    ['ORDER BY after WHERE', "SELECT * FROM DIGITALTWINS WHERE name = 'x' ORDER BY name", /ORDER BY is not supported/],
    ['GROUP BY', 'SELECT * FROM DIGITALTWINS GROUP BY name', /GROUP BY is not supported/],
    ['DISTINCT', 'SELECT DISTINCT name FROM DIGITALTWINS', /DISTINCT is not supported/],
    ['AVG', 'SELECT AVG(temperature) FROM DIGITALTWINS', /aggregate AVG is not supported/],
    ['MAX', 'SELECT MAX(temperature) FROM DIGITALTWINS', /aggregate MAX is not supported/],
    ['COUNT(*)', 'SELECT COUNT(*) FROM DIGITALTWINS', /COUNT takes no argument/],
    ['COUNT with projections', 'SELECT COUNT(), name FROM DIGITALTWINS', /COUNT\(\) cannot be combined/],
    ['LIKE', "SELECT * FROM DIGITALTWINS WHERE name LIKE 'a%'", /LIKE is not supported/],
    ['arithmetic', 'SELECT * FROM DIGITALTWINS WHERE temperature + 1 > 2', /arithmetic is not supported/],
    ['arithmetic on the right', 'SELECT * FROM DIGITALTWINS WHERE temperature > 1 * 2', /arithmetic is not supported/],
    ['query parameters', 'SELECT * FROM DIGITALTWINS WHERE $dtId = @id', /query parameters are not supported/],
    ['array indexing', 'SELECT * FROM DIGITALTWINS WHERE modes[0] = 1', /array indexing is not supported/],
    ['unescaped reserved word', "SELECT * FROM DIGITALTWINS WHERE Group = 'BravoTeam'", /reserved word; write it as \[\[Group\]\]/],
    ['unknown function', "SELECT * FROM DIGITALTWINS WHERE LOWER(name) = 'x'", /unknown function 'LOWER'/],
    ['unterminated string', "SELECT * FROM DIGITALTWINS WHERE name = 'abc", /unterminated string/],
    ['trailing garbage', 'SELECT * FROM DIGITALTWINS T U', /extraneous input 'U'/],
    ['missing FROM', 'SELECT *', /expecting FROM/],
    ['unknown collection', 'SELECT * FROM TWINS', /expecting DIGITALTWINS or RELATIONSHIPS/],
    ['devices collection', 'SELECT * FROM DEVICES', /collection DEVICES is not supported/],
    ['empty WHERE', 'SELECT * FROM DIGITALTWINS WHERE', /expecting an operand/],
    ['bad character', 'SELECT * FROM DIGITALTWINS WHERE name = #', /token recognition error/],
    ['TOP(0)', 'SELECT TOP(0) FROM DIGITALTWINS', /TOP expects a positive integer/],
    ['IS_OF_MODEL without string', 'SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL(T)', /expecting '.'|expecting ','/],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => {
      const e = rejects(text);
      expect(e.message).toMatch(message);
      expect(e.details.line).toBeGreaterThanOrEqual(1);
      expect(e.details.column).toBeGreaterThanOrEqual(1);
    });
  }

  it('IN lists over 100 values', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `'t${i}'`).join(',');
    expect(parseQuery(`SELECT * FROM DIGITALTWINS WHERE $dtId IN [${list(100)}]`).ok).toBe(true);
    const e = rejects(`SELECT * FROM DIGITALTWINS WHERE $dtId IN [${list(101)}]`);
    expect(e.message).toMatch(/too many values in the IN\/NIN list: at most 100/);
  });

  it('queries longer than 8,000 characters', () => {
    const long = `SELECT * FROM DIGITALTWINS WHERE name = '${'x'.repeat(8000)}'`;
    const e = rejects(long);
    expect(e.message).toMatch(/query is too long/);
    expect(e.details.offset).toBe(8000);
    expect(parseQuery(`SELECT * FROM DIGITALTWINS WHERE name = '${'x'.repeat(7000)}'`).ok).toBe(true);
  });

  it('more than 50 AND/OR operators', () => {
    const conds = (n: number) => Array.from({ length: n }, (_, i) => `x = ${i}`).join(' OR ');
    expect(parseQuery(`SELECT * FROM DIGITALTWINS WHERE ${conds(51)}`).ok).toBe(true);
    expect(rejects(`SELECT * FROM DIGITALTWINS WHERE ${conds(52)}`).message).toMatch(/too many AND\/OR/);
  });

  it('limits are configurable', () => {
    expect(parseQuery('SELECT A FROM DIGITALTWINS A JOIN B RELATED A.x JOIN C RELATED B.x', { limits: { maxJoins: 1 } }).ok).toBe(false);
  });
});

describe('binding errors (names)', () => {
  const src = buildingSource();
  it('unknown alias with JOIN', () => {
    expect(failure(src, "SELECT A FROM DIGITALTWINS A JOIN B RELATED A.x WHERE name = 'x'").message).toMatch(/'name' is not a collection alias/);
    expect(failure(src, 'SELECT A FROM DIGITALTWINS A JOIN B RELATED Z.x').message).toMatch(/'Z' is not an alias defined before/);
  });
  it('IS_OF_MODEL without alias when several twins are in scope', () => {
    expect(failure(src, "SELECT A FROM DIGITALTWINS A JOIN B RELATED A.x WHERE IS_OF_MODEL('dtmi:x;1')").message).toMatch(/needs a collection alias/);
  });
  it('duplicate aliases and duplicate result names', () => {
    expect(failure(src, 'SELECT A FROM DIGITALTWINS A JOIN A RELATED A.x').message).toMatch(/alias 'A' is defined twice/);
    expect(failure(src, 'SELECT A.name, B.name FROM DIGITALTWINS A JOIN B RELATED A.x').message).toMatch(/duplicate result name 'name'/);
  });
});

describe('robustness', () => {
  const fuzzSource = buildingSource();
  it('deep nesting is a SqlQueryError, not a stack overflow', () => {
    expect(rejects(`SELECT * FROM DIGITALTWINS WHERE ${'('.repeat(3000)}x = 1${')'.repeat(3000)}`).message).toMatch(/nested too deeply/);
    expect(rejects(`SELECT * FROM DIGITALTWINS WHERE ${'NOT '.repeat(1500)}x = 1`).message).toMatch(/nested too deeply/);
    expect(parseQuery(`SELECT * FROM DIGITALTWINS WHERE ${'('.repeat(50)}x = 1${')'.repeat(50)}`).ok).toBe(true);
  });

  it('never throws on arbitrary input', async () => {
    const fc = (await import('fast-check')).default;
    const alphabet = ['SELECT', 'FROM', 'WHERE', 'DIGITALTWINS', 'RELATIONSHIPS', 'JOIN', 'RELATED', 'MATCH', 'AND', 'OR', 'NOT', 'IN', 'NIN', 'TOP', 'COUNT', 'AS',
      '(', ')', '[', ']', '[[', ']]', '-', '->', '<-', '*', '..', ',', '.', '=', '!=', '<', '>', "'s'", '"d"', '1', '2.5', 'T', 'x', '$dtId', 'IS_OF_MODEL', 'STARTSWITH', ':', '|', 'exact', '\\', "'", '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), fc.string({ maxLength: 20 }), (words, noise) => {
        const text = words.join(' ') + noise;
        const r = parseQuery(text);
        if (!r.ok) expect(r.error.code).toBe('SqlQueryError');
        const e = executeQuery(text, fuzzSource, { pageSize: 3 });
        if (!e.ok) expect(['SqlQueryError', 'BadRequest']).toContain(e.error.code);
      }),
      { numRuns: 2000 },
    );
  });
});
