import type { GraphState } from '../graph/GraphState.ts';
import type { Limits } from '../limits.ts';

/** What commands read besides their input: the graph, limits and settings. */
export interface EngineContext {
  graph: GraphState;
  limits: Limits;
  /** Host name used as CloudEvent `source` and history `ServiceId`. */
  serviceId: string;
  /** Whether property updates and lifecycle changes are appended to history. */
  historyEnabled: boolean;
  now(): string;
}
