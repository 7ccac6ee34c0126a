/**
 * The model import flow: read files -> check JSON -> store the whole batch or nothing -> per-file, per-model
 * problems. Up to 250 models (ADT's per-call limit) go in one uploadModels call, which is atomic. Bigger batches
 * (a whole ontology) are validated here with the same DTDL parser the engine uses, together with the stored
 * models, and then stored by one importGraph call (one transaction, with progress).
 */
import { useCallback, useState } from 'react';
import { proxy } from 'comlink';
import { engine, useEngineStore } from '../../app/engine/index.ts';
import { parseModels } from '../../dtdl/index.ts';
import type { Progress } from '../../engine/types.ts';
import { useModelCatalog } from '../state/index.ts';
import { readModelFiles, type InputFile, type ModelDocument } from './readModelFiles.ts';
import { uploadProblems, type UploadProblem } from './uploadProblems.ts';

export const UPLOAD_LIMIT = 250;

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'uploading'; models: number; files: number; progress?: Progress }
  | { phase: 'done'; models: number; files: number; skipped: string[] }
  | { phase: 'failed'; problems: UploadProblem[]; models: number; files: number; skipped: string[] };

type StoreOutcome = { ok: true; count: number } | { ok: false; problems: UploadProblem[] };

async function refreshAfterChange(): Promise<void> {
  const stats = await engine.stats();
  useEngineStore.setState({ stats });
  await useModelCatalog.getState().refresh();
}

async function storeBatch(docs: ModelDocument[], onProgress: (p: Progress) => void): Promise<StoreOutcome> {
  const stored = useModelCatalog.getState().models;
  if (docs.length <= UPLOAD_LIMIT) {
    const result = await engine.uploadModels(docs.map((d) => d.model));
    return result.ok ? { ok: true, count: result.value.length } : { ok: false, problems: uploadProblems(result.error, docs, stored.length) };
  }
  const listed = await engine.listModels({ includeModelDefinition: true });
  if (!listed.ok) return { ok: false, problems: [{ cause: `${listed.error.code}: ${listed.error.message}` }] };
  const existing = new Set(listed.value.map((m) => m.id));
  const dup = docs.map((d) => d.model['@id']).filter((id): id is string => typeof id === 'string' && existing.has(id));
  if (dup.length) return { ok: false, problems: uploadProblems({ code: 'ModelIdAlreadyExists', message: 'Some of the model ids already exist', details: dup }, docs) };
  const storedDefs = listed.value.map((m) => m.model).filter((m) => m !== undefined);
  const parsed = await parseModels([...storedDefs, ...docs.map((d) => d.model)]);
  if (!parsed.ok) {
    const message = parsed.unresolved?.length ? `they depend on models that are neither in the request nor uploaded: ${parsed.unresolved.join(', ')}` : 'invalid DTDL';
    return { ok: false, problems: uploadProblems({ code: 'DTDLParserError', message, details: parsed.errors }, docs, storedDefs.length) };
  }
  const file = JSON.stringify({
    digitalTwinsFileInfo: { fileVersion: '1.0.0' },
    digitalTwinsGraph: { digitalTwins: [], relationships: [] },
    digitalTwinsModels: docs.map((d) => d.model),
  });
  const result = await engine.importGraph(file, 'adt-explorer-json', proxy(onProgress));
  if (!result.ok) return { ok: false, problems: uploadProblems(result.error, docs, storedDefs.length) };
  return { ok: true, count: result.value.models };
}

export function useModelImport() {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  const run = useCallback(async (load: () => Promise<InputFile[]>) => {
    setState({ phase: 'reading', done: 0, total: 1 });
    let input: InputFile[];
    try {
      input = await load();
    } catch (e) {
      setState({ phase: 'failed', problems: [{ cause: `could not read the files: ${e instanceof Error ? e.message : String(e)}` }], models: 0, files: 0, skipped: [] });
      return;
    }
    setState({ phase: 'reading', done: input.length, total: input.length });
    // Let the progress paint before the synchronous parse of a big batch.
    await new Promise((r) => setTimeout(r, 0));
    const read = readModelFiles(input);
    const files = new Set(read.documents.map((d) => d.file)).size;
    if (read.problems.length || !read.documents.length) {
      const problems: UploadProblem[] = read.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, cause: p.message }));
      if (!read.documents.length && !read.problems.length) problems.push({ cause: 'no DTDL model files (.json) were found in what you chose' });
      setState({ phase: 'failed', problems, models: read.documents.length, files, skipped: read.skipped });
      return;
    }
    const models = read.documents.length;
    setState({ phase: 'uploading', models, files });
    const outcome = await storeBatch(read.documents, (progress) => setState((s) => (s.phase === 'uploading' ? { ...s, progress } : s)));
    if (!outcome.ok) {
      setState({ phase: 'failed', problems: outcome.problems, models, files, skipped: read.skipped });
      return;
    }
    setState({ phase: 'done', models: outcome.count, files, skipped: read.skipped });
    await refreshAfterChange();
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, reset };
}
