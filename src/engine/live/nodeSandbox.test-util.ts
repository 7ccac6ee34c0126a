/** Test helper: a user-function sandbox on Node's worker_threads (the browser uses a Blob-URL Worker). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SandboxPort, SpawnSandbox } from '../functions/types.ts';

const SHIM = `const { parentPort } = require('node:worker_threads');
globalThis.self = globalThis;
globalThis.postMessage = (m) => parentPort.postMessage(m);
parentPort.on('message', (d) => { if (typeof self.onmessage === 'function') self.onmessage({ data: d }); });
`;

const dir = mkdtempSync(join(tmpdir(), 'twinscape-sandbox-'));
let n = 0;

export const spawnNodeSandbox: SpawnSandbox = (source) => {
  const file = join(dir, `fn-${++n}.cjs`);
  // The shim is one statement per line and adds SHIM_LINES lines before the sandbox script.
  writeFileSync(file, SHIM + source);
  const worker = new Worker(file);
  const port: SandboxPort = {
    postMessage: (m) => worker.postMessage(m),
    onmessage: null,
    onerror: null,
    terminate: () => void worker.terminate(),
  };
  worker.on('message', (data) => port.onmessage?.({ data }));
  worker.on('error', (e) => port.onerror?.({ message: e.message }));
  return port;
};
