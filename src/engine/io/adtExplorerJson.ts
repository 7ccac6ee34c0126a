/**
 * ADT Explorer's graph JSON, fileVersion 1.0.0: {digitalTwinsFileInfo, digitalTwinsGraph: {digitalTwins,
 * relationships}, digitalTwinsModels}. Reading accepts relationship properties at the top level and under
 * `$properties` (ADT Explorer's importer reads only the latter) and ignores `$etag`s.
 * @see ../shared/reference/adt-explorer.md §2.1
 */
import { isPlainObject } from '../util/clone.ts';
import type { GraphDocument, ImportIssue, ParsedGraph } from './GraphDocument.ts';

export const ADT_EXPLORER_FILE_VERSION = '1.0.0';

export function readAdtExplorerJson(text: string): ParsedGraph {
  const doc: GraphDocument = { models: [], twins: [], relationships: [] };
  const errors: ImportIssue[] = [];
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    return { doc, errors: [{ code: 'InvalidArgument', message: `The file is not valid JSON: ${(e as Error).message}`, pointer: '', ...(line ? { line } : {}) }] };
  }
  if (!isPlainObject(root)) return { doc, errors: [{ code: 'InvalidArgument', message: 'An ADT Explorer graph file must be a JSON object.', pointer: '' }] };
  const info = root.digitalTwinsFileInfo;
  const version = isPlainObject(info) ? info.fileVersion : undefined;
  if (version !== ADT_EXPLORER_FILE_VERSION) {
    errors.push({ code: 'InvalidArgument', message: `digitalTwinsFileInfo.fileVersion must be "${ADT_EXPLORER_FILE_VERSION}" (got ${JSON.stringify(version)}).`, pointer: '/digitalTwinsFileInfo/fileVersion' });
  }
  const graph = root.digitalTwinsGraph;
  if (graph !== undefined && !isPlainObject(graph)) errors.push({ code: 'InvalidArgument', message: 'digitalTwinsGraph must be an object.', pointer: '/digitalTwinsGraph' });
  const g = isPlainObject(graph) ? graph : {};
  const list = (v: unknown, pointer: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      errors.push({ code: 'InvalidArgument', message: `${pointer} must be an array.`, pointer });
      return [];
    }
    return v;
  };
  list(root.digitalTwinsModels, '/digitalTwinsModels').forEach((m, i) => doc.models.push({ doc: m, pointer: `/digitalTwinsModels/${i}` }));
  list(g.digitalTwins, '/digitalTwinsGraph/digitalTwins').forEach((t, i) => {
    const pointer = `/digitalTwinsGraph/digitalTwins/${i}`;
    if (!isPlainObject(t)) return errors.push({ code: 'InvalidArgument', message: 'A twin must be a JSON object.', pointer });
    const id = typeof t.$dtId === 'number' ? String(t.$dtId) : t.$dtId;
    if (typeof id !== 'string' || !id) return errors.push({ code: 'InvalidArgument', message: 'A twin needs a $dtId.', pointer });
    const { $etag: _e, ...body } = t;
    doc.twins.push({ id, body, pointer });
  });
  list(g.relationships, '/digitalTwinsGraph/relationships').forEach((r, i) => {
    const pointer = `/digitalTwinsGraph/relationships/${i}`;
    if (!isPlainObject(r)) return errors.push({ code: 'InvalidArgument', message: 'A relationship must be a JSON object.', pointer });
    const sourceId = r.$sourceId;
    const id = r.$relationshipId;
    if (typeof sourceId !== 'string' || !sourceId) return errors.push({ code: 'InvalidArgument', message: 'A relationship needs a $sourceId.', pointer });
    if (typeof id !== 'string' || !id) return errors.push({ code: 'InvalidArgument', message: 'A relationship needs a $relationshipId.', pointer });
    const { $etag: _e, $properties, ...rest } = r;
    if ($properties !== undefined && !isPlainObject($properties)) return errors.push({ code: 'InvalidArgument', message: '$properties must be an object.', pointer: `${pointer}/$properties` });
    doc.relationships.push({ sourceId, id, body: { ...rest, ...($properties ?? {}) }, pointer });
  });
  return { doc, errors };
}

export function writeAdtExplorerJson(doc: GraphDocument): string {
  return JSON.stringify(
    {
      digitalTwinsFileInfo: { fileVersion: ADT_EXPLORER_FILE_VERSION },
      digitalTwinsGraph: { digitalTwins: doc.twins.map((t) => t.body), relationships: doc.relationships.map((r) => r.body) },
      digitalTwinsModels: doc.models.map((m) => m.doc),
    },
    null,
    2,
  ) + '\n';
}
