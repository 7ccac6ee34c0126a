export { RouteTable } from './RouteTable.ts';
export { WebhookEndpoint, type FetchLike } from './WebhookEndpoint.ts';
export { compileFilter, parseFilter, evaluateFilter } from './filter/index.ts';
export * from './types.ts';
