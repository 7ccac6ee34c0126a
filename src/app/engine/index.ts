/**
 * The UI's one door to the engine (DESIGN.md: UI -> engine command (RPC to the worker) -> store -> event -> UI).
 * UI folders import from here only; never from src/engine internals or IndexedDB.
 *
 *   engine            - the typed RPC client (comlink Remote<EngineWorkerApi>); survives worker restarts.
 *   onEngineEvents    - subscribe to committed CloudEvent batches (one worker subscription, fanned out).
 *   useEngineStatus   - zustand-selected engine state: 'starting' | 'ready' | 'error', stats, workspace.
 *   useEngineStats    - counts of models, twins, relationships (refreshed on every event batch).
 */
export { engine, onEngineEvents, startEngine, restartEngine } from './EngineClient.ts';
export { useEngineStore, useEngineStatus, useEngineStats } from './engineStore.ts';
export type { EngineStatus, EngineState } from './engineStore.ts';
