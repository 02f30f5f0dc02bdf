// The access table: every route of the API × six callers, with the status each must get.
//
//   owner     the account's owner
//   admin     an admin of the account
//   devTeam   a developer (built-in ACL role `developer`) of team `web`, the farm's owner team
//   devOther  a developer of team `data`, another team granted the same environment
//   readOnly  a user whose team is granted the environment `read-only`
//   other     the owner of another account, calling with the first account's ids
//
// Each caller gets fresh sample ids (route-samples' createSampleIds, with the farm made team
// `web`'s) and calls every route over HTTP with route-samples' valid bodies and If-Match: *,
// reads first, then writes and DELETEs (deepest path first) so a change does not hide a later route.
//
// Expected values: 'ok' = authorized (any status below 500 other than 401, 403 and 404: a 409
// or 422 means the request got past access control), or the exact status 401, 403 or 404.
// Another account's ids are always 404; its routes without ids act on its own account ('ok').
//
// ADDING A ROUTE: add one row to ACCESS_TABLE below, keyed by operationId, with six values in the
// order owner admin devTeam devOther readOnly other — usually one of the named rows (VIEW,
// MANAGE, TEAM_FARM, ...). The first test fails while a route of API_ROUTES has no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type RouteDef } from '../../../functions/contract/routes';
import type { LocalRuntime } from '../../../local/runtime';
import { seedDemo } from '../../../local/seed';
import type { SeedRole } from '../../../local/seed-access';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { createOrchestrationSamples } from '../../support/orchestration-samples';
import {
  authFor,
  createSampleIds,
  fillPath,
  type Ids,
  NOWHERE_CLOUD,
  VALID_BODIES,
} from '../../support/route-samples';
import { createServerRecord } from '../../support/server-record';

const CALLERS = ['owner', 'admin', 'devTeam', 'devOther', 'readOnly', 'other'] as const;
type Caller = (typeof CALLERS)[number];

/** Anyone of the account, in any environment; another account's caller on its own account. */
const ANYONE = 'ok ok ok ok ok ok';
/** Reading something of an environment (or a farm): every team granted it. */
const VIEW = 'ok ok ok ok ok 404';
/** Changing something of an environment that a developer only views. */
const MANAGE = 'ok ok 403 403 403 404';
/** Changing a farm: its team's developer too, not another team's. */
const TEAM_FARM = 'ok ok ok 403 403 404';
/** Account administration on the account itself (no id in the path). */
const ADMIN = 'ok ok 403 403 403 ok';
/** Account administration on one item of the account. */
const ADMIN_ITEM = 'ok ok 403 403 403 404';
/** An account-wide item anyone with a grant reads (another account's id: 404). */
const VIEW_ITEM = 'ok ok ok ok ok 404';
/** Agent routes take only a server's agent token: every user token is 401. */
const AGENT_ONLY = '401 401 401 401 401 401';
/** Operator routes take only a platform operator's token: every user token is 401. */
const OPERATOR_ONLY = '401 401 401 401 401 401';
/** Cloud pushes take only the cloud's signed token (a Pub/Sub OIDC token): every user token is 401. */
const CLOUD_PUSH_ONLY = '401 401 401 401 401 401';
/** A public route refusing what it was sent: the caller's token plays no part, so everyone alike. */
const PUBLIC_REFUSED = '401 401 401 401 401 401';

