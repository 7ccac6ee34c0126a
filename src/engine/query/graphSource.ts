/**
 * Reads an ADT Explorer graph JSON (fileVersion 1.0.0) or ADT bulk-import NDJSON text into a MemoryQuerySource,
 * for querying a graph file without an engine (CLI, tests, bench). Read loosely: relationship properties may be
 * top-level or under `$properties`; NDJSON relationships name their source `$dtId` (or `$sourceId`).
 * @see ../../../../shared/reference/adt-explorer.md §2.1, adt-api.md §7
 */
import { err, ok, type Relationship, type Result, type Twin } from '../types.ts';
import { MemoryQuerySource } from './MemoryQuerySource.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function toTwin(raw: unknown, where: string): Twin | string {
  if (!isObj(raw)) return `${where}: a twin must be an object`;
  const id = typeof raw.$dtId === 'number' ? String(raw.$dtId) : raw.$dtId;
  if (typeof id !== 'string' || !id) return `${where}: a twin needs a string $dtId`;
  const meta = raw.$metadata;
  if (!isObj(meta) || typeof meta.$model !== 'string') return `${where}: twin ${id} needs $metadata.$model`;
  return { ...raw, $dtId: id, $etag: typeof raw.$etag === 'string' ? raw.$etag : `W/"${id}"`, $metadata: meta } as Twin;
}

function toRelationship(raw: unknown, where: string): Relationship | string {
  if (!isObj(raw)) return `${where}: a relationship must be an object`;
  const { $properties, $dtId, ...rest } = raw;
  const src = typeof $dtId === 'string' ? $dtId : rest.$sourceId;
  if (typeof src !== 'string') return `${where}: a relationship needs $sourceId (or $dtId in NDJSON)`;
  for (const k of ['$relationshipId', '$targetId', '$relationshipName'] as const) {
    if (typeof rest[k] !== 'string') return `${where}: a relationship needs a string ${k}`;
  }
  const rel = { ...rest, ...(isObj($properties) ? $properties : {}), $sourceId: src } as Relationship;
  if (typeof rel.$etag !== 'string') rel.$etag = `W/"${src}/${rel.$relationshipId}"`;
  return rel;
}

function build(models: unknown[], twinsRaw: unknown[], relsRaw: unknown[], at: (kind: string, i: number) => string): Result<MemoryQuerySource> {
  const twins: Twin[] = [];
  for (let i = 0; i < twinsRaw.length; i++) {
    const t = toTwin(twinsRaw[i], at('twin', i));
    if (typeof t === 'string') return err('ImportFailed', t);
    twins.push(t);
  }
  const rels: Relationship[] = [];
  for (let i = 0; i < relsRaw.length; i++) {
    const r = toRelationship(relsRaw[i], at('relationship', i));
    if (typeof r === 'string') return err('ImportFailed', r);
    rels.push(r);
  }
  return ok(new MemoryQuerySource({ models, twins, relationships: rels }));
}

/** Parses graph JSON or NDJSON (detected from the first line). */
export function graphSource(text: string): Result<MemoryQuerySource> {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  const firstLine = trimmed.split('\n', 1)[0];
  if (/^\{\s*"Section"\s*:/.test(firstLine)) return ndjsonSource(trimmed);
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch (e) {
    return err('ImportFailed', `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObj(doc)) return err('ImportFailed', 'a graph file must be a JSON object');
  const graph = doc.digitalTwinsGraph;
  if (!isObj(graph)) return err('ImportFailed', 'missing digitalTwinsGraph: expected an ADT Explorer graph file (fileVersion 1.0.0)');
  const arr = (v: unknown) => (Array.isArray(v) ? v : []);
  return build(arr(doc.digitalTwinsModels), arr(graph.digitalTwins), arr(graph.relationships), (k, i) => `digitalTwinsGraph ${k} #${i + 1}`);
}

function ndjsonSource(text: string): Result<MemoryQuerySource> {
  const sections: Record<string, unknown[]> = { Header: [], Models: [], Twins: [], Relationships: [] };
  const lineOf: Record<string, number[]> = { Header: [], Models: [], Twins: [], Relationships: [] };
  let current: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (_e) {
      return err('ImportFailed', `line ${i + 1}: not valid JSON`);
    }
    if (isObj(v) && typeof v.Section === 'string' && Object.keys(v).length === 1) {
      if (!(v.Section in sections)) return err('ImportFailed', `line ${i + 1}: unknown section ${v.Section}`);
      current = v.Section;
      continue;
    }
    if (!current) return err('ImportFailed', `line ${i + 1}: data before the first {"Section": ...} line`);
    sections[current].push(v);
    lineOf[current].push(i + 1);
  }
  return build(sections.Models, sections.Twins, sections.Relationships, (k, i) => `line ${lineOf[k === 'twin' ? 'Twins' : 'Relationships'][i]}`);
}
