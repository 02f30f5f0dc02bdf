// The sandbox's route table: each route names the API call it implements (`servers.create`),
// which is also the key of callCounts() and what faults apply to. Paths start with the service
// and the region (`/compute/{region}/v2.1/servers`), as the catalog hands them out.
import type { FaultInjector } from '../core/faults';
import { PathRouter } from '../core/path-router';
import type { ApiAnswer } from '../core/sandbox-server';
import type { TokenScope } from './identity';
import type { OpenStackState } from './state';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  region: string;
  scope: TokenScope;
  state: OpenStackState;
  faults: Pick<FaultInjector, 'lacksCapacity'>;
  /** The sandbox's URL (links in answers are absolute, as OpenStack's are). */
  base: string;
  /** The compute microversion the request negotiated (compute routes). */
  microversion: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. `/compute/{region}/v2.1/servers/{id}`; a trailing `/` is optional. */
  path: string;
  action: string;
  /** Version documents need no token. */
  anonymous?: boolean;
  handle(ctx: RouteContext): ApiAnswer | Promise<ApiAnswer>;
}

/** Routes by method and path template (sandbox/core/path-router.ts). */
export class Router extends PathRouter<Route> {}
