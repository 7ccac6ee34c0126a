/**
 * A counter that follows a SceneRuntime's change notifications, for React views of its state: it changes at most
 * once per animation frame, and at most once per `minIntervalMs` (panels that need not follow every frame — a
 * list of 1,000 elements re-rendered 60 times a second would take the main thread from the live updates).
 */
import { useEffect, useState } from 'react';
import type { SceneRuntime } from '../rules/index.ts';

export function useRuntimeVersion(runtime: SceneRuntime, minIntervalMs = 0): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = -Infinity;
    const bumpNow = () => {
      frame = requestAnimationFrame(() => { frame = 0; last = performance.now(); setVersion((v) => v + 1); });
    };
    const off = runtime.subscribe(() => {
      if (frame || timer) return;
      const wait = last + minIntervalMs - performance.now();
      if (wait > 0) timer = setTimeout(() => { timer = null; bumpNow(); }, wait);
      else bumpNow();
    });
    return () => { off(); if (frame) cancelAnimationFrame(frame); if (timer) clearTimeout(timer); };
  }, [runtime, minIntervalMs]);
  return version;
}
