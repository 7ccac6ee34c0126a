/**
 * Parse + bind with a small LRU cache keyed by the query text (parsing is pure: no source state involved).
 */
import { bindQuery, type BoundQuery } from './bindQuery.ts';
import type { QueryLimits } from './limits.ts';
import { parseQuery } from './parseQuery.ts';
import type { Result } from '../types.ts';

const MAX_ENTRIES = 256;
const cache = new Map<string, Result<BoundQuery>>();

export function prepareQuery(text: string, limits?: Partial<QueryLimits>): Result<BoundQuery> {
  const key = limits ? `${JSON.stringify(limits)}\u0000${text}` : text;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parseQuery(text, { limits });
  const result = parsed.ok ? bindQuery(parsed.value) : parsed;
  cache.set(key, result);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return result;
}
