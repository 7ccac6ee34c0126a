export { LiveHost, LIVE_METHODS, callLive, type LiveApi, type LiveCall, type LiveMethod, type LiveHostOptions, type LiveStatus } from './LiveHost.ts';
export { LiveLog, eventTwinId, type LiveLogEntry, type LiveLogKind, type LiveLogLevel, type LiveLogPage, type LiveLogQuery } from './LiveLog.ts';
export { Simulator, type SimGenerator, type SimGeneratorInfo } from './Simulator.ts';
export { nextValue, type GeneratorKind, type GeneratorParams } from './generators.ts';
export { demoGenerators } from './demoSimulation.ts';
export { CsvReplay, parseReplayCsv, type ReplayStatus, type CsvRow } from './CsvReplay.ts';