const ACCESS_TABLE: Record<string, string> = {
  getOpenApi: ANYONE,
  // Public: which runtime answers; only the local one names its demo sign-in.
  getRuntimeInfo: ANYONE,
  // Public: the demo's email and password sign in whoever sends them, with any token or none.
  signIn: ANYONE,
  // The local runtime has no temporary passwords, so no session is good (in AWS, Cognito's are).
  completeNewPassword: PUBLIC_REFUSED,
  getAccount: ANYONE,
  getMe: ANYONE,

  listEnvironments: ANYONE,
  createEnvironment: ADMIN,
  getEnvironment: VIEW,
  updateEnvironment: ADMIN_ITEM,
  deleteEnvironment: ADMIN_ITEM,

  listCredentials: VIEW,
  createCredentials: MANAGE,
  getCredentials: VIEW,
  updateCredentials: MANAGE,
  deleteCredentials: MANAGE,
  testCredentials: MANAGE,
  listCredentialsLocations: VIEW,
  listCredentialsInstanceTypes: VIEW,
  // The sample credentials are AWS's: past access control the answer is 422 (OpenStack and CloudStack only).
  listCredentialsPlacementChoices: VIEW,

  listRoles: ANYONE,
  // The sample role is of the environment: its body names it, so another account gets 404.
  createRole: MANAGE,
  getRole: VIEW,
  updateRole: MANAGE,
  deleteRole: MANAGE,

  listFarms: VIEW,
  createFarm: 'ok ok ok ok 403 404',
  getFarm: VIEW,
  updateFarm: TEAM_FARM,
  deleteFarm: TEAM_FARM,
  getFarmStatus: VIEW,
  planFarm: VIEW,
  planNewFarm: VIEW,
  launchFarm: TEAM_FARM,
  terminateFarm: TEAM_FARM,
  suspendFarm: TEAM_FARM,
  resumeFarm: TEAM_FARM,
  listFarmTasks: VIEW,
  createFarmTask: TEAM_FARM,
  getFarmTask: VIEW,
  updateFarmTask: TEAM_FARM,
  pauseFarmTask: TEAM_FARM,
  resumeFarmTask: TEAM_FARM,
  deleteFarmTask: TEAM_FARM,
  listFarmTaskRuns: VIEW,
  // metrics:push is not in the built-in developer role: an API token made for it is the usual caller.
  pushFarmRoleMetrics: MANAGE,
  getFarmRoleScaling: VIEW,

  listServers: VIEW,
  terminateServer: TEAM_FARM,
  rebootServer: TEAM_FARM,
  listFarmEvents: VIEW,

  listWebhookEndpoints: VIEW,
  createWebhookEndpoint: MANAGE,
  getWebhookEndpoint: VIEW,
  updateWebhookEndpoint: MANAGE,
  deleteWebhookEndpoint: MANAGE,
  rotateWebhookEndpointSecret: MANAGE,
  testWebhookEndpoint: MANAGE,
  listWebhooks: VIEW,
  createWebhook: MANAGE,
  getWebhook: VIEW,
  updateWebhook: MANAGE,
  deleteWebhook: MANAGE,
  listWebhookDeliveries: VIEW,
  getWebhookDelivery: VIEW,
  redeliverWebhookDelivery: MANAGE,

  listUsers: ADMIN,
  createUser: ADMIN,
  getUser: ADMIN_ITEM,
  changeUserAccountRole: ADMIN_ITEM,
  deleteUser: ADMIN_ITEM,
  listTeams: ADMIN,
  createTeam: ADMIN,
  getTeam: ADMIN_ITEM,
  updateTeam: ADMIN_ITEM,
  deleteTeam: ADMIN_ITEM,
  addTeamMember: ADMIN_ITEM,
  removeTeamMember: ADMIN_ITEM,
  listAclRoles: ANYONE,
  createAclRole: ADMIN,
  getAclRole: VIEW_ITEM,
  updateAclRole: ADMIN_ITEM,
  deleteAclRole: ADMIN_ITEM,
  listApiTokens: ANYONE,
  createApiToken: ANYONE,
  // The sample token is the owner's: nobody else's to revoke.
  revokeApiToken: 'ok 404 404 404 404 404',

  getAccountVariables: ANYONE,
  putAccountVariables: ADMIN,
  getRetention: ANYONE,
  putRetention: ADMIN,
  getEnvironmentVariables: VIEW,
  putEnvironmentVariables: MANAGE,
  getRoleVariables: VIEW,
  putRoleVariables: MANAGE,
  getFarmVariables: VIEW,
  putFarmVariables: MANAGE,
  getFarmRoleVariables: VIEW,
  putFarmRoleVariables: MANAGE,
  getServerVariables: VIEW,
  putServerVariables: MANAGE,
  getResolvedFarmRoleVariables: VIEW,

  listPolicies: VIEW,
  createPolicy: MANAGE,
  evaluatePolicies: VIEW,
  getPolicy: VIEW,
  updatePolicy: MANAGE,
  deletePolicy: MANAGE,
  listLeaseExtensions: VIEW,
  requestLeaseExtension: TEAM_FARM,
  approveLeaseExtension: MANAGE,
  denyLeaseExtension: MANAGE,

  listAudit: ANYONE,
  // The entry of the sample farm's creation (see beforeAll): a user sees the entries of environments they may audit.
  getAudit: VIEW_ITEM,

  listScripts: ANYONE,
  createScript: ADMIN,
  getScript: VIEW_ITEM,
  updateScript: ADMIN_ITEM,
  deleteScript: ADMIN_ITEM,
  listScriptVersions: VIEW_ITEM,
  getScriptVersion: VIEW_ITEM,
  // Scripts are account-wide, their executions are not: each listed only to a caller who may see
  // its farm (the sample farm's environment is every caller's; see 'executions of a farm the caller cannot see').
  listScriptExecutions: VIEW_ITEM,
  listOrchestrationRules: ANYONE,
  createOrchestrationRule: ADMIN,
  getOrchestrationRule: VIEW_ITEM,
  updateOrchestrationRule: ADMIN_ITEM,
  deleteOrchestrationRule: ADMIN_ITEM,
  // Developers fire custom events on their team's farms (orchestration:fire, team scope).
  fireFarmEvent: TEAM_FARM,
  listFarmExecutions: VIEW,
  listServerExecutions: VIEW,
  // An execution by id: its farm decides, as for listFarmExecutions (404, not 403, elsewhere: see below).
  getExecution: VIEW_ITEM,

  // Sign-up is public (open in the local runtime): each call makes a new account; the sixth from one
  // address in an hour is 429, still 'ok' (past access control).
  signUp: ANYONE,
  // Public: locally (no email verification) verify is 409 and resend 202, past access control.
  verifySignUpEmail: ANYONE,
  resendSignUpCode: ANYONE,
  // The platform operator's routes take only an operator token: every account's user is 401.
  listOperatorAccounts: OPERATOR_ONLY,
  suspendAccount: OPERATOR_ONLY,
  resumeAccount: OPERATOR_ONLY,
  deleteAccount: OPERATOR_ONLY,
  receiveGceAuditLogPush: CLOUD_PUSH_ONLY,

  reportAgentEvent: AGENT_ONLY,
  listAgentTasks: AGENT_ONLY,
  startAgentTask: AGENT_ONLY,
  appendAgentTaskOutput: AGENT_ONLY,
  finishAgentTask: AGENT_ONLY,
  reportAgentMetrics: AGENT_ONLY,
  fireAgentCustomEvent: AGENT_ONLY,
};

