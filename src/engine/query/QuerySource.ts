/**
 * CONTRACT between the engine core and the query module (agreed; names and shapes stay).
 * The engine keeps the whole graph in memory (loaded from storage at open, updated on every commit) and
 * hands the query module this read-only view. `version` increases on every commit so the query module can
 * invalidate lazily built indexes (property indexes, plans).
 */
import type { Dtmi, Relationship, Twin, TwinId } from '../types.ts';

export interface QuerySource {
  readonly version: number;
  twin(id: TwinId): Twin | undefined;
  twins(): Iterable<Twin>;
  twinCount(): number;
  /** Twins whose model is `model` or (unless exact) any model that extends it. */
  twinsOfModel(model: Dtmi, exact?: boolean): Iterable<Twin>;
  isOfModel(twin: Twin, model: Dtmi, exact?: boolean): boolean;
  outgoing(sourceId: TwinId, relationshipName?: string): Iterable<Relationship>;
  incoming(targetId: TwinId, relationshipName?: string): Iterable<Relationship>;
  relationships(): Iterable<Relationship>;
  relationshipCount(): number;
}
