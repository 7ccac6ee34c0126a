/**
 * The one interface of the twin engine (DESIGN.md): the UI, the CLI and user functions talk to this.
 * Backends: LocalEngine (Dexie/IndexedDB in a worker; memory or fake-indexeddb in Node) and, later, AdtEngine.
 * Every method resolves to a Result; user errors are values with ADT codes, never throws.
 * The worker exposes exactly this interface over comlink (callbacks must be comlink.proxy'd by the caller).
 */
import type {
  CloudEvent, Dtmi, EngineStats, Etag, IncomingRelationship, JsonPatchOp, ModelData, Progress, QueryPage,
  Relationship, RelationshipId, Result, Twin, TwinId,
} from './types.ts';

export type GraphFormat = 'adt-explorer-json' | 'ndjson';

export interface ImportReport {
  models: number;
  twins: number;
  relationships: number;
  /** Per line / element failures (when any, nothing was committed). */
  errors: Array<{ code: string; message: string; line?: number; pointer?: string }>;
}

/**
 * Cancels a running import: AbortSignal fits (`{ signal: controller.signal }`). The import checks it between chunks
 * of work and before its transaction commits; a cancelled import writes nothing and resolves to the error `Cancelled`.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface ImportOptions {
  signal?: CancelSignal;
}

export interface HistoryQuery {
  twinId?: TwinId;
  property?: string;
  from?: string; // ISO time, inclusive
  to?: string; // ISO time, exclusive
  limit?: number;
}

/** Which data history rows to export, and how (`exportHistory`). */
export interface HistoryExportQuery extends HistoryQuery {
  /**
   * ADT data history table (default AdtPropertyEvents). `twinId` filters Id / TwinId / Source (the relationship's
   * source twin); `property` filters Key (`component.property` inside components) / the relationship Name; twin
   * lifecycle rows have no property.
   */
  table?: 'AdtPropertyEvents' | 'AdtTwinLifeCycleEvents' | 'AdtRelationshipLifeCycleEvents';
  /** `csv`: header + ADT's columns (objects as JSON); `ndjson`: one JSON object per row, lossless. */
  format: 'csv' | 'ndjson';
}

/** Row of AdtPropertyEvents (ADT data history). */
export interface PropertyEvent {
  TimeStamp: string;
  SourceTimeStamp?: string;
  ServiceId: string;
  Id: string;
  ModelId: string;
  Key: string;
  Value: unknown;
  RelationshipId: string;
  RelationshipTarget: string;
  Action?: 'Update' | 'Delete';
}

export interface TwinEngine {
  stats(): Promise<EngineStats>;

  // Models
  uploadModels(models: unknown[]): Promise<Result<ModelData[]>>;
  listModels(opts?: { includeModelDefinition?: boolean; dependenciesFor?: Dtmi[] }): Promise<Result<ModelData[]>>;
  getModel(id: Dtmi, opts?: { includeModelDefinition?: boolean }): Promise<Result<ModelData>>;
  decommissionModel(id: Dtmi): Promise<Result<void>>;
  deleteModel(id: Dtmi): Promise<Result<void>>;

  // Twins
  upsertTwin(id: TwinId, twin: Record<string, unknown>, opts?: { ifNoneMatch?: '*' }): Promise<Result<Twin>>;
  getTwin(id: TwinId): Promise<Result<Twin>>;
  patchTwin(id: TwinId, patch: JsonPatchOp[], opts?: { ifMatch?: Etag | '*' }): Promise<Result<Twin>>;
  deleteTwin(id: TwinId, opts?: { ifMatch?: Etag | '*' }): Promise<Result<void>>;
  getComponent(id: TwinId, component: string): Promise<Result<Record<string, unknown>>>;
  patchComponent(id: TwinId, component: string, patch: JsonPatchOp[], opts?: { ifMatch?: Etag | '*' }): Promise<Result<Twin>>;

  // Relationships
  upsertRelationship(
    sourceId: TwinId, relationshipId: RelationshipId, relationship: Record<string, unknown>, opts?: { ifNoneMatch?: '*' },
  ): Promise<Result<Relationship>>;
  getRelationship(sourceId: TwinId, relationshipId: RelationshipId): Promise<Result<Relationship>>;
  patchRelationship(
    sourceId: TwinId, relationshipId: RelationshipId, patch: JsonPatchOp[], opts?: { ifMatch?: Etag | '*' },
  ): Promise<Result<Relationship>>;
  deleteRelationship(sourceId: TwinId, relationshipId: RelationshipId, opts?: { ifMatch?: Etag | '*' }): Promise<Result<void>>;
  listRelationships(sourceId: TwinId, relationshipName?: string): Promise<Result<Relationship[]>>;
  listIncomingRelationships(targetId: TwinId): Promise<Result<IncomingRelationship[]>>;

  // Telemetry (not stored on the twin; emitted as microsoft.iot.telemetry)
  publishTelemetry(id: TwinId, payload: unknown, opts?: { messageId?: string; component?: string; sourceTime?: string }): Promise<Result<void>>;

  // Query (ADT query language)
  query(query: string, opts?: { pageSize?: number; continuationToken?: string | null }): Promise<Result<QueryPage>>;
  explain(query: string): Promise<Result<unknown>>;

  // Import / export of whole graphs; transactional (all or nothing).
  importGraph(text: string, format: GraphFormat, onProgress?: (p: Progress) => void, opts?: ImportOptions): Promise<Result<ImportReport>>;
  exportGraph(format: GraphFormat): Promise<Result<string>>;
  /** Deletes all twins, relationships and models (ADT delete job). */
  clear(): Promise<Result<void>>;

  // Data history
  propertyHistory(q: HistoryQuery): Promise<Result<PropertyEvent[]>>;
  /** History rows (by table, twin, property, time range) as a CSV or NDJSON file, oldest first. */
  exportHistory(q: HistoryExportQuery): Promise<Result<string>>;

  // Events: the listener receives batches of committed events, in commit order.
  subscribe(listener: (events: CloudEvent[]) => void): Promise<number>;
  unsubscribe(subscription: number): Promise<void>;
}
