/**
 * Functional limits of the ADT query API (configurable, defaults as ADT's) and the MATCH hop-range rule.
 * @see ../../../../shared/reference/adt-api.md §1.3, §6
 */
export interface QueryLimits {
  /** Query text length in characters (ADT: 8,000). */
  maxQueryLength: number;
  /** JOINs per query (ADT: 5). */
  maxJoins: number;
  /** Total MATCH hops (ADT: 10). */
  maxHops: number;
  /** Values in one IN / NIN list (ADT docs say 50 in one place, 100 in another: 100 is the hard cap). */
  maxInItems: number;
  /** AND / OR operators per query (ADT: 50). */
  maxAndOr: number;
  /** Items per page (ADT: 1,000). */
  maxPageSize: number;
  /** Default page size when the caller gives none. */
  defaultPageSize: number;
  /** Execution time limit per request in ms (ADT: 60 s). */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxQueryLength: 8000,
  maxJoins: 5,
  maxHops: 10,
  maxInItems: 100,
  maxAndOr: 50,
  maxPageSize: 1000,
  defaultPageSize: 100,
  timeoutMs: 60_000,
});

/**
 * ADT's documentation says the start of a MATCH hop range is exclusive and the end inclusive:
 * `*1..3` = 2 or 3 hops, `*..2` = 1 or 2, `*3..5` = 4 or 5 (how-to-query-graph, "MATCH ... hops").
 * Counter-intuitive next to Cypher, so it is one switch: set to false for Cypher's inclusive start.
 */
export const HOP_RANGE_LOWER_BOUND_EXCLUSIVE = true;

/** Inclusive hop bounds of `*m..n` (m undefined for `*..n`). */
export function hopRange(m: number | undefined, n: number): { min: number; max: number } {
  if (m === undefined) return { min: 1, max: n };
  return { min: HOP_RANGE_LOWER_BOUND_EXCLUSIVE ? m + 1 : m, max: n };
}
