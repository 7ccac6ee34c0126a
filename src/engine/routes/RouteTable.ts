/** The routes of a workspace with their compiled filters; `match` lists the routes an event goes through. */
import { err, ok, type CloudEvent, type Result } from '../types.ts';
import { compileFilter, type EventPredicate } from './filter/index.ts';
import type { EventRoute } from './types.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;

export class RouteTable {
  private routes = new Map<string, { route: EventRoute; predicate: EventPredicate }>();

  list(): EventRoute[] {
    return [...this.routes.values()].map((r) => ({ ...r.route }));
  }

  /** Refuses an invalid id or filter (the filter error carries details.position). */
  upsert(route: EventRoute, endpointExists: (name: string) => boolean): Result<EventRoute> {
    if (typeof route.id !== 'string' || !ID.test(route.id)) return err('InvalidArgument', 'A route id has 1-50 letters, digits, -, _ or . and starts with a letter or digit.');
    if (!endpointExists(route.endpointName)) return err('NotFound', `There is no endpoint named ${route.endpointName}.`);
    const compiled = compileFilter(route.filter);
    if (!compiled.ok) return compiled;
    const r = { id: route.id, endpointName: route.endpointName, filter: route.filter };
    this.routes.set(r.id, { route: r, predicate: compiled.value });
    return ok({ ...r });
  }

  delete(id: string): Result<void> {
    return this.routes.delete(id) ? ok(undefined) : err('NotFound', `There is no route ${id}.`);
  }

  *match(event: CloudEvent): Generator<EventRoute> {
    for (const r of this.routes.values()) if (r.predicate(event)) yield r.route;
  }

  get size(): number {
    return this.routes.size;
  }
}
