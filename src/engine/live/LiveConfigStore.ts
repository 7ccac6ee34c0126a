/**
 * Persists a workspace's live configuration (routes, webhook endpoints, user functions, simulator generators, and
 * which sources run: generators started, the MQTT connection, a CSV replay and its position) in
 * its own small IndexedDB database (`twinscape-live`, one record per workspace), so it survives reloads. Not
 * the engine's store: this is configuration, not twin data. Null where IndexedDB does not exist (Node tests).
 */
import type { UserFunction } from '../functions/types.ts';
import type { EventRoute } from '../routes/types.ts';
import type { SimGenerator } from './Simulator.ts';
import type { ReplayState } from './CsvReplay.ts';
import type { MqttConfig } from './mqtt/index.ts';

export interface LiveConfig {
  version: 1;
  routes: EventRoute[];
  webhooks: Array<{ name: string; url: string }>;
  functions: UserFunction[];
  generators: SimGenerator[];
  /** Ids of the generators running (restarted on load). */
  running?: string[];
  /** The MQTT connection in use (reconnected on load). */
  mqtt?: MqttConfig | null;
  /** The CSV replay under way (resumed on load at `next`). */
  replay?: ReplayState | null;
}

export interface LiveConfigStore {
  load(workspace: string): Promise<LiveConfig | null>;
  save(workspace: string, config: LiveConfig): Promise<void>;
}

const DB = 'twinscape-live';
const STORE = 'config';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function indexedDbConfigStore(): LiveConfigStore | null {
  if (typeof indexedDB === 'undefined') return null;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    return db;
  };
  return {
    async load(workspace) {
      const d = await open();
      const v = (await req(d.transaction(STORE, 'readonly').objectStore(STORE).get(workspace))) as LiveConfig | undefined;
      return v && v.version === 1 ? v : null;
    },
    async save(workspace, config) {
      const d = await open();
      await req(d.transaction(STORE, 'readwrite').objectStore(STORE).put(config, workspace));
    },
  };
}
