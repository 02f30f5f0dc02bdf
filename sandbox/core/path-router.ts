// Path templates → routes, for every sandbox cloud's REST API: `{name}` matches one path segment
// and is handed back decoded in `params`; a trailing `/` on the request is accepted.
export interface PathRoute {
  method: string;
  /** e.g. `/compute/v1/projects/{project}/zones/{zone}/instances` */
  path: string;
}

export class PathRouter<R extends PathRoute> {
  private readonly routes: { route: R; regex: RegExp; names: string[] }[];

  constructor(routes: R[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, regex: new RegExp(`^${source.replace(/\/$/, '')}/?$`), names };
    });
  }

  match(method: string, path: string): { route: R; params: Record<string, string> } | undefined {
    for (const { route, regex, names } of this.routes) {
      if (route.method !== method) continue;
      const m = regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] as string);
      });
      return { route, params };
    }
    return undefined;
  }
}
