/**
 * Turns an engine error from uploadModels (DTDLParserError with src/dtdl ParsingErrors in details,
 * ModelIdAlreadyExists, ...) into per-file, per-model problems the user can act on.
 */
import { lineColumn, locateInText, type ModelDocument } from './readModelFiles.ts';

export interface UploadProblem {
  file?: string;
  modelId?: string;
  line?: number;
  column?: number;
  /** Official DTDLParser validation id, e.g. dtmi:dtdl:parsingError:missingContext. */
  validationId?: string;
  cause: string;
  /** How to fix it. */
  action?: string;
}

interface ParsingErrorLike {
  validationId?: unknown;
  code?: unknown;
  primaryId?: unknown;
  property?: unknown;
  documentIndex?: unknown;
  documentName?: unknown;
  startLine?: unknown;
  cause?: unknown;
  action?: unknown;
  message?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Finds the list of ParsingErrors wherever the engine put it in `details`. */
export function parsingErrorsOf(details: unknown): ParsingErrorLike[] {
  if (Array.isArray(details)) return details.filter((d) => d && typeof d === 'object') as ParsingErrorLike[];
  if (details && typeof details === 'object') {
    const d = details as Record<string, unknown>;
    for (const key of ['errors', 'parsingErrors', 'details']) {
      if (Array.isArray(d[key])) return parsingErrorsOf(d[key]);
    }
    if ('validationId' in d || 'cause' in d) return [d as ParsingErrorLike];
  }
  return [];
}

function versionless(id: string): string {
  return id.replace(/;[0-9.]+$/, '');
}

/** The document an element id belongs to: the interface itself, or a generated id under it (`<iface>:_contents:__x`). */
export function documentForElement(docs: ModelDocument[], elementId: string): ModelDocument | undefined {
  const exact = docs.find((d) => d.model['@id'] === elementId);
  if (exact) return exact;
  const base = versionless(elementId);
  let best: ModelDocument | undefined;
  let bestLen = 0;
  for (const d of docs) {
    const id = d.model['@id'];
    if (typeof id !== 'string') continue;
    const root = versionless(id);
    if ((base.startsWith(`${root}:_`) || base.startsWith(`${root}:`)) && root.length > bestLen) {
      best = d;
      bestLen = root.length;
    }
  }
  if (best) return best;
  return docs.find((d) => d.text.includes(`"${elementId}"`));
}

function generatedName(elementId: string): string | undefined {
  const m = /:__([^:;]+)(;[0-9.]+)?$/.exec(elementId);
  return m ? m[1] : undefined;
}

function locate(doc: ModelDocument, primaryId: string | undefined, property: string | undefined): { line: number; column: number } | undefined {
  const docId = typeof doc.model['@id'] === 'string' ? (doc.model['@id'] as string) : undefined;
  if (primaryId && primaryId !== docId) {
    const name = generatedName(primaryId);
    if (name) {
      const start = docId ? locateInText(doc.text, docId) : undefined;
      const re = new RegExp(`"name"\\s*:\\s*"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'g');
      const from = start ? offsetOf(doc.text, start.line) : 0;
      re.lastIndex = from;
      const m = re.exec(doc.text);
      if (m) {
        if (property) {
          const p = new RegExp(`"${property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
          p.lastIndex = m.index;
          const pm = p.exec(doc.text);
          // Only if the property is within the same element (before the next "name").
          const next = doc.text.indexOf('"name"', m.index + m[0].length);
          if (pm && (next < 0 || pm.index < next)) return lineColumn(doc.text, pm.index);
        }
        return lineColumn(doc.text, m.index);
      }
    }
    const direct = locateInText(doc.text, primaryId, property);
    if (direct) return direct;
  }
  return locateInText(doc.text, docId, property) ?? (docId ? locateInText(doc.text, docId) : undefined);
}

