/**
 * Import of a graph file as ONE command: models (already stored ones with the same id are kept), then twins
 * (create-or-replace), then relationships, each through the same validation as the single-item commands. Any failing
 * element fails the whole import: nothing is written and every failure is reported with its line or JSON pointer.
 */
import { err, ok, type Progress, type Result } from '../types.ts';
import type { CancelSignal, GraphFormat, ImportReport } from '../TwinEngine.ts';
import { importCancelled } from '../commands/errors.ts';
import { yieldToEvents } from '../util/yieldToEvents.ts';
import type { CommandTx } from '../commands/CommandTx.ts';
import type { EngineContext } from '../commands/EngineContext.ts';
import { commitModels, prepareModels } from '../commands/modelCommands.ts';
import { upsertTwin } from '../commands/twinCommands.ts';
import { upsertRelationship } from '../commands/relationshipCommands.ts';
import { cloudEvent } from '../events/cloudEvent.ts';
import type { GraphDocument, ImportIssue, Located } from './GraphDocument.ts';
import { readAdtExplorerJson } from './adtExplorerJson.ts';
import { readNdjson } from './ndjson.ts';

export interface PreparedImport {
  doc: GraphDocument;
  report: ImportReport;
}

const loc = (l: Located): Located => ({ ...(l.line !== undefined ? { line: l.line } : {}), ...(l.pointer !== undefined ? { pointer: l.pointer } : {}) });

export function readGraph(text: string, format: GraphFormat): { doc: GraphDocument; errors: ImportIssue[] } {
  return format === 'ndjson' ? readNdjson(text) : readAdtExplorerJson(text);
}

/** Parses the file (outside the command queue). */
export async function prepareImport(_ctx: EngineContext, text: string, format: GraphFormat, onProgress?: (p: Progress) => void): Promise<Result<PreparedImport>> {
  if (typeof text !== 'string') return err('InvalidArgument', 'importGraph expects the file text.');
  if (format !== 'ndjson' && format !== 'adt-explorer-json') return err('InvalidArgument', `Unknown graph format ${String(format)}; use 'adt-explorer-json' or 'ndjson'.`);
  onProgress?.({ phase: 'parse', done: 0, total: 1 });
  const { doc, errors } = readGraph(text, format);
  onProgress?.({ phase: 'parse', done: 1, total: 1 });
  return ok({ doc, report: { models: doc.models.length, twins: doc.twins.length, relationships: doc.relationships.length, errors } });
}

const PROGRESS_EVERY = 2000;
/** A cancellable import lets the event loop run (to receive the cancel) every this many elements. */
const CANCEL_CHECK_EVERY = 5000;

/**
 * The import command; fails with ImportFailed (details: the report) when any element is invalid, and with Cancelled
 * when `signal` is aborted (checked every few thousand elements and between the storage chunks of the commit).
 */
