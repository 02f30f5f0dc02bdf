// Routing on the path exactly as the client sent it. URL parsers resolve dot segments first
// (`/farms/F/servers/%2e%2e/terminate` becomes `/farms/F/terminate`), which would turn a bad
// server id into an action on the whole farm. So a path with a dot segment, an encoded slash or
// backslash, or broken percent-encoding names no resource (404), and a route matches only the
// raw path segment by segment. Used by the local adapter to route, and by resolveRoute to check
// that API Gateway's route and path parameters are what the raw path says.

/** The raw path's segments, decoded; undefined when the path is not in canonical form. */
export function rawPathSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    if (/%(2f|5c)|\\/i.test(raw)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (decoded === '.' || decoded === '..') return undefined;
    segments.push(decoded);
  }
  return segments;
}

/**
 * Matches a route template (`/api/v1/farms/{farmId}`) against a raw path: the path parameters,
 * decoded, or undefined when the path does not have the template's shape.
 */
export function matchTemplate(template: string, rawPath: string): Record<string, string> | undefined {
  const segments = rawPathSegments(rawPath);
  const parts = template.slice(1).split('/');
  if (!segments || segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const segment = segments[i]!;
    if (name) {
      if (segment === '') return undefined;
      params[name] = segment;
    } else if (segment !== part) return undefined;
  }
  return params;
}
