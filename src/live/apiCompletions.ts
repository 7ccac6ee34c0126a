/**
 * Completions for the function editor: typing `api.` offers the function API's methods with their signatures,
 * read from the same declaration the panel shows (functionApiTypes), so the two cannot drift apart.
 */
import { functionApiTypes } from '../engine/functions/demoFunctions.ts';

export interface ApiCompletion {
  label: string;
  type: 'method';
  detail: string;
  info?: string;
}

/** The part of CodeMirror's CompletionContext used here. */
export interface CompletionContextLike {
  matchBefore(expr: RegExp): { from: number; to: number; text: string } | null;
}

function parseApi(types: string): ApiCompletion[] {
  const body = types.slice(types.indexOf('interface Api {'), types.indexOf('\n}', types.indexOf('interface Api {')));
  const out: ApiCompletion[] = [];
  for (const line of body.split('\n')) {
    const m = /^\s+(\w+)\((.*)\):\s*([^;]+);\s*(?:\/\/\s*(.*))?$/.exec(line);
    if (m) out.push({ label: m[1]!, type: 'method', detail: `(${m[2]}): ${m[3]!.trim()}`, ...(m[4] ? { info: m[4].trim() } : {}) });
  }
  const log = out.find((c) => c.label === 'log');
  if (log) for (const label of ['warn', 'error']) out.push({ ...log, label, info: `a log entry at level ${label}` });
  return out;
}

export const API_COMPLETIONS: readonly ApiCompletion[] = parseApi(functionApiTypes);

/** CodeMirror completion source: after `api.`, the API's methods. */
export function apiCompletions(context: CompletionContextLike): { from: number; options: readonly ApiCompletion[]; validFor: RegExp } | null {
  const m = context.matchBefore(/(?<![\w$.])api\.\w*$/);
  if (!m) return null;
  return { from: m.from + 'api.'.length, options: API_COMPLETIONS, validFor: /^\w*$/ };
}
