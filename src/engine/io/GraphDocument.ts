/**
 * The format-neutral content of a graph file (ADT Explorer JSON or bulk-import NDJSON), with where each element came
 * from (NDJSON line or JSON pointer) for error reports.
 */
export interface Located {
  line?: number;
  pointer?: string;
}

export interface GraphDocument {
  models: Array<{ doc: unknown } & Located>;
  twins: Array<{ id: string; body: Record<string, unknown> } & Located>;
  relationships: Array<{ sourceId: string; id: string; body: Record<string, unknown> } & Located>;
}

export interface ImportIssue extends Located {
  code: string;
  message: string;
}

export type ParsedGraph = { doc: GraphDocument; errors: ImportIssue[] };
