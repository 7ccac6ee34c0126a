/**
 * The live sources' one way into the engine: a batch of updates (property values or telemetry) issued in one
 * synchronous burst over the public TwinEngine, so the engine's group commit takes them together (one
 * transaction, one event batch) instead of one call and one `then` per update reaching it piecemeal. Each update
 * stays its own command: a rejected one (unknown twin, invalid value) fails alone and is reported with its index.
 * Values carry their source time (when they were generated or received): ADT's `$metadata.<property>.sourceTime`
 * for properties, the telemetry's source time for telemetry, so history and events keep it.
 */
import type { TwinEngine } from '../TwinEngine.ts';
import type { EngineErrorCode, JsonPatchOp, Result } from '../types.ts';

export interface LiveUpdate {
  twinId: string;
  /** A property patch (`add` of the value) or a telemetry message `{ [property]: value }`. */
  mode: 'property' | 'telemetry';
  property: string;
  value: unknown;
  /** ISO time the value was generated or measured. */
  sourceTime?: string;
}

export interface UpdateFailure {
  index: number;
  twinId: string;
  code: EngineErrorCode;
  message: string;
}

export interface BatchOutcome {
  applied: number;
  failed: UpdateFailure[];
}

/** The JSON Patch of one property update (value, then its source time). */
export function propertyPatch(property: string, value: unknown, sourceTime?: string): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [{ op: 'add', path: `/${property}`, value }];
  if (sourceTime) ops.push({ op: 'add', path: `/$metadata/${property}/sourceTime`, value: sourceTime });
  return ops;
}

export async function applyUpdates(engine: TwinEngine, updates: readonly LiveUpdate[]): Promise<BatchOutcome> {
  const pending: Array<Promise<Result<unknown>>> = new Array(updates.length);
  // All calls before the first await: they queue in the engine together.
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i]!;
    pending[i] = u.mode === 'property'
      ? engine.patchTwin(u.twinId, propertyPatch(u.property, u.value, u.sourceTime))
      : engine.publishTelemetry(u.twinId, { [u.property]: u.value }, u.sourceTime ? { sourceTime: u.sourceTime } : {});
  }
  const results = await Promise.all(pending);
  const out: BatchOutcome = { applied: 0, failed: [] };
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.ok) out.applied++;
    else out.failed.push({ index: i, twinId: updates[i]!.twinId, code: r.error.code, message: r.error.message });
  }
  return out;
}
