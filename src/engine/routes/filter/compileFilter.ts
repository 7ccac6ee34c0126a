/** Parses a filter once and returns the predicate routes call per event. */
import { ok, type CloudEvent, type Result } from '../../types.ts';
import { evaluateFilter } from './evaluateFilter.ts';
import { parseFilter } from './parseFilter.ts';

export type EventPredicate = (event: CloudEvent) => boolean;

export function compileFilter(src: string): Result<EventPredicate> {
  const parsed = parseFilter(src);
  if (!parsed.ok) return parsed;
  const expr = parsed.value;
  return ok((event: CloudEvent) => evaluateFilter(expr, event));
}