function expected(operationId: string, caller: Caller): 'ok' | number {
  const value = ACCESS_TABLE[operationId]!.split(/\s+/)[CALLERS.indexOf(caller)]!;
  return value === 'ok' ? 'ok' : Number(value);
}

/** Reads first; then writes, then DELETEs, each the deepest path first (a farm's farm roles before the farm). */
const depth = (r: RouteDef) => r.path.split('{').length;
const deepestFirst = (a: RouteDef, b: RouteDef) => depth(b) - depth(a) || b.path.length - a.path.length;
const ORDERED: RouteDef[] = [
  ...API_ROUTES.filter((r) => r.method === 'GET'),
  ...API_ROUTES.filter((r) => r.method !== 'GET' && r.method !== 'DELETE').sort(deepestFirst),
  ...API_ROUTES.filter((r) => r.method === 'DELETE').sort(deepestFirst),
];

let rt: LocalRuntime;
const observed = new Map<string, { status: number; detail?: string }>();

beforeAll(async () => {
  rt = await startTestRuntime();
  const owner = apiClient(rt.apiUrl, rt.demo.token);
  const seeded = (role: SeedRole) => rt.demo.users!.find((u) => u.role === role)!.userId;
  const other = await seedDemo(rt.deps, {}, 'Other');
  const tokens: Record<Caller, string> = {
    owner: rt.demo.token,
    admin: await rt.mintToken(seeded('admin'), rt.demo.accountId),
    devTeam: await rt.mintToken(seeded('developer-web'), rt.demo.accountId),
    devOther: await rt.mintToken(seeded('developer-data'), rt.demo.accountId),
    readOnly: await rt.mintToken(seeded('read-only'), rt.demo.accountId),
    other: await rt.mintToken(other.userId, other.accountId),
  };
  for (const caller of CALLERS) {
    const ids = await createSampleIds(rt, owner, `table-${caller}`, {
      status: 'Running',
      instanceId: `i-0${caller.length}23456789abcdef0`,
    });
    await makeTeamFarm(ids);
    // An entry of the environment, whatever the samples wrote last (account-level entries are for admins).
    ids.auditId = (await owner.get(`/v1/audit?resourceId=${ids.farmId}&limit=1`)).body.items[0].id;
    const api: ApiClient = apiClient(rt.apiUrl);
    for (const route of ORDERED) {
      if (!ACCESS_TABLE[route.operationId]) continue;
      const body = VALID_BODIES[route.operationId]?.(ids);
      const res = await api.call(route.method, fillPath(route, ids), {
        body,
        headers: { ...authFor({ ...route, auth: true }, ids, tokens[caller]), 'if-match': '*' },
      });
      observed.set(`${route.operationId}/${caller}`, { status: res.status, detail: res.body?.detail });
    }
  }
}, 180_000);
afterAll(() => rt?.stop());

