/**
 * Main-thread side of the layout worker: one worker, one layout at a time; a new request terminates a
 * running one (the user changed their mind), so a stale layout never lands.
 */
import type { LayoutName, LayoutRequest, LayoutResponse } from './layouts.ts';

let worker: Worker | null = null;
let nextId = 1;
let pending: { id: number; reject: (e: Error) => void } | null = null;

function getWorker(): Worker {
  worker ??= new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'twinscape-layout' });
  return worker;
}

export class LayoutCancelled extends Error {}

export function runLayout(
  name: LayoutName, nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges'],
): Promise<LayoutResponse> {
  if (pending) {
    // Abandon the running layout: the worker is busy with it, so replace the worker.
    pending.reject(new LayoutCancelled('layout replaced by a newer one'));
    pending = null;
    worker?.terminate();
    worker = null;
  }
  const id = nextId++;
  const w = getWorker();
  return new Promise<LayoutResponse>((resolve, reject) => {
    pending = { id, reject };
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id !== id) return;
      w.removeEventListener('message', onMessage);
      if (pending?.id === id) pending = null;
      resolve(event.data);
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', (e) => {
      if (pending?.id === id) pending = null;
      reject(new Error(e.message || 'layout worker failed'));
    }, { once: true });
    const req: LayoutRequest = { id, name, nodes, edges };
    w.postMessage(req);
  });
}
