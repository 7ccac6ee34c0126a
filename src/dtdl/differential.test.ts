/**
 * Differential property-based test against the official DTDLParser (WebAssembly build, @digicatapult/dtdl-parser,
 * a devDependency used only here and in bench/): random models and random mutations of valid models must get the
 * same verdict and the same set of validation ids from both parsers.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getInterop } from '@digicatapult/dtdl-parser';
import { parseModels } from './parseModels.ts';

type Oracle = Awaited<ReturnType<typeof getInterop>>;
let oracle: Oracle;

beforeAll(async () => {
  const log = console.log;
  console.log = () => {};
  try {
    oracle = await getInterop();
  } finally {
    console.log = log;
  }
}, 60_000);

/** The oracle's verdict and validation ids (one document: a JSON array of the model's Interfaces). */
function oracleParse(docs: unknown[]): { ok: boolean; codes: string[] } {
  try {
    oracle.parse(JSON.stringify(docs));
    return { ok: true, codes: [] };
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    try {
      const j = JSON.parse(text) as { ExceptionKind: string; Errors?: Array<{ ValidationID: string }>; UndefinedIdentifiers?: string[] };
      if (j.ExceptionKind === 'Resolution') return { ok: false, codes: ['unresolved'] };
      return { ok: false, codes: [...new Set((j.Errors ?? []).map((x) => x.ValidationID.split(':').pop()!))].sort() };
    } catch {
      return { ok: false, codes: ['unparsable-oracle-error'] };
    }
  }
}

async function ours(docs: unknown[]): Promise<{ ok: boolean; codes: string[] }> {
  const r = await parseModels([docs]);
  if (r.ok) return { ok: true, codes: [] };
  if (r.unresolved?.length) return { ok: false, codes: ['unresolved'] };
  return { ok: false, codes: [...new Set(r.errors.map((e) => e.code))].sort() };
}

// ---------- generators

const version = fc.constantFrom(2, 3, 4);
const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/);
const primitive = (v: number) => fc.constantFrom(...['boolean', 'date', 'dateTime', 'double', 'duration', 'float', 'integer', 'long', 'string', 'time', ...(v === 4 ? ['byte', 'short', 'uuid', 'decimal', 'unsignedLong'] : [])]);

function schema(v: number, depth: number): fc.Arbitrary<unknown> {
  if (depth <= 0) return primitive(v);
  return fc.oneof(
    { weight: 4, arbitrary: primitive(v) },
    { weight: 1, arbitrary: schema(v, depth - 1).map((s) => ({ '@type': 'Array', elementSchema: s })) },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(ident, { minLength: 1, maxLength: 3 }).chain((names) =>
        fc.tuple(...names.map(() => schema(v, depth - 1))).map((ss) => ({ '@type': 'Object', fields: names.map((name, i) => ({ name, schema: ss[i] })) })),
      ),
    },
    { weight: 1, arbitrary: schema(v, depth - 1).map((s) => ({ '@type': 'Map', mapKey: { name: 'k', schema: 'string' }, mapValue: { name: 'val', schema: s } })) },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(ident, { minLength: 1, maxLength: 3 }).map((names) => ({ '@type': 'Enum', valueSchema: 'integer', enumValues: names.map((name, i) => ({ name, enumValue: i })) })),
    },
  );
}

function content(v: number, others: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ '@type': fc.constant('Property'), name: ident, schema: schema(v, 2), writable: fc.boolean() }),
    fc.record({ '@type': fc.constant('Telemetry'), name: ident, schema: schema(v, 2) }),
    fc.record({ '@type': fc.constant('Relationship'), name: ident, target: fc.constantFrom(...others), maxMultiplicity: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ '@type': fc.constant('Command'), name: ident, request: fc.record({ name: ident, schema: primitive(v) }) }),
    fc.record({ '@type': fc.constant('Component'), name: ident, schema: fc.constant('dtmi:test:leaf;1') }),
  );
}

