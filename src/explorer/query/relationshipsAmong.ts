/**
 * Relationships for twins put on the canvas, so `SELECT * FROM DIGITALTWINS` shows its edges:
 * outgoing ones (`R.$sourceId IN [...]`) whose target is among the twins or already on the canvas, and, when
 * twins are already on the canvas, incoming ones (`R.$targetId IN [...]`) from those. Queried in chunks.
 */
import type { QueryPage, Relationship, Result } from '../../engine/types.ts';

export type QueryFn = (q: string, opts: { pageSize?: number; continuationToken?: string | null }) => Promise<Result<QueryPage>>;

export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

async function collect(query: QueryFn, q: string, keep: (r: Relationship) => boolean, out: Relationship[]): Promise<boolean> {
  let token: string | null = null;
  do {
    const page: Result<QueryPage> = await query(q, { pageSize: 5000, continuationToken: token });
    if (!page.ok) return false;
    for (const r of page.value.value as Relationship[]) if (r && keep(r)) out.push(r);
    token = page.value.continuationToken;
  } while (token);
  return true;
}

export async function relationshipsAmong(query: QueryFn, twinIds: readonly string[], alreadyShown: ReadonlySet<string> = new Set(), chunk = 200): Promise<Relationship[]> {
  const ids = new Set(twinIds);
  const out: Relationship[] = [];
  for (let i = 0; i < twinIds.length; i += chunk) {
    const list = twinIds.slice(i, i + chunk).map(quote).join(', ');
    const okOut = await collect(query, `SELECT * FROM RELATIONSHIPS R WHERE R.$sourceId IN [${list}]`, (r) => ids.has(r.$targetId) || alreadyShown.has(r.$targetId), out);
    if (!okOut) return out;
    if (alreadyShown.size) {
      const okIn = await collect(query, `SELECT * FROM RELATIONSHIPS R WHERE R.$targetId IN [${list}]`, (r) => !ids.has(r.$sourceId) && alreadyShown.has(r.$sourceId), out);
      if (!okIn) return out;
    }
  }
  return out;
}
