/** The Live view's door to the engine worker's live features (WorkerHost.liveCall over src/app/engine). */
import { engine } from '../app/engine/index.ts';
import type { LiveApi, LiveMethod } from '../engine/live/index.ts';

export function live<K extends LiveMethod>(method: K, ...args: Parameters<LiveApi[K]>): Promise<Awaited<ReturnType<LiveApi[K]>>> {
  return (engine.liveCall as unknown as (m: K, ...a: Parameters<LiveApi[K]>) => Promise<Awaited<ReturnType<LiveApi[K]>>>)(method, ...args);
}
