/**
 * ADT's functional limits, enforced by the engine and configurable per engine (`createLocalEngine({limits})`).
 * Rate limits are not enforced. @see ../shared/reference/adt-api.md §6
 */
export interface Limits {
  maxModels: number;
  maxModelsPerUpload: number;
  maxTwins: number;
  maxRelationships: number;
  maxOutgoingPerTwin: number;
  maxIncomingPerTwin: number;
  /** Twin JSON body (PUT/PATCH result) in bytes. */
  maxTwinBytes: number;
  maxStringBytes: number;
  maxPropertyNameBytes: number;
}

export const ADT_LIMITS: Limits = {
  maxModels: 10_000,
  maxModelsPerUpload: 250,
  maxTwins: 2_000_000,
  maxRelationships: 20_000_000,
  maxOutgoingPerTwin: 50_000,
  maxIncomingPerTwin: 50_000,
  maxTwinBytes: 32 * 1024,
  maxStringBytes: 4 * 1024,
  maxPropertyNameBytes: 1024,
};