/** The sample farm belongs to team web, so devTeam's team-scoped rights reach it. */
async function makeTeamFarm(ids: Ids) {
  const scope = { accountId: rt.demo.accountId };
  const farm = (await rt.deps.store.farms.get(scope, ids.farmId))!;
  await rt.deps.store.farms.update(
    { ...farm, ownerTeamId: rt.demo.teamIds!.web, version: farm.version + 1 },
    farm.version,
    farm.name,
  );
}

describe('the access table', () => {
  it('has a row of six expected statuses for every route', () => {
    const missing = API_ROUTES.filter((r) => !ACCESS_TABLE[r.operationId]).map((r) => r.operationId);
    expect(missing, 'add these routes to ACCESS_TABLE (see the header)').toEqual([]);
    for (const [op, row] of Object.entries(ACCESS_TABLE)) {
      expect(row.split(/\s+/), op).toHaveLength(6);
    }
  });

  const cases = API_ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
  it.each(cases)('$route.operationId as $caller', ({ route, caller }) => {
    if (!ACCESS_TABLE[route.operationId]) return;
    const got = observed.get(`${route.operationId}/${caller}`)!;
    const want = expected(route.operationId, caller);
    const what = `${route.method} ${route.path} as ${caller}: ${got.status} ${got.detail ?? ''}`;
    if (want === 'ok') {
      expect(got.status, what).toBeLessThan(500);
      expect([401, 403, 404], what).not.toContain(got.status);
    } else {
      expect(got.status, what).toBe(want);
    }
    if (got.status === 403)
      expect(got.detail, what).toMatch(new RegExp(`^Refused \\(${route.operationId}\\): `));
  });
});

// Executions are read by id and per script across the account. A user sees those of farms they may
// view: an execution of a farm in an environment none of their teams is granted is 404 by id and
// absent from its script's list (owners and admins see every environment).
describe('executions of a farm the caller cannot see', () => {
  const SEES = { owner: true, admin: true, devTeam: false, devOther: false, readOnly: false, other: false };
  let elsewhere: { scriptId: string; executionId: string };
  const tokens = {} as Record<Caller, string>;

  beforeAll(async () => {
    const owner = apiClient(rt.apiUrl, rt.demo.token);
    const env = (await owner.post('/v1/environments', { name: `restricted-${Date.now()}` })).body;
    const roleId = (await owner.post('/v1/roles', role(env.id))).body.id;
    const credId = (
      await owner.post(`/v1/environments/${env.id}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD))
    ).body.id;
    const hidden = (
      await owner.post(`/v1/environments/${env.id}/farms`, farm('hidden', [awsFarmRole(roleId, credId)]))
    ).body;
    const server = await createServerRecord(rt.deps.store, hidden, { status: 'Running' });
    elsewhere = await createOrchestrationSamples(owner, rt.deps.store, {
      accountId: rt.demo.accountId,
      environmentId: env.id,
      farmId: hidden.id,
      farmRoleId: hidden.farmRoles[0].id,
      serverId: server.id,
    });
    const seeded = (r: SeedRole) => rt.demo.users!.find((u) => u.role === r)!.userId;
    const other = await seedDemo(rt.deps, {}, 'Other elsewhere');
    Object.assign(tokens, {
      owner: rt.demo.token,
      admin: await rt.mintToken(seeded('admin'), rt.demo.accountId),
      devTeam: await rt.mintToken(seeded('developer-web'), rt.demo.accountId),
      devOther: await rt.mintToken(seeded('developer-data'), rt.demo.accountId),
      readOnly: await rt.mintToken(seeded('read-only'), rt.demo.accountId),
      other: await rt.mintToken(other.userId, other.accountId),
    });
  });

  it.each(CALLERS)('getExecution as %s', async (caller) => {
    const res = await apiClient(rt.apiUrl, tokens[caller]).get(`/v1/executions/${elsewhere.executionId}`);
    expect(res.status).toBe(SEES[caller] ? 200 : 404);
  });

  it.each(CALLERS)('listScriptExecutions as %s', async (caller) => {
    const res = await apiClient(rt.apiUrl, tokens[caller]).get(
      `/v1/scripts/${elsewhere.scriptId}/executions`,
    );
    if (caller === 'other') return expect(res.status).toBe(404);
    expect(res.status).toBe(200);
    const ids = (res.body.items as { id: string }[]).map((e) => e.id);
    expect(ids).toEqual(SEES[caller] ? [elsewhere.executionId] : []);
  });
});
