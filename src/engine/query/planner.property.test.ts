/**
 * Property-based test: random graphs and random queries from the supported subset; the planner's results
 * (index access, join ordering, pushed-down filters, paging) must equal a naive reference evaluator written
 * here: nested loops over the raw twin and relationship arrays, no indexes, no planner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeQuery } from './executeQuery.ts';
import { MemoryQuerySource } from './MemoryQuerySource.ts';
import type { Relationship, Twin } from '../types.ts';

// ---------- graph ----------
const MODELS: Record<string, string[]> = {
  // model -> itself and its ancestors (the reference's own inheritance table)
  'dtmi:t:Base;1': ['dtmi:t:Base;1'],
  'dtmi:t:Mid;1': ['dtmi:t:Mid;1', 'dtmi:t:Base;1'],
  'dtmi:t:Leaf;1': ['dtmi:t:Leaf;1', 'dtmi:t:Mid;1', 'dtmi:t:Base;1'],
  'dtmi:t:Mid;2': ['dtmi:t:Mid;2', 'dtmi:t:Base;1'],
  'dtmi:t:Other;1': ['dtmi:t:Other;1'],
};
const MODEL_DOCS = [
  { '@id': 'dtmi:t:Base;1' }, { '@id': 'dtmi:t:Mid;1', extends: 'dtmi:t:Base;1' }, { '@id': 'dtmi:t:Leaf;1', extends: ['dtmi:t:Mid;1'] },
  { '@id': 'dtmi:t:Mid;2', extends: 'dtmi:t:Base;1' }, { '@id': 'dtmi:t:Other;1' },
];
const refIsOfModel = (twinModel: string, model: string, exact: boolean): boolean => {
  if (exact) return twinModel === model;
  const [base, ver] = model.split(';');
  return MODELS[twinModel].some((m) => m === model || (m.split(';')[0] === base && Number(m.split(';')[1]) >= Number(ver)));
};

const propValue = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('x', 'y', 'ab', 'abc', ''), fc.boolean(), fc.constant(null), fc.constant(undefined));
const graphArb = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.record({
    twins: fc.array(fc.record({ model: fc.constantFrom(...Object.keys(MODELS)), a: propValue, b: propValue, c: propValue }), { minLength: n, maxLength: n }),
    rels: fc.array(fc.record({ s: fc.nat(n - 1), t: fc.nat(n - 1), name: fc.constantFrom('r', 's'), w: propValue }), { maxLength: n * 3 }),
  }),
);
type GraphSpec = { twins: Array<{ model: string; a: unknown; b: unknown; c: unknown }>; rels: Array<{ s: number; t: number; name: string; w: unknown }> };

function buildGraph(g: GraphSpec): { twins: Twin[]; rels: Relationship[] } {
  const twins = g.twins.map((t, i): Twin => {
    const doc: Twin = { $dtId: `t${i}`, $etag: `W/"${i}"`, $metadata: { $model: t.model } };
    for (const k of ['a', 'b', 'c'] as const) if (t[k] !== undefined) doc[k] = t[k];
    return doc;
  });
  const rels = g.rels
    .filter((r) => r.s !== r.t)
    .map((r, i): Relationship => {
      const doc: Relationship = { $relationshipId: `e${i}`, $etag: `W/"e${i}"`, $sourceId: `t${r.s}`, $targetId: `t${r.t}`, $relationshipName: r.name };
      if (r.w !== undefined) doc.w = r.w;
      return doc;
    });
  return { twins, rels };
}

// ---------- conditions: generated AST, rendered to text, evaluated by the reference ----------
type Lit = string | number | boolean | null;
type Cond =
  | { k: 'cmp'; op: string; slot: string; prop: string; lit: Lit }
  | { k: 'in'; neg: boolean; slot: string; prop: string; lits: Lit[] }
  | { k: 'and' | 'or'; l: Cond; r: Cond }
  | { k: 'not'; c: Cond }
  | { k: 'fn'; fn: string; slot: string; prop: string; lit?: string }
  | { k: 'model'; slot: string; model: string; exact: boolean };

const litArb: fc.Arbitrary<Lit> = fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom('x', 'y', 'ab', 'a', 't1', 't2'), fc.boolean(), fc.constant(null));
const condArb = (slots: string[], props: string[]): fc.Arbitrary<Cond> => {
  const slot = fc.constantFrom(...slots);
  const prop = fc.constantFrom(...props);
  const basic: fc.Arbitrary<Cond> = fc.oneof(
    fc.record({ k: fc.constant('cmp' as const), op: fc.constantFrom('=', '!=', '<', '>', '<=', '>='), slot, prop, lit: litArb }),
    fc.record({ k: fc.constant('cmp' as const), op: fc.constant('='), slot, prop: fc.constant('$dtId'), lit: fc.integer({ min: 0, max: 6 }).map((i) => `t${i}`) }),
    fc.record({ k: fc.constant('in' as const), neg: fc.boolean(), slot, prop, lits: fc.array(litArb, { minLength: 1, maxLength: 4 }) }),
    fc.record({ k: fc.constant('fn' as const), fn: fc.constantFrom('IS_DEFINED', 'IS_NULL', 'IS_NUMBER', 'IS_STRING', 'IS_BOOL', 'IS_PRIMITIVE'), slot, prop }),
    fc.record({ k: fc.constant('fn' as const), fn: fc.constantFrom('STARTSWITH', 'ENDSWITH', 'CONTAINS'), slot, prop, lit: fc.constantFrom('a', 'b', 'ab', '') }),
  );
  const twinSlots = slots.filter((s) => s !== 'R');
  const leaf = twinSlots.length
    ? fc.oneof(basic, fc.record({ k: fc.constant('model' as const), slot: fc.constantFrom(...twinSlots), model: fc.constantFrom(...Object.keys(MODELS)), exact: fc.boolean() }))
    : basic;
  return fc.letrec<{ c: Cond }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ k: fc.constantFrom('and' as const, 'or' as const), l: tie('c') as fc.Arbitrary<Cond>, r: tie('c') as fc.Arbitrary<Cond> }),
      fc.record({ k: fc.constant('not' as const), c: tie('c') as fc.Arbitrary<Cond> }),
    ),
  })).c;
};

const litText = (v: Lit) => (typeof v === 'string' ? `'${v}'` : String(v));
function render(c: Cond): string {
  switch (c.k) {
    case 'cmp': return `${c.slot}.${c.prop} ${c.op} ${litText(c.lit)}`;
    case 'in': return `${c.slot}.${c.prop} ${c.neg ? 'NIN' : 'IN'} [${c.lits.map(litText).join(', ')}]`;
    case 'and': case 'or': return `(${render(c.l)} ${c.k.toUpperCase()} ${render(c.r)})`;
    case 'not': return `NOT ${render(c.c)}`;
    case 'fn': return c.lit === undefined ? `${c.fn}(${c.slot}.${c.prop})` : `${c.fn}(${c.slot}.${c.prop}, '${c.lit}')`;
    case 'model': return `IS_OF_MODEL(${c.slot}, '${c.model}'${c.exact ? ', exact' : ''})`;
  }
}

type Env = Record<string, Record<string, unknown> | undefined>;
function refEval(c: Cond, env: Env): boolean | undefined {
  const get = (slot: string, prop: string) => env[slot]?.[prop];
  switch (c.k) {
    case 'cmp': {
      const v = get(c.slot, c.prop);
      const l = c.lit;
      if (v === undefined || typeof v !== typeof l) return undefined;
      if (v === null || typeof v === 'boolean') return c.op === '=' ? v === l : c.op === '!=' ? v !== l : undefined;
      const [x, y] = [v as number | string, l as number | string];
      return c.op === '=' ? x === y : c.op === '!=' ? x !== y : c.op === '<' ? x < y : c.op === '>' ? x > y : c.op === '<=' ? x <= y : x >= y;
    }
    case 'in': {
      const v = get(c.slot, c.prop);
      if (v === undefined || (v !== null && typeof v === 'object')) return undefined;
      const found = c.lits.some((l) => l === v);
      return c.neg ? !found : found;
    }
    case 'and': {
      const [l, r] = [refEval(c.l, env), refEval(c.r, env)];
      return l === false || r === false ? false : l === true && r === true ? true : undefined;
    }
    case 'or': {
      const [l, r] = [refEval(c.l, env), refEval(c.r, env)];
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    case 'not': {
      const v = refEval(c.c, env);
      return v === undefined ? undefined : !v;
    }
    case 'fn': {
      const v = get(c.slot, c.prop);
      switch (c.fn) {
        case 'IS_DEFINED': return v !== undefined;
        case 'IS_NULL': return v === null;
        case 'IS_NUMBER': return typeof v === 'number';
        case 'IS_STRING': return typeof v === 'string';
        case 'IS_BOOL': return typeof v === 'boolean';
        case 'IS_PRIMITIVE': return v === null || ['string', 'number', 'boolean'].includes(typeof v);
        default: {
          if (typeof v !== 'string') return undefined;
          const x = c.lit as string;
          return c.fn === 'STARTSWITH' ? v.startsWith(x) : c.fn === 'ENDSWITH' ? v.endsWith(x) : v.includes(x);
        }
      }
    }
    case 'model': {
      const t = env[c.slot] as Twin | undefined;
      return t ? refIsOfModel(t.$metadata.$model, c.model, c.exact) : false;
    }
  }
}

// ---------- reference pattern evaluation ----------
interface Edge { from: string; to: string; dir: 'out' | 'in' | 'any'; names: string[]; min: number; max: number; rel?: string }

function refRows(twins: Twin[], rels: Relationship[], start: string, edges: Edge[], where: Cond | undefined): Env[] {
  const byId = new Map(twins.map((t) => [t.$dtId, t]));
  const out: Env[] = [];
  const steps = (t: Twin, e: Edge): Array<[Relationship, Twin]> => {
    const res: Array<[Relationship, Twin]> = [];
    for (const r of rels) {
      if (e.names.length && !e.names.includes(r.$relationshipName)) continue;
      if ((e.dir === 'out' || e.dir === 'any') && r.$sourceId === t.$dtId) res.push([r, byId.get(r.$targetId) as Twin]);
      if ((e.dir === 'in' || e.dir === 'any') && r.$targetId === t.$dtId) res.push([r, byId.get(r.$sourceId) as Twin]);
    }
    return res;
  };
  const walk = (k: number, env: Env, used: Relationship[]) => {
    if (k === edges.length) {
      if (!where || refEval(where, env) === true) out.push({ ...env });
      return;
    }
    const e = edges[k];
    const from = env[e.from] as Twin;
    if (e.min === 1 && e.max === 1) {
      for (const [r, t] of steps(from, e)) {
        if (used.includes(r)) continue;
        walk(k + 1, { ...env, [e.to]: t, ...(e.rel ? { [e.rel]: r } : {}) }, [...used, r]);
      }
      return;
    }
    const ends = new Set<Twin>();
    const dfs = (t: Twin, depth: number, path: Relationship[]) => {
      if (depth >= e.min) ends.add(t);
      if (depth === e.max) return;
      for (const [r, n] of steps(t, e)) if (!path.includes(r)) dfs(n, depth + 1, [...path, r]);
    };
    dfs(from, 0, []);
    for (const t of ends) walk(k + 1, { ...env, [e.to]: t }, used);
  };
  for (const t of twins) walk(0, { [start]: t }, []);
  return out;
}

function engineRows(source: MemoryQuerySource, text: string, pageSize: number): unknown[] {
  const out: unknown[] = [];
  let token: string | null = null;
  do {
    const r = executeQuery(text, source, { pageSize, continuationToken: token });
    if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
    out.push(...r.value.value);
    token = r.value.continuationToken;
  } while (token);
  return out;
}

const canon = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
const RUNS = 300;

describe('planner vs naive reference evaluator (fast-check)', () => {
  it('single-collection queries: WHERE, projections, COUNT, paging', () => {
    fc.assert(
      fc.property(graphArb, condArb(['T'], ['a', 'b', 'c', '$dtId']), fc.integer({ min: 1, max: 5 }), fc.constantFrom('star', 'proj', 'count'), (g, cond, pageSize, shape) => {
        const { twins, rels } = buildGraph(g);
        const source = new MemoryQuerySource({ models: MODEL_DOCS, twins, relationships: rels });
        const where = render(cond);
        const select = shape === 'star' ? '*' : shape === 'count' ? 'COUNT()' : 'T.$dtId AS id, T.a, T.b AS bb';
        const text = `SELECT ${select} FROM DIGITALTWINS T WHERE ${where}`;
        const ref = twins.filter((t) => refEval(cond, { T: t }) === true);
        const expected = shape === 'star' ? ref : shape === 'count' ? [{ COUNT: ref.length }]
          : ref.map((t) => ({ id: t.$dtId, ...(t.a !== undefined ? { a: t.a } : {}), ...(t.b !== undefined ? { bb: t.b } : {}) }));
        // Run twice: the second run may use property indexes built on demand by the first.
        expect(canon(engineRows(source, text, pageSize))).toEqual(canon(expected));
        expect(canon(engineRows(source, text, pageSize))).toEqual(canon(expected));
      }),
      { numRuns: RUNS },
    );
  });

  it('FROM RELATIONSHIPS', () => {
    fc.assert(
      fc.property(graphArb, condArb(['R'], ['$sourceId', '$targetId', '$relationshipName', 'w']), (g, cond) => {
        const { twins, rels } = buildGraph(g);
        const source = new MemoryQuerySource({ models: MODEL_DOCS, twins, relationships: rels });
        const text = `SELECT R FROM RELATIONSHIPS R WHERE ${render(cond)}`;
        expect(canon(engineRows(source, text, 7))).toEqual(canon(rels.filter((r) => refEval(cond, { R: r }) === true).map((r) => ({ R: r }))));
      }),
      { numRuns: RUNS },
    );
  });

  it('JOIN chains (1 to 3 joins) with relationship aliases', () => {
    fc.assert(
      fc.property(
        graphArb,
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.constantFrom('r', 's'), { minLength: 3, maxLength: 3 }),
        condArb(['A', 'B', 'R'], ['a', 'b', '$dtId']),
        fc.integer({ min: 1, max: 4 }),
        (g, nJoins, names, cond, pageSize) => {
          const { twins, rels } = buildGraph(g);
          const source = new MemoryQuerySource({ models: MODEL_DOCS, twins, relationships: rels });
          const aliases = ['A', 'B', 'C', 'D'].slice(0, nJoins + 1);
          const joins = aliases.slice(1).map((x, i) => `JOIN ${x} RELATED ${aliases[i]}.${names[i]}${i === 0 ? ' R' : ''}`).join(' ');
          const proj = aliases.map((x) => `${x}.$dtId AS ${x.toLowerCase()}`).join(', ') + ', R.w';
          const text = `SELECT ${proj} FROM DIGITALTWINS A ${joins} WHERE ${render(cond)}`;
          const edges: Edge[] = aliases.slice(1).map((x, i) => ({ from: aliases[i], to: x, dir: 'out', names: [names[i]], min: 1, max: 1, ...(i === 0 ? { rel: 'R' } : {}) }));
          const expected = refRows(twins, rels, 'A', edges, cond).map((env) => {
            const o: Record<string, unknown> = {};
            for (const x of aliases) o[x.toLowerCase()] = (env[x] as Twin).$dtId;
            if (env.R?.w !== undefined) o.w = env.R.w;
            return o;
          });
          expect(canon(engineRows(source, text, pageSize))).toEqual(canon(expected));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('MATCH: directions, name alternatives, hop ranges, chains of two edges', () => {
    const edgeArb = fc.record({
      dir: fc.constantFrom('out' as const, 'in' as const, 'any' as const),
      names: fc.subarray(['r', 's']),
      hops: fc.oneof(fc.constant(undefined), fc.record({ lo: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), hi: fc.integer({ min: 3, max: 4 }) }), fc.integer({ min: 1, max: 3 })),
    });
    fc.assert(
      fc.property(graphArb, fc.array(edgeArb, { minLength: 1, maxLength: 2 }), fc.boolean(), condArb(['A', 'B', 'C'], ['a', '$dtId']), (g, specs, withVar, cond) => {
        const { twins, rels } = buildGraph(g);
        const source = new MemoryQuerySource({ models: MODEL_DOCS, twins, relationships: rels });
        const nodes = ['A', 'B', 'C'].slice(0, specs.length + 1);
        const usable = cond;
        let pattern = '(A)';
        const edges: Edge[] = specs.map((s, i) => {
          let min = 1;
          let max = 1;
          let hopText = '';
          if (typeof s.hops === 'number') {
            min = max = s.hops;
            hopText = `*${s.hops}`;
          } else if (s.hops) {
            min = s.hops.lo === undefined ? 1 : s.hops.lo + 1; // documented exclusive lower bound
            max = s.hops.hi;
            hopText = `*${s.hops.lo ?? ''}..${s.hops.hi}`;
          }
          const rel = withVar && i === 0 && !hopText ? 'X' : undefined;
          const inner = `${rel ?? ''}${s.names.length ? ':' + s.names.join('|') : ''}${hopText}`;
          pattern += s.dir === 'out' ? `-[${inner}]->` : s.dir === 'in' ? `<-[${inner}]-` : `-[${inner}]-`;
          pattern += `(${nodes[i + 1]})`;
          return { from: nodes[i], to: nodes[i + 1], dir: s.dir, names: s.names, min, max, ...(rel ? { rel } : {}) };
        });
        // Conditions may only name nodes present in this pattern.
        const names = new Set(nodes);
        const okCond = JSON.stringify(usable).match(/"slot":"([A-Z])"/g)?.every((m) => names.has(m.slice(-2, -1))) ?? true;
        const where = okCond ? usable : undefined;
        const text = `SELECT ${nodes.map((n) => `${n}.$dtId AS ${n.toLowerCase()}`).join(', ')} FROM DIGITALTWINS MATCH ${pattern}${where ? ` WHERE ${render(where)}` : ''}`;
        const expected = refRows(twins, rels, 'A', edges, where).map((env) => Object.fromEntries(nodes.map((n) => [n.toLowerCase(), (env[n] as Twin).$dtId])));
        expect(canon(engineRows(source, text, 3))).toEqual(canon(expected));
      }),
      { numRuns: RUNS },
    );
  });
});
