/**
 * The engine's Web Worker entry: exposes an EngineWorkerApi (WorkerHost over Dexie/IndexedDB) with comlink.
 * The UI reaches it only through src/app/engine. Callbacks (subscribe listeners, import progress) must be
 * `Comlink.proxy`'d by the caller.
 */
import { expose } from 'comlink';
import { WorkerHost } from './WorkerHost.ts';

const host = new WorkerHost();
expose(host);
