/**
 * Domain types of the twin engine: ADT's wire model.
 * @see ../shared/reference/adt-api.md §2
 */
import type { Dtmi } from '../dtdl/index.ts';
export type { Dtmi };

export type TwinId = string & { readonly __brand?: 'TwinId' };
export type RelationshipId = string & { readonly __brand?: 'RelationshipId' };
/** Weak etag, `W/"<uuid>"`, new on every change. */
export type Etag = string & { readonly __brand?: 'Etag' };

export interface PropertyMetadata {
  lastUpdateTime: string;
  sourceTime?: string;
}

export interface TwinMetadata {
  $model: Dtmi;
  $lastUpdateTime?: string;
  [property: string]: PropertyMetadata | string | undefined;
}

/** A digital twin as ADT's GET returns it. */
export interface Twin {
  $dtId: TwinId;
  $etag: Etag;
  $metadata: TwinMetadata;
  [property: string]: unknown;
}

/** A relationship as ADT's GET returns it. */
export interface Relationship {
  $relationshipId: RelationshipId;
  $etag: Etag;
  $sourceId: TwinId;
  $targetId: TwinId;
  $relationshipName: string;
  [property: string]: unknown;
}

export interface IncomingRelationship {
  $relationshipId: RelationshipId;
  $sourceId: TwinId;
  $relationshipName: string;
  $relationshipLink: string;
}

/** ADT's ModelData. */
export interface ModelData {
  id: Dtmi;
  displayName?: Record<string, string>;
  description?: Record<string, string>;
  uploadTime: string;
  decommissioned: boolean;
  model?: unknown;
}

export interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** ADT-shaped CloudEvent 1.0. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  type:
    | 'Microsoft.DigitalTwins.Twin.Create'
    | 'Microsoft.DigitalTwins.Twin.Update'
    | 'Microsoft.DigitalTwins.Twin.Delete'
    | 'Microsoft.DigitalTwins.Relationship.Create'
    | 'Microsoft.DigitalTwins.Relationship.Update'
    | 'Microsoft.DigitalTwins.Relationship.Delete'
    | 'microsoft.iot.telemetry'
    | (string & {});
  source: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema?: string;
  traceparent?: string;
  data: T;
}

/** ADT error codes the engine returns (never throws for user errors). */
export type EngineErrorCode =
  | 'ValidationFailed'
  | 'DigitalTwinNotFound'
  | 'RelationshipNotFound'
  | 'TargetDigitalTwinNotFound'
  | 'ComponentNotFound'
  | 'PreconditionFailed'
  | 'RelationshipsNotDeleted'
  | 'ModelReferencesNotDeleted'
  | 'ModelNotFound'
  | 'ModelIdAlreadyExists'
  | 'ModelDecommissioned'
  | 'DTDLParserError'
  | 'InvalidArgument'
  | 'JsonPatchInvalid'
  | 'OperationNotAllowed'
  | 'InvalidRelationship'
  | 'SqlQueryError'
  | 'BadRequest'
  | 'TimeoutError'
  | 'EventRouteFilterInvalid'
  | 'ImportFailed'
  | 'StorageError'
  | (string & {});

export interface EngineError {
  code: EngineErrorCode;
  message: string;
  /** Optional structured details: per-item failures, DTDL parsing errors, query position... */
  details?: unknown;
}

export type Result<T, E = EngineError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: EngineErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

export interface EngineStats {
  models: number;
  twins: number;
  relationships: number;
}

export interface QueryPage<Row = unknown> {
  value: Row[];
  continuationToken: string | null;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
}
