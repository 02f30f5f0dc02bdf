// A tiny router for the Compute REST paths: each route names the API method it implements
// (`instances.insert`), which is also the key of callCounts() and what faults apply to.
import type { FaultInjector } from '../core/faults';
import { PathRouter } from '../core/path-router';
import { type Json, Links } from './representation';
import type { GceState } from './state';

export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  links: Links;
  state: GceState;
  /** Asked whether an insert finds capacity (the other faults strike before the route runs). */
  faults: Pick<FaultInjector, 'lacksCapacity'>;
  /** The caller's identity from its credentials, recorded as the operations' `user`. */
  user: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** e.g. `/compute/v1/projects/{project}/zones/{zone}/instances` */
  path: string;
  action: string;
  handle(ctx: RequestContext): Json | Promise<Json>;
}

/** Routes by method and path template (sandbox/core/path-router.ts). */
export class Router extends PathRouter<Route> {}

export { Links };
