/**
 * Test helpers: the fixtures/query/building.json graph as a MemoryQuerySource, and a "run all pages" helper.
 */
import { expect } from 'vitest';
import graph from '../../../fixtures/query/building.json';
import { executeQuery, type QueryOptions } from './executeQuery.ts';
import { graphSource } from './graphSource.ts';
import type { MemoryQuerySource } from './MemoryQuerySource.ts';
import type { QuerySource } from './QuerySource.ts';

export function buildingSource(): MemoryQuerySource {
  const r = graphSource(JSON.stringify(graph));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** All rows of a query (following continuation tokens); fails the test on an error. */
export function rows(source: QuerySource, text: string, opts: QueryOptions = {}): unknown[] {
  const out: unknown[] = [];
  let token: string | null = opts.continuationToken ?? null;
  let pages = 0;
  do {
    const r = executeQuery(text, source, { ...opts, continuationToken: token });
    if (!r.ok) expect.fail(`${text}\n→ ${r.error.code}: ${r.error.message}`);
    out.push(...r.value.value);
    token = r.value.continuationToken;
    if (++pages > 100_000) expect.fail('too many pages');
  } while (token !== null);
  return out;
}

/** `$dtId`s of twin rows, sorted. */
export function ids(list: unknown[]): string[] {
  return list.map((t) => (t as { $dtId: string }).$dtId).sort();
}

/** The error of a query that must fail. */
export function failure(source: QuerySource, text: string) {
  const r = executeQuery(text, source);
  if (r.ok) return expect.fail(`expected an error for: ${text}`);
  return r.error;
}
