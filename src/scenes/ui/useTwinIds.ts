/** Twin ids for the twin pickers (one query when the engine is ready; refreshed on create/delete events). */
import { useEffect, useState } from 'react';
import { engine, onEngineEvents, useEngineStatus } from '../../app/engine/index.ts';
import type { QueryPage, Result } from '../../engine/types.ts';

export function useTwinIds(): string[] {
  const status = useEngineStatus();
  const [ids, setIds] = useState<string[]>([]);
  const [tick, setTick] = useState(0);
  useEffect(() => onEngineEvents((events) => {
    if (events.some((e) => e.type === 'Microsoft.DigitalTwins.Twin.Create' || e.type === 'Microsoft.DigitalTwins.Twin.Delete')) setTick((t) => t + 1);
  }), []);
  useEffect(() => {
    if (status !== 'ready') return;
    let cancelled = false;
    void (async () => {
      const out: string[] = [];
      let token: string | null = null;
      do {
        const r: Result<QueryPage> = await engine.query('SELECT T.$dtId FROM DIGITALTWINS T', { pageSize: 1000, continuationToken: token });
        if (!r.ok) break;
        for (const row of r.value.value as Array<Record<string, unknown>>) if (typeof row.$dtId === 'string') out.push(row.$dtId);
        token = r.value.continuationToken ?? null;
      } while (token && out.length < 20000);
      if (!cancelled) setIds(out.sort());
    })();
    return () => { cancelled = true; };
  }, [status, tick]);
  return ids;
}