export async function importGraphCommand(
  ctx: EngineContext, tx: CommandTx, prep: PreparedImport, onProgress?: (p: Progress) => void, signal?: CancelSignal,
): Promise<Result<ImportReport>> {
  const { doc } = prep;
  const errors: ImportIssue[] = [];
  // Yields only when someone can cancel: an import nobody can stop runs straight through.
  const stop = async (i: number): Promise<boolean> => {
    if (!signal || i % CANCEL_CHECK_EVERY !== 0) return false;
    await yieldToEvents();
    return signal.aborted;
  };
  if (signal?.aborted) return importCancelled();
  tx.bulk = true;
  tx.silent = true;
  tx.reloadAll = true;
  const fail = (): Result<never> => err('ImportFailed', `The import failed with ${errors.length} error(s); nothing was imported. First: ${errors[0].message}`, { ...prep.report, errors });

  // Duplicates in the file are ambiguous: refuse them.
  const seenTwins = new Map<string, Located>();
  for (const t of doc.twins) {
    const first = seenTwins.get(t.id);
    if (first) errors.push({ code: 'InvalidArgument', message: `Twin ${t.id} appears twice (first at ${where(first)}).`, ...loc(t) });
    else seenTwins.set(t.id, t);
  }
  const seenRels = new Map<string, Located>();
  for (const r of doc.relationships) {
    const k = `${r.sourceId}\u0000${r.id}`;
    const first = seenRels.get(k);
    if (first) errors.push({ code: 'InvalidArgument', message: `Relationship ${r.id} of twin ${r.sourceId} appears twice (first at ${where(first)}).`, ...loc(r) });
    else seenRels.set(k, r);
  }
  if (errors.length) return fail();

  onProgress?.({ phase: 'models', done: 0, total: doc.models.length });
  if (doc.models.length) {
    const prepared = await prepareModels(ctx, doc.models.map((m) => m.doc), { skipExisting: true });
    if (!prepared.ok) {
      // Map parser errors back to the file: documentIndex counts stored models first, then the new ones.
      const stored = ctx.graph.models.size;
      const fresh = doc.models.filter((m) => !isStored(ctx, m.doc));
      const details = Array.isArray(prepared.error.details) ? (prepared.error.details as Array<{ documentIndex?: number; index?: number; cause?: string; action?: string }>) : [];
      const located = details.filter((d) => d.documentIndex !== undefined || d.index !== undefined);
      if (!located.length) errors.push({ code: prepared.error.code, message: prepared.error.message, ...loc(doc.models[0]) });
      for (const d of located) {
        const m = d.index !== undefined ? doc.models[d.index] : fresh[d.documentIndex! - stored];
        errors.push({ code: prepared.error.code, message: d.cause ? `${d.cause} ${d.action ?? ''}`.trim() : prepared.error.message, ...(m ? loc(m) : {}) });
      }
      return fail();
    }
    commitModels(tx, prepared.value.registry, prepared.value.added);
  }
  onProgress?.({ phase: 'models', done: doc.models.length, total: doc.models.length });

  // One time stamp for the whole import (its records' $lastUpdateTime): the import happens at one moment.
  const at = ctx.now();
  const bulkCtx: EngineContext = { ...ctx, now: () => at };
  const total = doc.twins.length;
  for (let i = 0; i < total; i++) {
    if (await stop(i + 1)) return importCancelled();
    const t = doc.twins[i];
    const r = upsertTwin(bulkCtx, tx, t.id, t.body);
    if (!r.ok) errors.push({ code: r.error.code, message: r.error.message, ...loc(t) });
    if (i % PROGRESS_EVERY === 0) onProgress?.({ phase: 'twins', done: i, total });
  }
  onProgress?.({ phase: 'twins', done: total, total });
  if (errors.length) return fail();

  const rtotal = doc.relationships.length;
  for (let i = 0; i < rtotal; i++) {
    if (await stop(i + 1)) return importCancelled();
    const r = doc.relationships[i];
    const res = upsertRelationship(bulkCtx, tx, r.sourceId, r.id, r.body);
    if (!res.ok) errors.push({ code: res.error.code, message: res.error.message, ...loc(r) });
    if (i % PROGRESS_EVERY === 0) onProgress?.({ phase: 'relationships', done: i, total: rtotal });
  }
  onProgress?.({ phase: 'relationships', done: rtotal, total: rtotal });
  if (errors.length) return fail();

  tx.silent = false;
  tx.emit(cloudEvent('Twinscape.Graph.Imported', ctx.serviceId, '', ctx.now(), { models: doc.models.length, twins: total, relationships: rtotal }));
  if (onProgress) tx.onCommitProgress = (done, all) => onProgress({ phase: 'write', done, total: all });
  if (signal) {
    if (await stop(0)) return importCancelled();
    tx.signal = signal;
  }
  return ok({ ...prep.report, errors: [] });
}

function isStored(ctx: EngineContext, m: unknown): boolean {
  const id = m && typeof m === 'object' ? (m as Record<string, unknown>)['@id'] : undefined;
  return typeof id === 'string' && !!ctx.graph.models.get(id);
}

function where(l: Located): string {
  return l.line !== undefined ? `line ${l.line}` : (l.pointer ?? '?');
}
