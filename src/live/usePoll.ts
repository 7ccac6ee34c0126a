/** Calls `load` now and every `ms` while mounted (and while `active`); the latest value wins. */
import { useEffect, useState } from 'react';

export function usePoll<T>(load: () => Promise<T>, ms: number, deps: unknown[] = [], active = true): [T | null, () => void] {
  const [value, setValue] = useState<T | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    let alive = true;
    const run = () => void load().then((v) => alive && setValue(v), () => undefined);
    run();
    const t = setInterval(run, ms);
    return () => {
      alive = false;
      clearInterval(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ms, active, tick, ...deps]);
  return [value, () => setTick((n) => n + 1)];
}