function offsetOf(text: string, line: number): number {
  let l = 1;
  for (let i = 0; i < text.length; i++) {
    if (l === line) return i;
    if (text.charCodeAt(i) === 10) l++;
  }
  return text.length;
}

function rootModelId(doc: ModelDocument | undefined, primaryId: string | undefined): string | undefined {
  const id = doc?.model['@id'];
  return typeof id === 'string' ? id : primaryId;
}

/**
 * `storedCount`: models already in the workspace. The engine parses stored models together with the new ones,
 * so a ParsingError's documentIndex counts the stored ones first.
 */
export function uploadProblems(error: { code: string; message: string; details?: unknown }, docs: ModelDocument[], storedCount = 0): UploadProblem[] {
  if (error.code === 'ModelIdAlreadyExists' && Array.isArray(error.details) && error.details.every((d) => typeof d === 'string')) {
    return (error.details as string[]).map((id) => {
      const doc = documentForElement(docs, id);
      const p: UploadProblem = {
        modelId: id,
        cause: `ModelIdAlreadyExists: ${id} is already in the workspace.`,
        action: 'Give the model a new version (the number after ";") or delete the stored one first; ADT never replaces a model in place.',
      };
      if (doc) {
        p.file = doc.file;
        const at = locate(doc, id, undefined);
        if (at) Object.assign(p, at);
      }
      return p;
    });
  }
  const parsing = parsingErrorsOf(error.details).filter((e) => e.cause !== undefined || e.validationId !== undefined || e.code !== undefined);
  const indexed = parsingErrorsOf(error.details).filter((e) => typeof (e as { index?: unknown }).index === 'number' && e.cause === undefined);
  if (indexed.length && !parsing.length) {
    return indexed.map((e) => {
      const doc = docs[(e as { index: number }).index];
      const p: UploadProblem = { cause: error.message };
      if (doc) {
        p.file = doc.file;
        if (typeof doc.model['@id'] === 'string') p.modelId = doc.model['@id'] as string;
        const at = locate(doc, p.modelId, undefined);
        if (at) Object.assign(p, at);
        else p.line = 1;
      }
      return p;
    });
  }
  if (!parsing.length) {
    // One problem for the batch; find the model named in the message if any.
    const named = /(dtmi:[A-Za-z0-9_:]+(?:;[0-9.]+)?)/.exec(error.message)?.[1];
    const doc = named ? documentForElement(docs, named) : undefined;
    const p: UploadProblem = { cause: `${error.code}: ${error.message}` };
    if (doc) {
      p.file = doc.file;
      p.modelId = rootModelId(doc, named);
      const at = locate(doc, named, undefined);
      if (at) Object.assign(p, at);
    }
    if (error.code === 'ModelIdAlreadyExists') p.action = 'Give the model a new version (the number after ";") or delete the stored one first; ADT never replaces a model in place.';
    return [p];
  }
  return parsing.map((e) => {
    const primaryId = str(e.primaryId);
    const property = str(e.property);
    const idx = typeof e.documentIndex === 'number' ? e.documentIndex - storedCount : undefined;
    const doc = (primaryId ? documentForElement(docs, primaryId) : undefined) ?? (idx !== undefined && idx >= 0 ? docs[idx] : undefined);
    const p: UploadProblem = {
      cause: str(e.cause) ?? str(e.message) ?? error.message,
    };
    const validationId = str(e.validationId) ?? (str(e.code) ? `dtmi:dtdl:parsingError:${String(e.code)}` : undefined);
    if (validationId) p.validationId = validationId;
    if (str(e.action)) p.action = str(e.action);
    if (doc) {
      p.file = doc.file;
      p.modelId = rootModelId(doc, primaryId);
      const at = locate(doc, primaryId, property);
      if (at) Object.assign(p, at);
    } else {
      if (str(e.documentName)) p.file = str(e.documentName);
      if (primaryId) p.modelId = primaryId;
      if (typeof e.startLine === 'number') p.line = e.startLine;
    }
    return p;
  });
}
