/**
 * A picked graph file, recognised and previewed before anything is written: ADT Explorer JSON, ADT bulk
 * NDJSON, or the ADT Explorer spreadsheet layout as CSV or XLSX (turned into ADT Explorer JSON). Pure.
 */
import { parseCsv } from './csv.ts';
import { readXlsx, type Cell } from './xlsx.ts';
import { graphFile, sheetToGraph } from './spreadsheet.ts';

export type SourceKind = 'adt-explorer-json' | 'ndjson' | 'csv' | 'xlsx';

export interface PreviewTwin {
  id: string;
  model: string;
}

export interface PreparedGraph {
  fileName: string;
  kind: SourceKind;
  /** What the engine gets. */
  format: 'adt-explorer-json' | 'ndjson';
  text: string;
  models: number;
  twins: number;
  relationships: number;
  sample: PreviewTwin[];
  /** Problems found before import (nothing is sent while there are any). */
  problems: string[];
}

const SAMPLE = 8;

function rec(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function twinPreview(t: unknown): PreviewTwin | undefined {
  const r = rec(t);
  if (!r) return undefined;
  const model = rec(r.$metadata)?.$model;
  return { id: String(r.$dtId ?? '?'), model: typeof model === 'string' ? model : '?' };
}

export function detectKind(fileName: string, head: string): SourceKind | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv') || name.endsWith('.tsv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  const t = head.replace(/^\ufeff/, '').trimStart();
  if (/^\{\s*"Section"\s*:/.test(t)) return 'ndjson';
  if (t.startsWith('{') || t.startsWith('[')) return 'adt-explorer-json';
  if (head.startsWith('PK')) return 'xlsx';
  return undefined;
}

function fromAdtJson(fileName: string, text: string): PreparedGraph {
  const base: PreparedGraph = { fileName, kind: 'adt-explorer-json', format: 'adt-explorer-json', text, models: 0, twins: 0, relationships: 0, sample: [], problems: [] };
  let doc: Record<string, unknown> | undefined;
  try {
    doc = rec(JSON.parse(text.replace(/^\ufeff/, '')));
  } catch (e) {
    return { ...base, problems: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!doc) return { ...base, problems: ['the file is not a JSON object'] };
  const version = rec(doc.digitalTwinsFileInfo)?.fileVersion;
  if (version !== '1.0.0') base.problems.push(`digitalTwinsFileInfo.fileVersion must be "1.0.0" (ADT Explorer's graph format); found ${JSON.stringify(version)}`);
  const graph = rec(doc.digitalTwinsGraph) ?? {};
  const twins = Array.isArray(graph.digitalTwins) ? graph.digitalTwins : [];
  const rels = Array.isArray(graph.relationships) ? graph.relationships : [];
  const models = Array.isArray(doc.digitalTwinsModels) ? doc.digitalTwinsModels : [];
  return {
    ...base,
    models: models.length,
    twins: twins.length,
    relationships: rels.length,
    sample: twins.slice(0, SAMPLE).map(twinPreview).filter((x): x is PreviewTwin => !!x),
  };
}

function fromNdjson(fileName: string, text: string): PreparedGraph {
  const out: PreparedGraph = { fileName, kind: 'ndjson', format: 'ndjson', text, models: 0, twins: 0, relationships: 0, sample: [], problems: [] };
  let section = '';
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      if (out.problems.length < 20) out.problems.push(`line ${i + 1}: not valid JSON`);
      continue;
    }
    const r = rec(v);
    if (r && typeof r.Section === 'string' && Object.keys(r).length === 1) {
      section = r.Section.toLowerCase();
      continue;
    }
    if (section === 'models') out.models++;
    else if (section === 'twins') {
      out.twins++;
      if (out.sample.length < SAMPLE) {
        const p = twinPreview(v);
        if (p) out.sample.push(p);
      }
    } else if (section === 'relationships') out.relationships++;
  }
  return out;
}

function fromSheet(fileName: string, kind: 'csv' | 'xlsx', rows: Cell[][]): PreparedGraph {
  const g = sheetToGraph(rows);
  return {
    fileName,
    kind,
    format: 'adt-explorer-json',
    text: graphFile(g),
    models: 0,
    twins: g.twins.length,
    relationships: g.relationships.length,
    sample: g.twins.slice(0, SAMPLE).map(twinPreview).filter((x): x is PreviewTwin => !!x),
    problems: g.errors.map((e) => `row ${e.row}: ${e.message}`),
  };
}

export function prepareGraphFile(fileName: string, bytes: Uint8Array): PreparedGraph {
  const text = new TextDecoder('utf-8').decode(bytes);
  const kind = detectKind(fileName, text.slice(0, 200));
  const empty: PreparedGraph = { fileName, kind: 'adt-explorer-json', format: 'adt-explorer-json', text: '', models: 0, twins: 0, relationships: 0, sample: [], problems: [] };
  switch (kind) {
    case 'adt-explorer-json':
      return fromAdtJson(fileName, text);
    case 'ndjson':
      return fromNdjson(fileName, text);
    case 'csv': {
      const { rows, error } = parseCsv(text);
      const p = fromSheet(fileName, 'csv', rows);
      if (error) p.problems.unshift(`line ${error.line}: ${error.message}`);
      return p;
    }
    case 'xlsx': {
      const x = readXlsx(bytes);
      if (!x.ok) return { ...empty, kind: 'xlsx', problems: [x.message] };
      return fromSheet(fileName, 'xlsx', x.rows);
    }
    default:
      return { ...empty, problems: ['unrecognised file: use an ADT Explorer .json graph, an ADT bulk-import .ndjson, or the ADT Explorer spreadsheet as .csv or .xlsx'] };
  }
}
