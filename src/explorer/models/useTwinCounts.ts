/**
 * Twins per model (exact model), from one paged query; refreshed when twins are created or deleted.
 */
import { useEffect, useState } from 'react';
import { engine, onEngineEvents } from '../../app/engine/index.ts';
import type { QueryPage, Result } from '../../engine/types.ts';

const PAGE = 5000;
/** Events after which the counts may differ (bulk import and clear are the engine's own events). */
const COUNT_CHANGES = new Set(['Microsoft.DigitalTwins.Twin.Create', 'Microsoft.DigitalTwins.Twin.Delete', 'Twinscape.Graph.Imported', 'Twinscape.Graph.Reset']);

async function countPages(query: string, pick: (row: unknown) => unknown): Promise<Map<string, number> | null> {
  const counts = new Map<string, number>();
  let token: string | null = null;
  do {
    const page: Result<QueryPage> = await engine.query(query, { pageSize: PAGE, continuationToken: token });
    if (!page.ok) return null;
    for (const row of page.value.value) {
      const m = pick(row);
      if (typeof m === 'string') counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    token = page.value.continuationToken;
  } while (token);
  return counts;
}

function firstString(row: unknown): unknown {
  if (typeof row === 'string') return row;
  if (row && typeof row === 'object') {
    const r = row as Record<string, unknown>;
    if (r.$metadata && typeof r.$metadata === 'object') return (r.$metadata as Record<string, unknown>).$model;
    return Object.values(r).find((v) => typeof v === 'string');
  }
  return undefined;
}

export async function loadTwinCounts(): Promise<Map<string, number>> {
  return (
    (await countPages('SELECT T.$metadata.$model FROM DIGITALTWINS T', firstString)) ??
    (await countPages('SELECT * FROM DIGITALTWINS', firstString)) ??
    new Map()
  );
}

export function useTwinCounts(modelsRevision: unknown): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      void loadTwinCounts().then((c) => {
        if (alive) setCounts(c);
      });
    };
    reload();
    const off = onEngineEvents((events) => {
      if (!events.some((e) => COUNT_CHANGES.has(e.type))) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 400);
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, [modelsRevision]);
  return counts;
}
