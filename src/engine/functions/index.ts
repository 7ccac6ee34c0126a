export { FunctionHost, type FunctionInfo } from './FunctionHost.ts';
export { FunctionRunner } from './FunctionRunner.ts';
export { sandboxSource } from './sandboxSource.ts';
export { spawnWorkerSandbox } from './spawnWorkerSandbox.ts';
export { demoFunctions, functionApiTypes } from './demoFunctions.ts';
export { DEFAULT_TIMEOUT_MS, MAX_DEPTH, type UserFunction, type FunctionStats, type SpawnSandbox, type SandboxPort } from './types.ts';
