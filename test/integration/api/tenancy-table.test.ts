// The tenancy table: every route of the API against a second account that signed up through the
// public route (POST /api/v1/accounts, not seeded), whose owner names the first account's things.
//
//   'ids'       the route takes path ids: with ALL of them the first account's, and again with each
//               one alone the first account's and the rest the caller's own (a team of mine and a
//               user of theirs), the answer is 404 — never 200, 204, 403 or 500, which would tell
//               the ids apart or act on them. A body that names ids names the first account's too.
//   'list'      a read without ids: the answer holds none of the first account's ids.
//   'own'       a write without ids that acts on the caller's own account; where its body names
//               ids (a team's grants, a farm's role), naming the first account's is refused (404/422).
//   'public' / 'operator'   no tenant: sign-in and sign-up; the platform operator (user tokens: 401).
//
// ADDING A ROUTE: add a row below; the first test fails while a route of API_ROUTES has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteDef } from '../../../functions/contract/routes';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { createSampleIds, fillPath, type Ids, VALID_BODIES } from '../../support/route-samples';

type Coverage = 'ids' | 'list' | 'own' | 'public' | 'operator';
const TENANCY: Record<string, Coverage> = {
  getOpenApi: 'public',
  getRuntimeInfo: 'public',
  signIn: 'public',
  completeNewPassword: 'public',
  signUp: 'public',
  verifySignUpEmail: 'public',
  resendSignUpCode: 'public',
  listOperatorAccounts: 'operator',
  suspendAccount: 'operator',
  resumeAccount: 'operator',
  deleteAccount: 'operator',
  // No tenant either: a cloud's signed push (user tokens: 401, like the operator's routes).
  receiveGceAuditLogPush: 'operator',
  getAccount: 'list',
  getMe: 'list',
  listEnvironments: 'list',
  listRoles: 'list',
  listScripts: 'list',
  listOrchestrationRules: 'list',
  listUsers: 'list',
  listTeams: 'list',
  listAclRoles: 'list',
  listApiTokens: 'list',
  getAccountVariables: 'list',
  listAudit: 'list',
  getRetention: 'list',
  listAgentTasks: 'list',
  createEnvironment: 'own',
  createRole: 'own',
  createScript: 'own',
  createOrchestrationRule: 'own',
  createUser: 'own',
  createTeam: 'own',
  createAclRole: 'own',
  createApiToken: 'own',
  putAccountVariables: 'own',
  putRetention: 'own',
  reportAgentEvent: 'own',
  reportAgentMetrics: 'own',
  fireAgentCustomEvent: 'own',
};
const coverageOf = (route: RouteDef): Coverage | undefined =>
  TENANCY[route.operationId] ?? (route.params && route.auth !== 'operator' ? 'ids' : undefined);

/** The Ids field each path parameter is filled from (fillPath). */
const FIELD_OF: Record<string, keyof Ids | undefined> = {
  environmentId: 'environmentId',
  credentialsId: 'credentialsId',
  roleId: 'roleId',
  farmId: 'farmId',
  farmRoleId: 'farmRoleId',
  serverId: 'serverId',
  endpointId: 'endpointId',
  webhookId: 'webhookId',
  deliveryId: 'deliveryId',
  scriptId: 'scriptId',
  ruleId: 'ruleId',
  executionId: 'executionId',
  userId: 'userId',
  teamId: 'teamId',
  aclRoleId: 'aclRoleId',
  tokenId: 'tokenId',
  auditId: 'auditId',
  policyId: 'policyId',
  requestId: 'leaseRequestId',
  taskId: 'taskId',
};
const paramsOf = (route: RouteDef) =>
  [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => FIELD_OF[p]);

let rt: LocalRuntime;
let first: Ids;
let second: Ids;
let secondAccountId: string;
let secondToken: string;
/** Every id of the first account, to look for in the second's answers. */
let firstIds: string[];

