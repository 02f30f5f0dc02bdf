// The sandbox's route table: each route names the API call it implements (`servers.create`),
// which is also the key of callCounts() and what faults apply to. Paths start with the service
// and the region (`/compute/{region}/v2.1/servers`), as the catalog hands them out.
import type { FaultInjector } from '../core/faults';
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

interface Compiled extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: Compiled[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, regex: new RegExp(`^${source.replace(/\/$/, '')}/?$`), names };
    });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] as string);
      });
      return { route, params };
    }
    return undefined;
  }
}
