/**
 * Binds a SceneRuntime to the engine: loads the twins the scene reads, then follows committed engine
 * events (push, no polling). Returns the runtime and a counter that changes (at most four times a second)
 * when some element's visible state changed, for the React panels. The 3D view subscribes to the runtime
 * directly and repaints by mutation; its floating labels follow every frame (useRuntimeVersion). While the app shows a moment of recorded history (time travel, src/app/timeTravel),
 * the rules read the twins as they were then and live events only update the cache.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { engine, onEngineEvents, useEngineStatus } from '../../app/engine/index.ts';
import { twinAtMoment, useTimeTravel } from '../../app/timeTravel/index.ts';
import { SceneRuntime, DEFAULT_LAYER_ID, applyJsonPatch, type PatchOp } from '../rules/index.ts';
import type { SceneDocument } from '../model/index.ts';
import { useRuntimeVersion } from './useRuntimeVersion.ts';

/** How often at most live rule changes re-render the panels (elements list, inspector). */
const PANEL_INTERVAL_MS = 250;

type Twin = Record<string, unknown>;

export function useSceneRuntime(doc: SceneDocument, sceneId: string | null, visibleLayerIds: ReadonlySet<string> | null) {
  const cache = useRef(new Map<string, Twin>());
  const status = useEngineStatus();
  const [version, setVersion] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);

  /** The twins the runtime reads, from the cache: live, or as they were at the time-travel moment. */
  const twinsNow = (rt: SceneRuntime): Twin[] => {
    const tt = useTimeTravel.getState();
    const known = rt.twinIds().map((id) => cache.current.get(id)).filter((t): t is Twin => !!t);
    return tt.moment === null ? known : known.map((t) => twinAtMoment(t, tt.values.get(t.$dtId as string), tt.recorded.get(t.$dtId as string)));
  };
  const runtime = useMemo(() => {
    const rt = new SceneRuntime(doc.configuration, sceneId ?? '', visibleLayerIds);
    rt.setTwins(twinsNow(rt));
    return rt;
  }, [doc.configuration, sceneId, visibleLayerIds]);
  const moment = useTimeTravel((s) => s.moment);
  const momentValues = useTimeTravel((s) => s.values);
  useEffect(() => {
    runtime.setTwins(twinsNow(runtime));
    setVersion((v) => v + 1);
  }, [runtime, moment, momentValues]);

  // Load the twins the runtime needs that are not cached yet.
  useEffect(() => {
    if (status !== 'ready') return;
    let cancelled = false;
    const missing = runtime.twinIds().filter((id) => !cache.current.has(id));
    if (!missing.length) return;
    void Promise.all(missing.map((id) => engine.getTwin(id))).then((results) => {
      if (cancelled) return;
      const errors: string[] = [];
      results.forEach((r, i) => {
        if (r.ok) {
          cache.current.set(missing[i], r.value as Twin);
        } else if (r.error.code !== 'DigitalTwinNotFound') errors.push(`${missing[i]}: ${r.error.message}`);
      });
      setLoadError(errors.length ? errors.join('; ') : null);
      runtime.setTwins(twinsNow(runtime));
      setVersion((v) => v + 1);
    });
    return () => { cancelled = true; };
  }, [runtime, status]);

  // Rule state changes reach the panels a few times a second (the 3D view and its labels follow every frame).
  const live = useRuntimeVersion(runtime, PANEL_INTERVAL_MS);

  // Follow committed changes.
  useEffect(() => {
    const off = onEngineEvents((events) => {
      if (useTimeTravel.getState().moment !== null) {
        // Showing the past: the cache follows the present, the scene does not.
        for (const ev of events) {
          if (ev.type === 'Microsoft.DigitalTwins.Twin.Delete') cache.current.delete(ev.subject);
          else if (ev.type === 'Microsoft.DigitalTwins.Twin.Create' && ev.data && typeof ev.data === 'object') cache.current.set(ev.subject, ev.data as Twin);
          else if (ev.type === 'Microsoft.DigitalTwins.Twin.Update') {
            const cur = cache.current.get(ev.subject);
            const patch = (ev.data as { patch?: PatchOp[] } | null)?.patch;
            if (cur && Array.isArray(patch)) cache.current.set(ev.subject, applyJsonPatch(cur, patch).doc);
          }
        }
        return;
      }
      runtime.applyEvents(events);
      for (const ev of events) {
        const t = runtime.twin(ev.subject);
        if (t) cache.current.set(ev.subject, t);
        else if (ev.type === 'Microsoft.DigitalTwins.Twin.Delete') cache.current.delete(ev.subject);
        else if (ev.type === 'Microsoft.DigitalTwins.Twin.Create' && ev.data && typeof ev.data === 'object') cache.current.set(ev.subject, ev.data as Twin);
      }
    });
    return off;
  }, [runtime]);

  return { runtime, version: version + live, loadError, moment };
}

export { DEFAULT_LAYER_ID };
