/**
 * Spawns a sandbox as a dedicated Worker from a Blob URL. Called inside the engine worker (nested dedicated
 * workers work in Chromium): the function's engine calls then stay in the engine's thread instead of making a
 * round trip through the UI thread, and a runaway function cannot block the page, only its own worker, which
 * the runner terminates. Returns null where Worker or Blob URLs do not exist (Node).
 */
import type { SandboxPort, SpawnSandbox } from './types.ts';

export const spawnWorkerSandbox: SpawnSandbox | null =
  typeof Worker === 'function' && typeof Blob === 'function' && typeof URL.createObjectURL === 'function'
    ? (source, name) => {
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url, { name: `twinscape-function-${name}` });
        // The worker has fetched its script once it runs; revoking early is safe after the first message.
        const port: SandboxPort = {
          postMessage: (m) => worker.postMessage(m),
          onmessage: null,
          onerror: null,
          terminate: () => {
            worker.terminate();
            URL.revokeObjectURL(url);
          },
        };
        worker.onmessage = (ev) => port.onmessage?.(ev);
        worker.onerror = (ev) => port.onerror?.(ev);
        return port;
      }
    : null;
