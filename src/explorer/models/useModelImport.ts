/**
 * The model import flow: read files -> check JSON -> one uploadModels call for the whole batch (the engine
 * stores all or nothing) -> per-file, per-model problems. One import at a time.
 */
import { useCallback, useState } from 'react';
import { engine } from '../../app/engine/index.ts';
import { useModelCatalog } from '../state/index.ts';
import { readModelFiles, type InputFile } from './readModelFiles.ts';
import { uploadProblems, type UploadProblem } from './uploadProblems.ts';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'uploading'; models: number; files: number }
  | { phase: 'done'; models: number; files: number; skipped: string[] }
  | { phase: 'failed'; problems: UploadProblem[]; models: number; files: number; skipped: string[] };

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
    setState({ phase: 'uploading', models: read.documents.length, files });
    const stored = useModelCatalog.getState().models.length;
    const result = await engine.uploadModels(read.documents.map((d) => d.model));
    if (!result.ok) {
      setState({ phase: 'failed', problems: uploadProblems(result.error, read.documents, stored), models: read.documents.length, files, skipped: read.skipped });
      return;
    }
    setState({ phase: 'done', models: result.value.length, files, skipped: read.skipped });
    void useModelCatalog.getState().refresh();
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, run, reset };
}
