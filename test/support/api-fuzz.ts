// The API fuzzer: every operation of the served OpenAPI document, sent bad input of every kind
// (invalid JSON, wrong types per field, huge strings, deep nesting, unicode and NUL, extreme
// numbers, bad ids and dot segments, bad query parameters, weak and odd If-Match) by a caller,
// counting the answers. Deterministic: fixed case lists, and fast-check values drawn with a
// fixed seed. Used by test/integration/api/fuzz.test.ts (0 answers ≥ 500) and
// test/bench/fuzz.bench.ts (the figures).
import fc from 'fast-check';
import { API_ROUTES, type RouteDef } from '../../functions/contract/routes';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../functions/domain/input-bounds';
import { rawRequest } from './raw-request';
import { fillPath, type Ids, VALID_BODIES } from './route-samples';

export interface FuzzCase {
  operationId: string;
  why: string;
  method: string;
  /** The raw path (with `/api`) and query, sent byte for byte. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzFigures {
  requests: number;
  operations: number;
  seconds: number;
  /** Status → count. */
  statuses: Record<string, number>;
  /** Every answer ≥ 500 (or a request that got no answer), for the failure message. */
  failures: {
    operationId: string;
    why: string;
    method: string;
    target: string;
    status: number;
    code?: string;
  }[];
}

interface OpenApiOperation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
}

export const FUZZ_SEED = 20261207;

/** The operations of the served document, each with its route (path template and group). */
export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }) {
  const ops: { method: string; op: OpenApiOperation; route: RouteDef }[] = [];
  for (const methods of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = API_ROUTES.find((r) => r.operationId === op.operationId);
      if (!route) throw new Error(`the document names ${op.operationId}, which the route table lacks`);
      ops.push({ method: method.toUpperCase(), op, route });
    }
  }
  // Destructive operations last, so the ids every other case names still exist when it runs.
  const weight = (r: RouteDef) =>
    r.method === 'DELETE' ? 2 : /terminate|suspend|revoke/i.test(r.operationId) ? 1 : 0;
  return ops.sort((a, b) => weight(a.route) - weight(b.route));
}

const DEEP_MARK = 'fuzz-deep-value-here';
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const BAD_IDS = [
  '..',
  '%2e%2e',
  '.%2E',
  '.',
  '%2F',
  'a%2fb',
  '%5c..%5c',
  '%00',
  'farm-%00',
  '%F0%9F%92%A9',
  '%E2%80%AE',
  '%E0%A4%A',
  'x'.repeat(4096),
  'usr-01aaaaaaaaaaaaaaaaaaaaaaaa',
  'FARM-01AAAAAAAAAAAAAAAAAAAAAAAA',
  '%20',
];

const BAD_QUERY_VALUES = [
  '',
  'x'.repeat(4096),
  '-1',
  '0',
  '1e308',
  '9007199254740993',
  'NaN',
  'Infinity',
  '%00',
  '%E2%80%AE',
  '%E0%A4%A',
  '[]',
  '{}',
  'true',
  '..%2F..',
];

const IF_MATCHES = [
  'W/"1"',
  'w/"1"',
  '"99999999999999999999"',
  '"-1"',
  '"1.5"',
  'garbage',
  '""',
  '"1", "2"',
  '\u00e9',
];

const INVALID_JSON = [
  '{',
  '[1,]',
  'nul',
  '{"a":1}}',
  '{"a":"\\u00"}',
  '\u0000',
  '{"a":1,}',
  '"\ud800"',
  '1e999',
];

