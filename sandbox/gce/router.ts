// A tiny router for the Compute REST paths: each route names the API method it implements
// (`instances.insert`), which is also the key of callCounts() and what faults apply to.
import type { FaultInjector } from '../core/faults';
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

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, regex: new RegExp(`^${source}$`), names };
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

export { Links };
