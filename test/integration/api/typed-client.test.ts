// The typed client generated from the route table (functions/contract/client.ts), against the
// local API over HTTP: typed calls with ETag/If-Match, a request refused before it is sent with
// the very issues the API answers, a response that does not match its schema, problem+json
// answers as ApiProblem, and no answer at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, ApiProblem, createApiClient } from '../../../functions/contract/client';
import { urlOf } from '../../../functions/contract/route-client';
import type { RouteDef } from '../../../functions/contract/route-def';
import { RoleInput } from '../../../functions/domain/schemas/role';
import type { LocalRuntime } from '../../../local/runtime';
import { role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let sent: string[];

/** The fixture role, typed as the route's body. */
const roleBody = () => RoleInput.parse(role(rt.demo.environmentId));

/** The real fetch, recording what is sent, so a test can tell whether anything left the client. */
const recordingFetch: typeof fetch = (url, init) => {
  sent.push(`${init?.method} ${String(url)}`);
  return fetch(url, init);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  api = createApiClient({ baseUrl: rt.apiUrl, token: rt.demo.token, fetch: recordingFetch });
});
afterAll(() => rt?.stop());

async function problemOf(call: Promise<unknown>): Promise<ApiProblem> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiProblem);
  return error as ApiProblem;
}

describe('the typed client', () => {
  it('calls an operation by its id with typed params, body, ETag and If-Match', async () => {
    sent = [];
    const created = await api.createRole({ body: roleBody() });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(role().name);
    const read = await api.getRole({ params: { roleId: created.body.id } });
    expect(read.etag).toBe('"1"');
    expect(read.body).toEqual(created.body);
    const updated = await api.updateRole({
      params: { roleId: created.body.id },
      body: { ...roleBody(), description: 'changed' },
      ifMatch: read.etag,
    });
    expect(updated.body).toMatchObject({ description: 'changed', version: 2 });
    const page = await api.listRoles({ query: { environmentId: rt.demo.environmentId, limit: 1 } });
    expect(page.body.items).toHaveLength(1);
    expect(sent).toContain(`GET ${rt.apiUrl}/v1/roles/${created.body.id}`);
    expect(sent.at(-1)).toBe(`GET ${rt.apiUrl}/v1/roles?environmentId=${rt.demo.environmentId}&limit=1`);
  });

  it('refuses a bad request before sending it, with the issues the API answers', async () => {
    sent = [];
    const bad = { ...roleBody(), name: '' };
    const refused = await problemOf(api.createRole({ body: bad }));
    expect(sent).toEqual([]);
    expect(refused.origin).toBe('request');
    expect(refused.status).toBe(400);
    expect(refused.issues).toContainEqual({ in: 'body', path: 'name', message: 'must not be empty' });

    const answered = await fetch(`${rt.apiUrl}/v1/roles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rt.demo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(bad),
    });
    const problem = (await answered.json()) as { detail: string; issues: unknown[] };
    expect(refused.problem).toMatchObject({ status: 400, code: 'InvalidInput', detail: problem.detail });
    expect(refused.issues).toEqual(problem.issues);

    const badId = await problemOf(api.getFarm({ params: { farmId: 'not-a-farm-id' } }));
    expect(badId.issues[0]).toMatchObject({ in: 'path', path: 'farmId' });
  });

  it('refuses a success whose body its route does not describe', async () => {
    const dropsName: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      const body = (await res.json()) as Record<string, unknown>;
      delete body.name;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const tampered = createApiClient({ baseUrl: rt.apiUrl, token: rt.demo.token, fetch: dropsName });
    const problem = await problemOf(tampered.getAccount());
    expect(problem.origin).toBe('response');
    expect(problem.code).toBe('ResponseInvalid');
    expect(problem.issues).toContainEqual(expect.objectContaining({ in: 'response', path: 'name' }));
  });

  it('throws the API problem+json as ApiProblem: status, code, detail, currentVersion', async () => {
    const created = await api.createRole({ body: roleBody() });
    const ghostId = created.body.id.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    const missing = await problemOf(api.getRole({ params: { roleId: ghostId } }));
    expect(missing).toMatchObject({ origin: 'answer', status: 404, code: 'NotFound' });

    const stale = await problemOf(
      api.updateRole({ params: { roleId: created.body.id }, body: roleBody(), ifMatch: 7 }),
    );
    expect(stale).toMatchObject({ status: 412, code: 'PreconditionFailed' });
    expect(stale.problem.currentVersion).toBe(1);

    const signedOut = createApiClient({ baseUrl: rt.apiUrl });
    expect(await problemOf(signedOut.getAccount())).toMatchObject({ status: 401, origin: 'answer' });
  });

  it('says when nothing answers (status 0), and lets a caller throw its own error type', async () => {
    const nowhere = createApiClient({ baseUrl: 'http://127.0.0.1:9/api', token: 't' });
    const problem = await problemOf(nowhere.getAccount());
    expect(problem).toMatchObject({ status: 0, origin: 'unreachable', code: 'Unreachable' });

    class Mine extends Error {}
    const mapped = createApiClient({
      baseUrl: 'http://127.0.0.1:9/api',
      onProblem: (p) => new Mine(p.message),
    });
    await expect(mapped.getAccount()).rejects.toBeInstanceOf(Mine);
  });

  it('fills and encodes path parameters from the route path', () => {
    const route = { method: 'GET', path: '/api/v1/things/{thingId}/parts/{partId}' } as RouteDef;
    expect(
      urlOf('http://h/api/', route, { params: { thingId: 'a b/c', partId: 'x?y' }, query: { q: 1 } }),
    ).toBe('http://h/api/v1/things/a%20b%2Fc/parts/x%3Fy?q=1');
  });
});