/** A valid-looking model: a leaf Interface (component target) and a chain of Interfaces extending each other. */
const model = version.chain((v) =>
  fc.integer({ min: 1, max: 3 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `dtmi:test:iface${i};1`);
    return fc.tuple(...ids.map(() => fc.uniqueArray(content(v, ids), { maxLength: 4, selector: (c) => c.name as string }))).map((contentsList) => {
      const ctx = `dtmi:dtdl:context;${v}`;
      const leaf = { '@context': ctx, '@id': 'dtmi:test:leaf;1', '@type': 'Interface', contents: [{ '@type': 'Property', name: 'leafValue', schema: 'double' }] };
      const ifaces = ids.map((id, i) => ({ '@context': ctx, '@id': id, '@type': 'Interface', ...(i > 0 ? { extends: ids[i - 1] } : {}), contents: contentsList[i] as unknown[] }));
      return { v, docs: [leaf, ...ifaces] as Array<Record<string, unknown>> };
    });
  }),
);

type Doc = Record<string, unknown>;
type Mutation = (docs: Doc[], v: number) => Doc[];

const clone = (docs: Doc[]) => structuredClone(docs);
const last = (docs: Doc[]) => docs[docs.length - 1];

const mutations: Record<string, Mutation> = {
  dropRequiredName: (docs) => {
    const d = clone(docs);
    const c = (last(d).contents as Doc[])[0];
    if (c) delete c.name;
    return d;
  },
  dropRequiredSchema: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Telemetry', name: 'noSchema' });
    return d;
  },
  duplicateNameAcrossInheritance: (docs) => {
    const d = clone(docs);
    (d[1].contents as Doc[]).push({ '@type': 'Property', name: 'shared', schema: 'double' });
    (last(d).contents as Doc[]).push({ '@type': 'Property', name: 'shared', schema: 'string' });
    return d;
  },
  nestedComponent: (docs) => {
    const d = clone(docs);
    (d[0].contents as Doc[]).push({ '@type': 'Component', name: 'inner', schema: { '@id': 'dtmi:test:inner;1', '@type': 'Interface' } });
    (last(d).contents as Doc[]).push({ '@type': 'Component', name: 'outer', schema: 'dtmi:test:leaf;1' });
    return d;
  },
  tooDeepExtends: (docs, v) => {
    const d = clone(docs);
    const ctx = `dtmi:dtdl:context;${v}`;
    const n = v === 4 ? 14 : 12;
    for (let i = 0; i < n; i++) d.push({ '@context': ctx, '@id': `dtmi:test:deep${i};1`, '@type': 'Interface', ...(i ? { extends: `dtmi:test:deep${i - 1};1` } : {}) });
    return d;
  },
  longName: (docs, v) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Property', name: 'n'.repeat(v === 2 ? 65 : 513), schema: 'double' });
    return d;
  },
  longDescription: (docs) => {
    const d = clone(docs);
    last(d).description = 'x'.repeat(513);
    return d;
  },
  wrongUnit: (docs, v) => {
    const d = clone(docs);
    if (v !== 2) last(d)['@context'] = [`dtmi:dtdl:context;${v}`, `dtmi:dtdl:extension:quantitativeTypes;${v === 3 ? 1 : 2}`];
    (last(d).contents as Doc[]).push({ '@type': ['Telemetry', 'Temperature'], name: 'temp', schema: 'double', unit: 'metre' });
    return d;
  },
  badDtmi: (docs) => {
    const d = clone(docs);
    last(d)['@id'] = 'dtmi:test:bad id;1';
    return d;
  },
  missingContext: (docs) => {
    const d = clone(docs);
    delete last(d)['@context'];
    return d;
  },
  schemaTooDeep: (docs) => {
    const d = clone(docs);
    let s: unknown = 'double';
    for (let i = 0; i < 9; i++) s = { '@type': 'Array', elementSchema: s };
    (last(d).contents as Doc[]).push({ '@type': 'Telemetry', name: 'deepArray', schema: s });
    return d;
  },
  selfReferentialObject: (docs) => {
    const d = clone(docs);
    const schemas = ((last(d).schemas as Doc[] | undefined) ?? (last(d).schemas = [])) as Doc[];
    schemas.push({ '@id': 'dtmi:test:tree;1', '@type': 'Object', fields: [{ name: 'value', schema: 'double' }, { name: 'children', schema: { '@type': 'Array', elementSchema: 'dtmi:test:tree;1' } }] });
    (last(d).contents as Doc[]).push({ '@type': 'Telemetry', name: 'tree', schema: 'dtmi:test:tree;1' });
    return d;
  },
  multiplicity: (docs, v) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Relationship', name: 'many', maxMultiplicity: v === 2 ? 501 : 0, minMultiplicity: 0 });
    return d;
  },
  semanticTypeWithoutUnit: (docs, v) => {
    const d = clone(docs);
    if (v !== 2) last(d)['@context'] = [`dtmi:dtdl:context;${v}`, `dtmi:dtdl:extension:quantitativeTypes;${v === 3 ? 1 : 2}`];
    (last(d).contents as Doc[]).push({ '@type': ['Property', 'Temperature'], name: 'setPoint', schema: 'double' });
    return d;
  },
  semanticTypeValid: (docs, v) => {
    const d = clone(docs);
    if (v !== 2) last(d)['@context'] = [`dtmi:dtdl:context;${v}`, `dtmi:dtdl:extension:quantitativeTypes;${v === 3 ? 1 : 2}`];
    (last(d).contents as Doc[]).push({ '@type': ['Telemetry', 'Temperature'], name: 'temp', schema: 'double', unit: 'degreeCelsius' });
    return d;
  },
  duplicateId: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@id': 'dtmi:test:leaf;1', '@type': 'Property', name: 'dupId', schema: 'double' });
    return d;
  },
  unresolvedComponent: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Component', name: 'missing', schema: 'dtmi:test:nowhere;1' });
    return d;
  },
  duplicateEnumValue: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Property', name: 'mode', schema: { '@type': 'Enum', valueSchema: 'string', enumValues: [{ name: 'a', enumValue: 'x' }, { name: 'b', enumValue: 'x' }] } });
    return d;
  },
  mapIntegerKey: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': 'Property', name: 'byNumber', schema: { '@type': 'Map', mapKey: { name: 'k', schema: 'integer' }, mapValue: { name: 'v', schema: 'string' } } });
    return d;
  },
  undefinedCotype: (docs) => {
    const d = clone(docs);
    (last(d).contents as Doc[]).push({ '@type': ['Telemetry', 'Frobnicated'], name: 'frob', schema: 'double', frobLevel: 3 });
    return d;
  },
};

