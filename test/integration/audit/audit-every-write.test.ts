// Every write route of the API, once each, against the local runtime, and the audit entry each
// leaves: the whole entry (actor, source, action, resource, environment, outcome, changes), with
// the ids, times and random values of a run replaced by stable names. The snapshot is the audit
// log's contract: writes record the documents their services hold (services/audit.ts), so a
// change to what a service writes or to how an entry is built shows here, route by route.
// A read-only user's refused writes (403) are recorded too; the other failures are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteDef } from '../../../functions/contract/routes';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { authFor, createSampleIds, fillPath, type Ids, VALID_BODIES } from '../../support/route-samples';

/** Writes, then DELETEs, each the deepest path first (as the access table orders them). */
const depth = (r: RouteDef) => r.path.split('{').length;
const deepestFirst = (a: RouteDef, b: RouteDef) => depth(b) - depth(a) || b.path.length - a.path.length;
const WRITES: RouteDef[] = [
  ...API_ROUTES.filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && r.auth === true).sort(
    deepestFirst,
  ),
  ...API_ROUTES.filter((r) => r.method === 'DELETE' && r.auth === true).sort(deepestFirst),
];

let rt: LocalRuntime;
/** Per request (`<caller> <operationId>`): its status and the entries it left, normalised. */
const log: { request: string; status: number; entries: unknown[] }[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  const owner = apiClient(rt.apiUrl, rt.demo.token);
  const readOnly = await rt.mintToken(
    rt.demo.users!.find((u) => u.role === 'read-only')!.userId,
    rt.demo.accountId,
  );
  const ids = await createSampleIds(rt, owner, 'every-write', {
    status: 'Running',
    instanceId: 'i-0123456789abcdef0',
  });
  const names = new Names();
  for (const [caller, token] of [
    ['readOnly', readOnly],
    ['owner', rt.demo.token],
  ] as const) {
    for (const route of WRITES) await write(owner, caller, token, route, ids, names);
  }
}, 180_000);
afterAll(() => rt?.stop());

async function write(
  owner: ApiClient,
  caller: string,
  token: string,
  route: RouteDef,
  ids: Ids,
  names: Names,
) {
  const request = `${caller} ${route.operationId}`;
  const res = await apiClient(rt.apiUrl).call(route.method, fillPath(route, ids), {
    body: VALID_BODIES[route.operationId]?.(ids),
    headers: {
      ...authFor(route, ids, token),
      'if-match': '*',
      'user-agent': request,
      'x-drover-client': 'cli',
    },
  });
  // Entries are listed newest first; this request's are those its user agent names.
  const recent = (await owner.get('/v1/audit?limit=10')).body.items as { source: { userAgent?: string } }[];
  const entries = recent.filter((e) => e.source.userAgent === request).reverse();
  log.push({ request, status: res.status, entries: entries.map((e) => names.of(stable(e))) });
}

/**
 * Drops what differs on every run by nature: the entry's own id and time, the caller's address,
 * the last characters of a new signing secret (secretHint).
 */
function stable(entry: Record<string, any>) {
  const { id: _id, at: _at, source, changes, ...rest } = entry;
  const { ip: _ip, ...where } = source;
  const hint = (value: unknown) => (typeof value === 'string' ? '<hint>' : value);
  return {
    ...rest,
    ...(rest.requestId ? { requestId: '<request>' } : {}),
    source: where,
    changes: changes.map((c: { path: string; before?: unknown; after?: unknown }) =>
      c.path === 'secretHint' ? { ...c, before: hint(c.before), after: hint(c.after) } : c,
    ),
  };
}

/** Gives each id and time of the run a stable name, in order of appearance. */
class Names {
  private readonly seen = new Map<string, string>();
  of(value: unknown): unknown {
    const text = JSON.stringify(value).replace(
      // ids, times, and the unique names the samples make (`samples-<id's end>`, `script-<n>-<ms>-<n>`).
      /\b([a-z]+)-[0-9a-z]{26}\b|\d{4}-\d\d-\d\dT[\d:.]+Z|\b(samples)-[0-9a-z]{8}\b|\b(script|sample|new)-\d+-\d+-\d+/g,
      (match, id?: string, team?: string, unique?: string) =>
        this.name(match, id ?? team ?? unique ?? 'time'),
    );
    return JSON.parse(text);
  }
  private name(match: string, kind: string): string {
    if (!this.seen.has(match)) this.seen.set(match, `<${kind}#${this.seen.size + 1}>`);
    return this.seen.get(match)!;
  }
}

describe('the audit entry of every write', () => {
  it('is the one each write has always left', async () => {
    expect(log.length).toBe(WRITES.length * 2);
    await expect(JSON.stringify(log, null, 1)).toMatchFileSnapshot('__snapshots__/audit-every-write.json');
  });
});
