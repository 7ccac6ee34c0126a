/** ADT-shaped event routes and the endpoints they deliver to. */
export interface EventRoute {
  id: string;
  /** Endpoint name: 'event-log', 'broadcast' or a webhook endpoint's name. */
  endpointName: string;
  filter: string;
}

export type EndpointKind = 'log' | 'broadcast' | 'webhook';

export interface EndpointInfo {
  name: string;
  kind: EndpointKind;
  /** Webhook URL. */
  url?: string;
  delivered: number;
  failed: number;
  deadLettered: number;
}

/** Built-in endpoints every workspace has. */
export const EVENT_LOG_ENDPOINT = 'event-log';
export const BROADCAST_ENDPOINT = 'broadcast';
/** BroadcastChannel name embedded viewers and other pages listen on: `twinscape-events:<workspace>`. */
export const BROADCAST_CHANNEL_PREFIX = 'twinscape-events';

export interface DeadLetter {
  endpointName: string;
  routeId: string;
  eventId: string;
  eventType: string;
  attempts: number;
  reason: string;
  time: string;
}
