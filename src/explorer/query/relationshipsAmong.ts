/**
 * Relationships between the twins of a result, so a `SELECT * FROM DIGITALTWINS` shows its edges:
 * `SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN [...]` in chunks, keeping edges whose target is in the set.
 */
import type { QueryPage, Relationship, Result } from '../../engine/types.ts';

export type QueryFn = (q: string, opts: { pageSize?: number; continuationToken?: string | null }) => Promise<Result<QueryPage>>;

export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export async function relationshipsAmong(query: QueryFn, twinIds: readonly string[], chunk = 200): Promise<Relationship[]> {
  const ids = new Set(twinIds);
  const out: Relationship[] = [];
  for (let i = 0; i < twinIds.length; i += chunk) {
    const part = twinIds.slice(i, i + chunk);
    const q = `SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN [${part.map(quote).join(', ')}]`;
    let token: string | null = null;
    do {
      const page: Result<QueryPage> = await query(q, { pageSize: 5000, continuationToken: token });
      if (!page.ok) return out;
      for (const r of page.value.value as Relationship[]) if (r && ids.has(r.$targetId)) out.push(r);
      token = page.value.continuationToken;
    } while (token);
  }
  return out;
}
