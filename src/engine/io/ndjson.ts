/**
 * ADT bulk import NDJSON: sections Header (mandatory, followed by a metadata object), Models, Twins, Relationships, in
 * that order. Relationship lines name their source with `$dtId` (ADT's docs) or `$sourceId` (the .NET generator);
 * `$dtId` wins. A trailing newline is optional. @see ../shared/reference/adt-api.md §7
 */
import { isPlainObject } from '../util/clone.ts';
import type { GraphDocument, ImportIssue, ParsedGraph } from './GraphDocument.ts';

const SECTIONS = ['Header', 'Models', 'Twins', 'Relationships'] as const;
type Section = (typeof SECTIONS)[number];

export function readNdjson(text: string): ParsedGraph {
  const doc: GraphDocument = { models: [], twins: [], relationships: [] };
  const errors: ImportIssue[] = [];
  let section: Section | null = null;
  let headerSeen = false;
  let headerMetaPending = false;
  let lineNo = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const raw = text.slice(start, end);
    start = end + 1;
    lineNo++;
    const line = raw.trim();
    if (!line) {
      if (end >= n) break;
      continue;
    }
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      errors.push({ code: 'InvalidArgument', message: `Line ${lineNo} is not valid JSON: ${(e as Error).message}`, line: lineNo });
      continue;
    }
    if (!isPlainObject(v)) {
      errors.push({ code: 'InvalidArgument', message: `Line ${lineNo} must be a JSON object.`, line: lineNo });
      continue;
    }
    if (typeof v.Section === 'string' && Object.keys(v).length === 1) {
      const s = v.Section as Section;
      const idx = SECTIONS.indexOf(s);
      if (idx < 0) errors.push({ code: 'InvalidArgument', message: `Unknown section "${v.Section}" at line ${lineNo}; sections are ${SECTIONS.join(', ')}.`, line: lineNo });
      else if (section !== null && idx <= SECTIONS.indexOf(section)) errors.push({ code: 'InvalidArgument', message: `Section ${s} at line ${lineNo} is out of order (after ${section}); the order is ${SECTIONS.join(', ')}.`, line: lineNo });
      else if (section === null && s !== 'Header') errors.push({ code: 'InvalidArgument', message: `The file must start with the Header section, not ${s} (line ${lineNo}).`, line: lineNo });
      else {
        section = s;
        if (s === 'Header') {
          headerSeen = true;
          headerMetaPending = true;
        }
      }
      continue;
    }
    if (section === null) {
      errors.push({ code: 'InvalidArgument', message: `Line ${lineNo} comes before the {"Section": "Header"} line.`, line: lineNo });
      continue;
    }
    switch (section) {
      case 'Header':
        if (!headerMetaPending) errors.push({ code: 'InvalidArgument', message: `The Header section holds one metadata object; line ${lineNo} is extra.`, line: lineNo });
        else if (v.fileVersion !== undefined && v.fileVersion !== '1.0.0') errors.push({ code: 'InvalidArgument', message: `Unsupported fileVersion ${JSON.stringify(v.fileVersion)} at line ${lineNo}; expected "1.0.0".`, line: lineNo });
        headerMetaPending = false;
        break;
      case 'Models':
        doc.models.push({ doc: v, line: lineNo });
        break;
      case 'Twins': {
        const id = typeof v.$dtId === 'number' ? String(v.$dtId) : v.$dtId;
        if (typeof id !== 'string' || !id) errors.push({ code: 'InvalidArgument', message: `The twin at line ${lineNo} has no $dtId.`, line: lineNo });
        else doc.twins.push({ id, body: v, line: lineNo });
        break;
      }
      case 'Relationships': {
        const sourceId = typeof v.$dtId === 'string' && v.$dtId ? v.$dtId : v.$sourceId;
        const id = v.$relationshipId;
        if (typeof sourceId !== 'string' || !sourceId) errors.push({ code: 'InvalidArgument', message: `The relationship at line ${lineNo} has no $dtId (source twin).`, line: lineNo });
        else if (typeof id !== 'string' || !id) errors.push({ code: 'InvalidArgument', message: `The relationship at line ${lineNo} has no $relationshipId.`, line: lineNo });
        else {
          const { $dtId: _d, $etag: _e, ...rest } = v;
          doc.relationships.push({ sourceId, id, body: { ...rest, $sourceId: sourceId }, line: lineNo });
        }
        break;
      }
    }
  }
  if (!headerSeen) errors.unshift({ code: 'InvalidArgument', message: 'The file has no {"Section": "Header"} line; bulk import files start with it.', line: 1 });
  return { doc, errors };
}

export function writeNdjson(doc: GraphDocument): string {
  const lines: string[] = [JSON.stringify({ Section: 'Header' }), JSON.stringify({ fileVersion: '1.0.0', author: 'twinscape', organization: '' })];
  if (doc.models.length) {
    lines.push(JSON.stringify({ Section: 'Models' }));
    for (const m of doc.models) lines.push(JSON.stringify(m.doc));
  }
  if (doc.twins.length) {
    lines.push(JSON.stringify({ Section: 'Twins' }));
    for (const t of doc.twins) lines.push(JSON.stringify(t.body));
  }
  if (doc.relationships.length) {
    lines.push(JSON.stringify({ Section: 'Relationships' }));
    for (const r of doc.relationships) {
      const { $sourceId, ...rest } = r.body;
      lines.push(JSON.stringify({ $dtId: $sourceId, ...rest }));
    }
  }
  return lines.join('\n') + '\n';
}
