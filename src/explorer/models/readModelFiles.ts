/**
 * Turns picked / dropped / zipped files into DTDL documents, each remembering the file (and array index) it
 * came from, so engine errors can name the file and the line. Pure TS: works on bytes or text.
 */
import { unzipSync } from 'fflate';
import { jsonErrorOffset } from './jsonErrorOffset.ts';

export interface InputFile {
  /** Path as the user sees it (folder/sub/file.json, or archive.zip/inner/file.json). */
  name: string;
  data: Uint8Array | string;
}

export interface ModelDocument {
  model: Record<string, unknown>;
  file: string;
  /** Index in the file's top-level array, when the file holds an array. */
  indexInFile?: number;
  /** The file's text (for locating errors). */
  text: string;
}

export interface FileProblem {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

export interface ReadResult {
  documents: ModelDocument[];
  problems: FileProblem[];
  /** Files that are not DTDL JSON (by extension) and were not read: listed, not silently dropped. */
  skipped: string[];
}

const decoder = new TextDecoder('utf-8');

function isZip(name: string, data: Uint8Array | string): boolean {
  if (/\.zip$/i.test(name)) return true;
  return typeof data !== 'string' && data.length > 3 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 3 && data[3] === 4;
}

function isJsonName(name: string): boolean {
  return /\.(json|dtdl|jsonld)$/i.test(name);
}

function ignored(name: string): boolean {
  return name.endsWith('/') || /(^|\/)(__MACOSX|\.DS_Store)(\/|$)/.test(name) || /(^|\/)\.[^/]+$/.test(name);
}

/** Expands zip archives (nested ones too) into their files. */
export function expandArchives(files: InputFile[]): { files: InputFile[]; problems: FileProblem[] } {
  const out: InputFile[] = [];
  const problems: FileProblem[] = [];
  const stack = [...files].reverse();
  while (stack.length) {
    const f = stack.pop()!;
    if (ignored(f.name)) continue;
    if (!isZip(f.name, f.data)) {
      out.push(f);
      continue;
    }
    try {
      const bytes = typeof f.data === 'string' ? new TextEncoder().encode(f.data) : f.data;
      const entries = unzipSync(bytes);
      const inner = Object.keys(entries)
        .sort()
        .filter((n) => !ignored(n))
        .map((n) => ({ name: `${f.name}/${n}`, data: entries[n] }));
      stack.push(...inner.reverse());
    } catch (e) {
      problems.push({ file: f.name, message: `not a readable zip archive (${e instanceof Error ? e.message : String(e)})` });
    }
  }
  return { files: out, problems };
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON, reporting a syntax error with its line and column. */
export function parseJsonWithLocation(text: string): { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const at = jsonErrorOffset(text);
    if (at) {
      const found = at.offset >= text.length ? 'the end of the file' : `'${text[at.offset]}'`;
      return { ok: false, message: `expected ${at.expected}, found ${found}`, ...lineColumn(text, at.offset) };
    }
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

export function readModelFiles(input: InputFile[]): ReadResult {
  const { files, problems } = expandArchives(input);
  const documents: ModelDocument[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    if (!isJsonName(f.name)) {
      skipped.push(f.name);
      continue;
    }
    const text = (typeof f.data === 'string' ? f.data : decoder.decode(f.data)).replace(/^\ufeff/, '');
    const parsed = parseJsonWithLocation(text);
    if (!parsed.ok) {
      problems.push({ file: f.name, message: `invalid JSON: ${parsed.message}`, line: parsed.line, column: parsed.column });
      continue;
    }
    const value = parsed.value;
    if (value && typeof value === 'object' && !Array.isArray(value) && ('digitalTwinsFileInfo' in value || 'digitalTwinsGraph' in value)) {
      problems.push({ file: f.name, message: 'this is a twin graph file (ADT Explorer JSON), not DTDL models: import it with Import / export → Import graph…' });
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({ file: f.name, message: `${Array.isArray(value) ? `element ${i}` : 'the file'} is not a JSON object (a DTDL interface is an object with "@id", "@type" and "@context")` });
        return;
      }
      const doc: ModelDocument = { model: item as Record<string, unknown>, file: f.name, text };
      if (Array.isArray(value)) doc.indexInFile = i;
      documents.push(doc);
    });
  }
  // Same @id twice in one batch: ADT rejects the batch; say where both are.
  const seen = new Map<string, string>();
  for (const d of documents) {
    const id = d.model['@id'];
    if (typeof id !== 'string') continue;
    const prev = seen.get(id);
    if (prev !== undefined) problems.push({ file: d.file, message: `model ${id} is also defined in ${prev}; each model may appear once in an upload` });
    else seen.set(id, d.file);
  }
  return { documents, problems, skipped };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where an element sits in a file's text: the line of `"@id": "<id>"` (or of the id string), then, if a
 * property is named, the first `"<property>"` key after it.
 */
export function locateInText(text: string, id?: string, property?: string): { line: number; column: number } | undefined {
  let at = -1;
  if (id) {
    const m = new RegExp(`"@id"\\s*:\\s*"${escapeRegExp(id)}"`).exec(text);
    at = m ? m.index : text.indexOf(`"${id}"`);
  }
  if (property) {
    const re = new RegExp(`"${escapeRegExp(property)}"\\s*:`, 'g');
    re.lastIndex = Math.max(0, at);
    const m = re.exec(text);
    if (m) at = m.index;
  }
  return at >= 0 ? lineColumn(text, at) : undefined;
}