/** Values of the wrong type or out of range, put in place of one field. */
const FIELD_VALUES: unknown[] = [
  null,
  1e308,
  -1e308,
  2 ** 60,
  5e-324,
  -1,
  true,
  '',
  '\u0000',
  'x'.repeat(100_000),
  '𝔘\u202e\ufeff\ud83d',
  [],
  {},
  { $ne: null },
  JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`),
];

/** Field paths of a valid body (objects walked, arrays by their first item), shallowest first. */
function fieldPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(value)) {
    if (value.length > 0) {
      out.push([...prefix, 0]);
      fieldPaths(value[0], [...prefix, 0], out);
    }
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push([...prefix, key]);
      fieldPaths(v, [...prefix, key], out);
    }
  }
  return out.sort((a, b) => a.length - b.length);
}

function withField(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

/** Every case for one operation, as one caller (its Authorization header). */
export function casesFor(
  entry: { method: string; op: OpenApiOperation; route: RouteDef },
  ids: Ids,
  authorization: string,
  options: { fieldsPerBody: number; randomValuesPerBody: number; seed: number; heavy?: boolean },
): FuzzCase[] {
  const { method, op, route } = entry;
  const filled = `/api${fillPath(route, ids)}`;
  const [path, sampleQuery = ''] = filled.split('?') as [string, string?];
  const json = { 'content-type': 'application/json' };
  const auth = { authorization, 'if-match': '*' };
  const valid = VALID_BODIES[op.operationId]?.(ids);
  const validText = valid === undefined ? undefined : JSON.stringify(valid);
  const cases: FuzzCase[] = [];
  const add = (why: string, target: string, headers: Record<string, string>, body?: string) =>
    cases.push({
      operationId: op.operationId,
      why,
      method,
      target,
      headers: { ...auth, ...headers },
      ...(body !== undefined ? { body } : {}),
    });
  const withQuery = (query: string) => (query ? `${path}?${query}` : path);
  const bodyOf = route.body ? (validText ?? '{}') : undefined;
  const bodyHeaders = route.body ? json : {};

  add('valid request', withQuery(sampleQuery), bodyHeaders, bodyOf);
  for (const ifMatch of IF_MATCHES)
    add(`If-Match ${ifMatch}`, withQuery(sampleQuery), { ...bodyHeaders, 'if-match': ifMatch }, bodyOf);

  // Bad ids: each path parameter in turn, the others valid.
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  for (const name of params) {
    const template = route.path.replace(`{${name}}`, '\u0001');
    const others = `/api${fillPath({ ...route, path: template }, ids)}`.split('?')[0]!;
    for (const bad of BAD_IDS)
      add(`path ${name}=${bad.slice(0, 20)}`, others.replace('\u0001', bad), bodyHeaders, bodyOf);
  }

  // Bad query values: each declared query parameter in turn, then unknown and repeated ones.
  for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
    for (const bad of BAD_QUERY_VALUES)
      add(`query ${param.name}=${bad.slice(0, 20)}`, withQuery(`${param.name}=${bad}`), bodyHeaders, bodyOf);
    add(`query ${param.name} twice`, withQuery(`${param.name}=1&${param.name}=2`), bodyHeaders, bodyOf);
  }
  add(
    'unknown query parameter',
    withQuery(`${sampleQuery ? `${sampleQuery}&` : ''}__proto__=1&constructor=x`),
    bodyHeaders,
    bodyOf,
  );

  // Bodies, also sent to routes without one (which must ignore them).
  for (const text of INVALID_JSON)
    add(`invalid JSON ${JSON.stringify(text)}`, withQuery(sampleQuery), json, text);
  add('not declared JSON', withQuery(sampleQuery), { 'content-type': 'text/plain' }, validText ?? '{}');
  // The heavy bodies (hundreds of KB each) for one caller, not for each.
  for (const levels of options.heavy ? [MAX_JSON_DEPTH + 1, 1_500, 100_000] : [MAX_JSON_DEPTH + 1])
    add(`nested ${levels} levels`, withQuery(sampleQuery), json, nested(levels));
  if (options.heavy)
    add(
      'over the size limit',
      withQuery(sampleQuery),
      json,
      JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }),
    );
  for (const whole of [null, [], 'text', 1e308, true])
    add(`body ${JSON.stringify(whole)}`, withQuery(sampleQuery), json, JSON.stringify(whole));
  if (valid && typeof valid === 'object') {
    const paths = fieldPaths(valid).slice(0, options.fieldsPerBody);
    for (const fieldPath of paths) {
      for (const value of FIELD_VALUES) {
        const shown = JSON.stringify(value)?.slice(0, 20);
        add(
          `field ${fieldPath.join('.')}=${shown}`,
          withQuery(sampleQuery),
          json,
          JSON.stringify(withField(valid, fieldPath, value)),
        );
      }
      const marked = JSON.stringify(withField(valid, fieldPath, DEEP_MARK));
      add(
        `field ${fieldPath.join('.')} nested past the limit`,
        withQuery(sampleQuery),
        json,
        marked.replace(`"${DEEP_MARK}"`, nested(MAX_JSON_DEPTH + 5)),
      );
    }
    // Random JSON (unicode strings, odd keys, doubles of every size) in random fields, seeded.
    const random = fc.sample(fc.tuple(fc.nat(Math.max(0, paths.length - 1)), fc.jsonValue({ maxDepth: 4 })), {
      seed: options.seed,
      numRuns: paths.length ? options.randomValuesPerBody : 0,
    });
    for (const [i, value] of random) {
      add(
        `field ${paths[i]!.join('.')}=random`,
        withQuery(sampleQuery),
        json,
        JSON.stringify(withField(valid, paths[i]!, value)),
      );
    }
  }
  return cases;
}

/** Sends the cases `concurrency` at a time; counts every status, keeps every answer ≥ 500. */
export async function runCases(
  baseUrl: string,
  cases: FuzzCase[],
  concurrency: number,
): Promise<FuzzFigures> {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const failures: FuzzFigures['failures'] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      let status = 0;
      let code: string | undefined;
      try {
        const reply = await rawRequest(baseUrl, c.method, c.target, { headers: c.headers, body: c.body });
        status = reply.status;
        code = typeof reply.body === 'object' ? reply.body?.code : undefined;
      } catch {
        status = 0; // no answer at all: counted as a failure
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 500 || status === 0)
        failures.push({
          operationId: c.operationId,
          why: c.why,
          method: c.method,
          target: c.target.slice(0, 160),
          status,
          code,
        });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    requests: cases.length,
    operations: new Set(cases.map((c) => c.operationId)).size,
    seconds: (performance.now() - started) / 1000,
    statuses,
    failures,
  };
}

export function describeFigures(label: string, f: FuzzFigures): string {
  const histogram = Object.entries(f.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}:${n}`)
    .join(' ');
  return `fuzz ${label}: ${f.requests} requests over ${f.operations} operations in ${f.seconds.toFixed(1)} s (${(f.requests / f.seconds).toFixed(0)}/s); statuses ${histogram}; ≥500: ${f.failures.length}`;
}
