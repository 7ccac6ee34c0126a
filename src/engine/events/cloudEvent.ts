/**
 * ADT-shaped CloudEvents 1.0. @see ../shared/reference/adt-api.md §4
 */
import type { CloudEvent } from '../types.ts';
import { fastId } from '../util/uuid.ts';

export function traceparent(): string {
  const hex = fastId().replace(/-/g, '');
  return `00-${hex}-${hex.slice(16)}-01`;
}

export function cloudEvent<T>(type: CloudEvent['type'], source: string, subject: string, time: string, data: T, extra: Partial<CloudEvent<T>> = {}): CloudEvent<T> {
  return { specversion: '1.0', id: fastId(), type, source, subject, time, datacontenttype: 'application/json', traceparent: traceparent(), data, ...extra };
}