beforeAll(async () => {
  rt = await startTestRuntime({ throttles: { signUpPerAddress: { max: 1000, windowMs: 60_000 } } });
  const owner = apiClient(rt.apiUrl, rt.demo.token);
  first = await createSampleIds(rt, owner, 'tenancy-first', {
    status: 'Running',
    instanceId: 'i-0a23456789abcdef0',
  });
  const email = `second-${process.pid}-${Date.now()}@example.com`;
  const password = 'Second-account-42!';
  const signedUp = await apiClient(rt.apiUrl).post('/v1/accounts', {
    accountName: 'Second',
    email,
    password,
  });
  expect(signedUp.status).toBe(201);
  secondAccountId = signedUp.body.account.id;
  secondToken = (await apiClient(rt.apiUrl).post('/v1/auth/token', { email, password })).body.accessToken;
  second = await createSampleIds(
    rt,
    apiClient(rt.apiUrl, secondToken),
    'tenancy-second',
    { status: 'Running', instanceId: 'i-0b23456789abcdef0' },
    { accountId: secondAccountId, environmentId: signedUp.body.environment.id },
  );
  firstIds = [
    rt.demo.accountId,
    ...Object.entries(first)
      .filter(
        ([k, v]) =>
          typeof v === 'string' &&
          !['agentToken', 'operatorToken', 'cloudPushToken', 'accountId'].includes(k),
      )
      .map(([, v]) => v as string),
  ];
}, 120_000);
afterAll(() => rt?.stop());

function callerFor(route: RouteDef): ApiClient {
  return apiClient(rt.apiUrl, route.auth === 'agent' ? second.agentToken : secondToken);
}

async function call(route: RouteDef, pathIds: Ids, bodyIds: Ids) {
  return callerFor(route).call(route.method, fillPath(route, pathIds), {
    body: VALID_BODIES[route.operationId]?.(bodyIds),
    headers: { 'if-match': '*' },
  });
}

describe('the tenancy table', () => {
  it('covers every route', () => {
    const missing = API_ROUTES.filter((r) => !coverageOf(r)).map((r) => r.operationId);
    expect(missing, 'add these routes to TENANCY (see the header)').toEqual([]);
    for (const route of API_ROUTES.filter((r) => coverageOf(r) === 'ids'))
      expect(paramsOf(route).length, `${route.operationId}: a path id the table can fill`).toBeGreaterThan(0);
  });

  const byCoverage = (c: Coverage) => API_ROUTES.filter((r) => coverageOf(r) === c);
  // Writes after reads, deepest path first, as in the access table; each case is its own request.
  const ordered = [
    ...byCoverage('ids').filter((r) => r.method === 'GET'),
    ...byCoverage('ids').filter((r) => r.method !== 'GET'),
  ];

  it.each(ordered)("$operationId: the first account's ids, all or one at a time, are 404", async (route) => {
    const all = await call(route, first, second);
    expect(all.status, `${route.method} ${fillPath(route, first)}: ${JSON.stringify(all.body)}`).toBe(404);
    for (const param of paramsOf(route)) {
      const field = FIELD_OF[param]!;
      const mixed = { ...second, [field]: first[field] } as Ids;
      const res = await call(route, mixed, second);
      expect(
        res.status,
        `${route.method} ${fillPath(route, mixed)} (${param} of the first account): ${JSON.stringify(res.body)}`,
      ).toBe(404);
      // A 404 may repeat the id the caller sent; it must say nothing else of the first account.
      const sent = fillPath(route, mixed);
      for (const id of firstIds.filter((i) => !sent.includes(i)))
        expect(JSON.stringify(res.body)).not.toContain(id);
    }
  });

  it.each(byCoverage('list'))('$operationId shows nothing of the first account', async (route) => {
    const res = await call(route, second, second);
    expect(res.status).toBeLessThan(300);
    const text = JSON.stringify(res.body);
    for (const id of firstIds) expect(text, `${route.operationId} leaks ${id}`).not.toContain(id);
  });

  it.each(byCoverage('own').filter((r) => r.auth === true))(
    "$operationId: a body naming the first account's ids is refused",
    async (route) => {
      const theirs = JSON.stringify(VALID_BODIES[route.operationId]?.(first) ?? null);
      if (!firstIds.some((id) => theirs.includes(id))) return; // names no ids: the write is the caller's own
      const res = await call(route, second, first);
      expect([404, 422], `${route.operationId}: ${res.status} ${JSON.stringify(res.body)}`).toContain(
        res.status,
      );
    },
  );

  it.each(byCoverage('operator'))('$operationId: an account owner is 401', async (route) => {
    const res = await callerFor(route).call(
      route.method,
      fillPath(route, { ...second, accountId: rt.demo.accountId }),
      {
        body: VALID_BODIES[route.operationId]?.(second),
      },
    );
    expect(res.status).toBe(401);
  });

  it("leaves the first account's sample farm as it was", async () => {
    const res = await apiClient(rt.apiUrl, rt.demo.token).get(`/v1/farms/${first.farmId}`);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('tenancy-first');
  });
});