const cases = fc.oneof(
  { weight: 1, arbitrary: model.map((m) => ({ name: 'generated', v: m.v, docs: m.docs })) },
  { weight: 3, arbitrary: fc.tuple(model, fc.constantFrom(...Object.keys(mutations))).map(([m, k]) => ({ name: k, v: m.v, docs: mutations[k](m.docs, m.v) })) },
);

describe('differential: ours vs the official DTDLParser (WebAssembly)', () => {
  it('gives the same verdict and the same validation ids on random models and mutations', async () => {
    const samples = fc.sample(cases, { numRuns: 400, seed: 20261123 });
    const disagreements: string[] = [];
    const byKind: Record<string, { runs: number; sameVerdict: number; sameIds: number }> = {};
    for (const c of samples) {
      const a = await ours(c.docs);
      const b = oracleParse(c.docs);
      const k = (byKind[c.name] ??= { runs: 0, sameVerdict: 0, sameIds: 0 });
      k.runs++;
      if (a.ok === b.ok) k.sameVerdict++;
      if (a.ok === b.ok && JSON.stringify(a.codes) === JSON.stringify(b.codes)) k.sameIds++;
      else disagreements.push(`${c.name} v${c.v}: ours ${a.ok ? 'valid' : a.codes.join(',')} vs oracle ${b.ok ? 'valid' : b.codes.join(',')}\n${JSON.stringify(c.docs)}`);
    }
    console.table(byKind);
    if (disagreements.length) console.log(disagreements.slice(0, 10).join('\n\n'));
    if (process.env.DTDL_DIFF_OUT) (await import('node:fs')).writeFileSync(process.env.DTDL_DIFF_OUT, disagreements.join('\n\n'));
    expect(disagreements).toEqual([]);
  }, 120_000);
});
