// For every route of the API: how to fill its path and a valid body, so table-driven tests
// (bad input, tenant isolation) cover every route. A route missing here fails those tests.

import { API_ROUTES, type RouteDef } from '../../functions/contract/routes';
import { DEFAULT_RETENTION } from '../../functions/domain/schemas/retention';
import type { Server } from '../../functions/domain/schemas/server';
import { DEMO_EMAIL, DEMO_PASSWORD, type LocalRuntime } from '../../local/runtime';
import { AGENT_BAD_BODIES, AGENT_VALID_BODIES } from './agent-samples';
import type { ApiClient } from './api-client';
import { createFarmTaskSamples, FARM_TASK_BAD_BODIES, FARM_TASK_VALID_BODIES } from './farm-task-samples';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from './fixtures';
import {
  createOrchestrationSamples,
  fillOrchestrationPath,
  ORCHESTRATION_BAD_BODIES,
  ORCHESTRATION_VALID_BODIES,
  type OrchestrationIds,
} from './orchestration-samples';
import { createPolicySamples, POLICY_BAD_BODIES, POLICY_VALID_BODIES } from './policy-samples';
import { createServerRecord } from './server-record';

export interface Ids {
  environmentId: string;
  credentialsId: string;
  roleId: string;
  farmId: string;
  farmRoleId: string;
  serverId: string;
  /** A valid agent token for serverId. */
  agentToken: string;
  endpointId: string;
  webhookId: string;
  deliveryId: string;
  /** Orchestration samples (createOrchestrationSamples): a script, a rule using it, an execution. */
  scriptId: OrchestrationIds['scriptId'];
  ruleId: OrchestrationIds['ruleId'];
  executionId: OrchestrationIds['executionId'];
  /** Access samples (createAccessSamples): a user, a team, a custom ACL role, an API token of the caller. */
  userId: string;
  teamId: string;
  aclRoleId: string;
  tokenId: string;
  auditId: string;
  policyId: string;
  leaseRequestId: string;
  /** A paused scheduled task of the sample farm (farm-task-samples.ts). */
  taskId: string;
  /** The account that owns these samples, for the operator's account routes. */
  accountId?: string;
  /** The runtime's platform operator token: the operator routes' caller (authFor). */
  operatorToken?: string;
  /** A push token the GCE sandbox signed, as Pub/Sub's: the cloud-events routes' caller (authFor). */
  cloudPushToken?: string;
}

/** An unroutable receiver: a test event to it fails at once (connection refused), and is recorded. */
export const NOWHERE = 'http://127.0.0.1:9/hook';
/** A cloud endpoint nothing listens on (the discard port): calls fail at once, on this machine. */
export const NOWHERE_CLOUD = 'http://127.0.0.1:9';

/** A webhook endpoint, a webhook on it and a (failed) test delivery, for the webhooks routes. */
export async function createWebhookSamples(
  api: { post(path: string, body?: unknown): Promise<{ body: any }> },
  environmentId: string,
): Promise<Pick<Ids, 'endpointId' | 'webhookId' | 'deliveryId'>> {
  const base = `/v1/environments/${environmentId}`;
  const endpointId = (await api.post(`${base}/webhook-endpoints`, { url: NOWHERE })).body.id;
  const webhookId = (
    await api.post(`${base}/webhooks`, { name: 'samples', endpointIds: [endpointId], events: ['HostUp'] })
  ).body.id;
  const deliveryId = (await api.post(`${base}/webhook-endpoints/${endpointId}/test`)).body.id;
  return { endpointId, webhookId, deliveryId };
}

/** A user, a team granting them the environment read-only, a custom ACL role and an API token of the caller. */
export async function createAccessSamples(
  api: { post(path: string, body?: unknown): Promise<{ body: any }> },
  environmentId: string,
): Promise<Pick<Ids, 'userId' | 'teamId' | 'aclRoleId' | 'tokenId'>> {
  const userId = (await api.post('/v1/users', { email: uniqueEmail('sample'), name: 'Sample User' })).body.id;
  const teamId = (
    await api.post('/v1/teams', {
      name: `samples-${userId.slice(-8)}`,
      memberIds: [userId],
      grants: [{ environmentId, aclRoleId: 'read-only' }],
    })
  ).body.id;
  const aclRoleId = (
    await api.post('/v1/acl-roles', { name: 'samples', permissions: { 'farms:view': 'all' } })
  ).body.id;
  const tokenId = (await api.post('/v1/api-tokens', { name: 'samples', expiresInDays: 1 })).body.id;
  return { userId, teamId, aclRoleId, tokenId };
}

let emails = 0;
const uniqueEmail = (what: string) => `${what}-${process.pid}-${Date.now()}-${++emails}@example.com`;

export const VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  signUp: () => ({ accountName: 'Sample Co', email: uniqueEmail('signup'), password: 'Sample-password-42!' }),
  verifySignUpEmail: () => ({ email: uniqueEmail('verify'), code: '123456' }),
  resendSignUpCode: () => ({ email: uniqueEmail('resend') }),
  suspendAccount: () => ({ reason: 'sample suspension' }),
  signIn: () => ({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  // An audit log entry about an instance no farm has: acknowledged, nothing woken.
  receiveGceAuditLogPush: () => ({
    message: {
      data: Buffer.from(
        JSON.stringify({
          protoPayload: {
            methodName: 'v1.compute.instances.delete',
            resourceName: 'projects/drover-sandbox/zones/us-central1-a/instances/no-such-instance',
          },
        }),
      ).toString('base64'),
      messageId: '1',
    },
    subscription: 'projects/drover-sandbox/subscriptions/drover-gce-audit-logs',
  }),
  // Well-formed; the local runtime has no temporary passwords, so the session is refused (401).
  completeNewPassword: () => ({
    email: DEMO_EMAIL,
    session: 'no-such-session',
    newPassword: 'New-password-42!',
  }),
  createUser: () => ({ email: uniqueEmail('new'), name: 'New User' }),
  changeUserAccountRole: () => ({ accountRole: 'admin' }),
  putRetention: () => ({ ...DEFAULT_RETENTION, executionDays: 7 }),
  createTeam: (ids) => ({
    name: `team-${++emails}`,
    grants: [{ environmentId: ids.environmentId, aclRoleId: 'read-only' }],
  }),
  updateTeam: (ids) => ({
    name: `team-${++emails}`,
    memberIds: [ids.userId],
    grants: [{ environmentId: ids.environmentId, aclRoleId: ids.aclRoleId }],
  }),
  createAclRole: () => ({ name: 'ops', permissions: { 'farms:launch': 'team', 'farms:view': 'all' } }),
  updateAclRole: () => ({ name: 'ops', description: 'changed', permissions: { 'farms:view': 'all' } }),
  createApiToken: () => ({ name: 'ci', expiresInDays: 30, permissions: ['farms:view'] }),
  createEnvironment: () => ({ name: 'env-x' }),
  updateEnvironment: () => ({ name: 'env-y', description: 'changed' }),
  createCredentials: () => awsAccessKeyCredentials(NOWHERE_CLOUD),
  updateCredentials: () => awsAccessKeyCredentials(NOWHERE_CLOUD),
  createRole: (ids) => role(ids.environmentId),
  updateRole: (ids) => role(ids.environmentId),
  createFarm: (ids) => farm('farm-x', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  updateFarm: (ids) => farm('farm-y', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  planFarm: (ids) => farm('farm-y', [awsFarmRole(ids.roleId, ids.credentialsId, { minInstances: 2 })]),
  planNewFarm: (ids) => farm('farm-z', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  reportAgentEvent: () => ({ name: 'HostInit' }),
  ...AGENT_VALID_BODIES,
  createWebhookEndpoint: () => ({ url: NOWHERE }),
  updateWebhookEndpoint: () => ({ url: NOWHERE, description: 'changed', headers: { 'X-Team': 'ops' } }),
  rotateWebhookEndpointSecret: () => ({ overlapSeconds: 60 }),
  createWebhook: (ids) => ({ name: 'hook', endpointIds: [ids.endpointId], events: ['HostUp'] }),
  updateWebhook: (ids) => ({ name: 'hook', endpointIds: [ids.endpointId], events: ['*'], maxAttempts: 2 }),
  ...ORCHESTRATION_VALID_BODIES,
  ...Object.fromEntries(
    ['Account', 'Environment', 'Role', 'Farm', 'FarmRole', 'Server'].map((scope) => [
      `put${scope}Variables`,
      () => ({ variables: [{ name: 'APP_PORT', value: '8080', description: 'sample' }] }),
    ]),
  ),
  ...POLICY_VALID_BODIES,
  ...FARM_TASK_VALID_BODIES,
  // A well-formed push; the sample farm role has no pushed rule, so past access control it is a 400.
  pushFarmRoleMetrics: () => ({ metrics: { sessions: 5 } }),
};

/** Bad bodies per operation: the body, and the field path the API must name. */
export const BAD_BODIES: Record<string, { why: string; body: (ids: Ids) => unknown; path: string }[]> = {
  receiveGceAuditLogPush: [
    { why: 'no message', body: () => ({ subscription: 's' }), path: 'message' },
    {
      why: 'data that is not base64',
      body: () => ({ message: { data: '%%%', messageId: '1' }, subscription: 's' }),
      path: 'message.data',
    },
  ],
  verifySignUpEmail: [
    { why: 'a code that is not digits', body: () => ({ email: 'a@example.com', code: 'abc' }), path: 'code' },
    { why: 'no email', body: () => ({ code: '123456' }), path: 'email' },
  ],
  resendSignUpCode: [{ why: 'not an email', body: () => ({ email: 'a' }), path: 'email' }],
  signUp: [
    {
      why: 'not an email',
      body: () => ({ accountName: 'A', email: 'a', password: 'long-enough-1' }),
      path: 'email',
    },
    {
      why: 'a short password',
      body: () => ({ accountName: 'A', email: 'a@example.com', password: 'x' }),
      path: 'password',
    },
    {
      why: 'no account name',
      body: () => ({ email: 'a@example.com', password: 'long-enough-1' }),
      path: 'accountName',
    },
  ],
  suspendAccount: [{ why: 'no reason', body: () => ({}), path: 'reason' }],
  signIn: [
    { why: 'not an email', body: () => ({ email: 'demo', password: 'x' }), path: 'email' },
    { why: 'no password', body: () => ({ email: DEMO_EMAIL }), path: 'password' },
  ],
  completeNewPassword: [
    {
      why: 'no session',
      body: () => ({ email: DEMO_EMAIL, newPassword: 'New-password-42!' }),
      path: 'session',
    },
    {
      why: 'an empty new password',
      body: () => ({ email: DEMO_EMAIL, session: 's', newPassword: '' }),
      path: 'newPassword',
    },
  ],
  createUser: [
    { why: 'not an email', body: () => ({ email: 'nobody', name: 'N' }), path: 'email' },
    {
      why: 'unknown account role',
      body: () => ({ email: 'a@example.com', name: 'N', accountRole: 'god' }),
      path: 'accountRole',
    },
    {
      why: 'a short password',
      body: () => ({ email: 'a@example.com', name: 'N', initialPassword: 'x' }),
      path: 'initialPassword',
    },
  ],
  changeUserAccountRole: [
    { why: 'unknown account role', body: () => ({ accountRole: 'root' }), path: 'accountRole' },
  ],
  putRetention: [
    {
      why: 'audit kept less than its minimum',
      body: () => ({ ...DEFAULT_RETENTION, auditDays: 30 }),
      path: 'auditDays',
    },
    {
      why: 'executions kept beyond their maximum',
      body: () => ({ ...DEFAULT_RETENTION, executionDays: 366 }),
      path: 'executionDays',
    },
    {
      why: 'a kind left out',
      body: () => ({ ...DEFAULT_RETENTION, farmEventDays: undefined }),
      path: 'farmEventDays',
    },
    { why: 'an unknown kind', body: () => ({ ...DEFAULT_RETENTION, serverDays: 10 }), path: '' },
  ],
  createTeam: [
    {
      why: 'a grant of no environment id',
      body: () => ({ name: 't', grants: [{ environmentId: 'nope', aclRoleId: 'developer' }] }),
      path: 'grants.0.environmentId',
    },
    {
      why: 'an unknown built-in ACL role',
      body: (ids) => ({ name: 't', grants: [{ environmentId: ids.environmentId, aclRoleId: 'god' }] }),
      path: 'grants.0.aclRoleId',
    },
  ],
  updateTeam: [
    {
      why: 'a member that is not a user id',
      body: () => ({ name: 't', memberIds: ['x'] }),
      path: 'memberIds.0',
    },
  ],
  createAclRole: [
    {
      why: 'a scope on a resource other than farms and servers',
      body: () => ({ name: 'r', permissions: { 'roles:view': 'team' } }),
      path: 'permissions.roles:view',
    },
  ],
  updateAclRole: [{ why: 'empty name', body: () => ({ name: '', permissions: {} }), path: 'name' }],
  createApiToken: [
    { why: 'no expiry days', body: () => ({ name: 't', expiresInDays: 0 }), path: 'expiresInDays' },
    {
      why: 'an unknown permission',
      body: () => ({ name: 't', permissions: ['farms:fly'] }),
      path: 'permissions.0',
    },
  ],
  createEnvironment: [
    { why: 'name missing', body: () => ({}), path: 'name' },
    { why: 'name of the wrong type', body: () => ({ name: 7 }), path: 'name' },
    { why: 'unknown field', body: () => ({ name: 'ok', colour: 'red' }), path: '' },
  ],
  updateEnvironment: [{ why: 'empty name', body: () => ({ name: '' }), path: 'name' }],
  createCredentials: [
    {
      why: 'unknown platform',
      body: () => ({ ...awsAccessKeyCredentials(), platform: 'azure' }),
      path: 'platform',
    },
    {
      why: 'secret too short',
      body: () => ({
        ...awsAccessKeyCredentials(),
        auth: { type: 'accessKey', accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'x' },
      }),
      path: 'auth.secretAccessKey',
    },
    {
      why: 'bad role ARN',
      body: () => ({
        platform: 'aws',
        name: 'r',
        auth: { type: 'assumeRole', roleArn: 'nope', externalId: 'abc' },
      }),
      path: 'auth.roleArn',
    },
    {
      why: 'endpoint not a URL',
      body: () => ({ ...awsAccessKeyCredentials(), endpoint: 'ftp://x' }),
      path: 'endpoint',
    },
  ],
  updateCredentials: [
    { why: 'name missing', body: () => ({ ...awsAccessKeyCredentials(), name: undefined }), path: 'name' },
  ],
  createRole: [
    { why: 'no images', body: (ids) => ({ ...role(ids.environmentId), images: [] }), path: 'images' },
    {
      why: 'bad os family',
      body: (ids) => ({ ...role(ids.environmentId), osFamily: 'beos' }),
      path: 'osFamily',
    },
    {
      why: 'duplicate image location',
      body: (ids) => ({ ...role(ids.environmentId), images: [role().images[0], role().images[0]] }),
      path: 'images.1.location',
    },
  ],
  updateRole: [
    {
      why: 'bad image location',
      body: (ids) => ({
        ...role(ids.environmentId),
        images: [{ platform: 'aws', location: 'Moon', imageId: 'ami-1' }],
      }),
      path: 'images.0.location',
    },
  ],
  createFarm: [
    {
      why: 'min above max',
      body: (ids) =>
        farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { minInstances: 5, maxInstances: 2 })]),
      path: 'farmRoles.0.minInstances',
    },
    {
      why: 'zone outside the region',
      body: (ids) => farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { zones: ['eu-west-1a'] })]),
      path: 'farmRoles.0.zones.0',
    },
    {
      why: 'duplicate alias',
      body: (ids) =>
        farm('f', [awsFarmRole(ids.roleId, ids.credentialsId), awsFarmRole(ids.roleId, ids.credentialsId)]),
      path: 'farmRoles.1.alias',
    },
    {
      why: 'negative volume size',
      body: (ids) =>
        farm('f', [
          awsFarmRole(ids.roleId, ids.credentialsId, { volumes: [{ sizeGiB: -1, mountPoint: '/d' }] }),
        ]),
      path: 'farmRoles.0.volumes.0.sizeGiB',
    },
    {
      why: 'bad subnet id',
      body: (ids) =>
        farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { network: { subnetIds: ['net-1'] } })]),
      path: 'farmRoles.0.network.subnetIds.0',
    },
  ],
  updateFarm: [
    {
      why: 'maxInstances not an integer',
      body: (ids) => farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { maxInstances: 2.5 })]),
      path: 'farmRoles.0.maxInstances',
    },
    {
      why: 'lease not a date',
      body: (_ids) => ({ ...farm('f'), leaseExpiresAt: 'tomorrow' }),
      path: 'leaseExpiresAt',
    },
  ],
  planFarm: [
    {
      why: 'min above max',
      body: (ids) =>
        farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { minInstances: 3, maxInstances: 1 })]),
      path: 'farmRoles.0.minInstances',
    },
  ],
  planNewFarm: [
    {
      why: 'zone outside the region',
      body: (ids) => farm('f', [awsFarmRole(ids.roleId, ids.credentialsId, { zones: ['eu-west-1a'] })]),
      path: 'farmRoles.0.zones.0',
    },
  ],
  createWebhookEndpoint: [
    { why: 'url not a URL', body: () => ({ url: 'not a url' }), path: 'url' },
    { why: 'url not http(s)', body: () => ({ url: 'ftp://example.com/x' }), path: 'url' },
    { why: 'url with a password', body: () => ({ url: 'https://u:p@example.com/x' }), path: 'url' },
    {
      why: 'a Drover-* header',
      body: () => ({ url: NOWHERE, headers: { 'Drover-Signature': 'v1=forged' } }),
      path: 'headers.Drover-Signature',
    },
    {
      why: 'a hop-by-hop header',
      body: () => ({ url: NOWHERE, headers: { Connection: 'close' } }),
      path: 'headers.Connection',
    },
    { why: 'timeout of 0', body: () => ({ url: NOWHERE, timeoutSeconds: 0 }), path: 'timeoutSeconds' },
  ],
  updateWebhookEndpoint: [
    {
      why: 'a header value with a line break',
      body: () => ({ url: NOWHERE, headers: { 'X-Team': 'a\r\nX-Evil: 1' } }),
      path: 'headers.X-Team',
    },
  ],
  rotateWebhookEndpointSecret: [
    { why: 'negative overlap', body: () => ({ overlapSeconds: -1 }), path: 'overlapSeconds' },
  ],
  createWebhook: [
    {
      why: 'no events',
      body: (ids) => ({ name: 'w', endpointIds: [ids.endpointId], events: [] }),
      path: 'events',
    },
    {
      why: 'an event name with a space',
      body: (ids) => ({ name: 'w', endpointIds: [ids.endpointId], events: ['Host Up'] }),
      path: 'events.0',
    },
    {
      why: 'a repeated event',
      body: (ids) => ({ name: 'w', endpointIds: [ids.endpointId], events: ['HostUp', 'HostUp'] }),
      path: 'events.1',
    },
    { why: 'no endpoints', body: () => ({ name: 'w', events: ['HostUp'] }), path: 'endpointIds' },
    {
      why: 'too many attempts',
      body: (ids) => ({ name: 'w', endpointIds: [ids.endpointId], events: ['*'], maxAttempts: 11 }),
      path: 'maxAttempts',
    },
  ],
  updateWebhook: [
    {
      why: 'a farm filter that is not a farm id',
      body: (ids) => ({ name: 'w', endpointIds: [ids.endpointId], events: ['*'], farmIds: ['nope'] }),
      path: 'farmIds.0',
    },
  ],
  ...POLICY_BAD_BODIES,
  ...Object.fromEntries(
    ['Account', 'Environment', 'Role', 'Farm', 'FarmRole', 'Server'].map((scope) => [
      `put${scope}Variables`,
      [
        {
          why: 'a reserved DROVER_ name',
          body: () => ({ variables: [{ name: 'DROVER_X' }] }),
          path: 'variables.0.name',
        },
        {
          why: 'a pattern that could backtrack (RE2 has no backreferences)',
          body: () => ({ variables: [{ name: 'P', validationPattern: '(a+)\\1' }] }),
          path: 'variables.0.validationPattern',
        },
        {
          why: 'a name twice',
          body: () => ({ variables: [{ name: 'A' }, { name: 'A' }] }),
          path: 'variables.1.name',
        },
      ],
    ]),
  ),
  ...ORCHESTRATION_BAD_BODIES,
  ...AGENT_BAD_BODIES,
  ...FARM_TASK_BAD_BODIES,
  pushFarmRoleMetrics: [
    { why: 'no metric', body: () => ({ metrics: {} }), path: 'metrics' },
    { why: 'a negative value', body: () => ({ metrics: { sessions: -1 } }), path: 'metrics.sessions' },
    {
      why: 'a name with a space',
      body: () => ({ metrics: { 'open sessions': 1 } }),
      path: 'metrics.open sessions',
    },
    { why: 'at not a time', body: () => ({ metrics: { sessions: 1 }, at: 'now' }), path: 'at' },
  ],
  reportAgentEvent: [
    { why: 'unknown event name', body: () => ({ name: 'HostExploded' }), path: 'name' },
    { why: 'payload not an object', body: () => ({ name: 'HostUp', payload: 'x' }), path: 'payload' },
  ],
};

/** The headers a route's caller sends: a user's token, or for agent routes the server's own. */
export function authFor(route: RouteDef, ids: Ids, userToken: string): Record<string, string> {
  if (route.auth === 'operator' && ids.operatorToken) return { authorization: `Bearer ${ids.operatorToken}` };
  if (route.auth === 'cloud-push' && ids.cloudPushToken)
    return { authorization: `Bearer ${ids.cloudPushToken}` };
  return { authorization: `Bearer ${route.auth === 'agent' ? ids.agentToken : userToken}` };
}

export function fillPath(route: RouteDef, ids: Ids): string {
  return (
    fillOrchestrationPath(route.path, ids)
      .replace('/api', '')
      .replace('{environmentId}', ids.environmentId)
      .replace('{credentialsId}', ids.credentialsId)
      .replace('{roleId}', ids.roleId)
      .replace('{farmId}', ids.farmId)
      .replace('{farmRoleId}', ids.farmRoleId)
      .replace('{serverId}', ids.serverId)
      .replace('{endpointId}', ids.endpointId)
      .replace('{webhookId}', ids.webhookId)
      .replace('{deliveryId}', ids.deliveryId)
      .replace('{userId}', ids.userId)
      .replace('{teamId}', ids.teamId)
      .replace('{aclRoleId}', ids.aclRoleId)
      .replace('{tokenId}', ids.tokenId)
      .replace('{auditId}', ids.auditId)
      .replace('{policyId}', ids.policyId)
      .replace('{requestId}', ids.leaseRequestId)
      .replace('{taskId}', ids.taskId)
      // The sample farm's one farm role (fixtures' awsFarmRole).
      .replace('{alias}', 'web')
      .replace('{accountId}', ids.accountId ?? 'acc-01h00000000000000000000000')
      .concat(SAMPLE_QUERIES[route.operationId] ?? '')
  );
}

/** Routes whose query has a required part: a valid one, so the request reaches the operation. */
const SAMPLE_QUERIES: Record<string, string> = {
  listCredentialsInstanceTypes: '?region=us-east-1',
  listCredentialsPlacementChoices: '?region=us-east-1',
};

export const ROUTES_WITH_BODY = API_ROUTES.filter((r) => r.body);
export const ROUTES_WITH_PARAMS = API_ROUTES.filter((r) => r.params);

/**
 * One of everything a route can name, owned by the runtime's demo account: a role, credentials,
 * a farm with a server record (and its agent token) and the webhook samples.
 */
export async function createSampleIds(
  rt: LocalRuntime,
  api: ApiClient,
  farmName: string,
  server: Partial<Server> = {},
  /** Whose samples (default: the demo account's; tenancy-table.test.ts makes a signed-up account's too). */
  owner: { accountId: string; environmentId: string } = rt.demo,
): Promise<Ids> {
  const environmentId = owner.environmentId;
  const roleId = (await api.post('/v1/roles', role(environmentId))).body.id;
  const credentialsId =
    // An endpoint that refuses at once: a sample farm the tests launch must never reach real AWS.
    (await api.post(`/v1/environments/${environmentId}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD)))
      .body.id;
  const created = (
    await api.post(
      `/v1/environments/${environmentId}/farms`,
      farm(farmName, [awsFarmRole(roleId, credentialsId)]),
    )
  ).body;
  const serverId = (await createServerRecord(rt.deps.store, created, server)).id;
  const agentToken = rt.deps.agentTokens.issue({
    accountId: owner.accountId,
    farmId: created.id,
    serverId,
  });
  return {
    environmentId,
    roleId,
    credentialsId,
    farmId: created.id,
    farmRoleId: created.farmRoles[0].id,
    serverId,
    agentToken,
    ...(await createWebhookSamples(api, environmentId)),
    ...(await createOrchestrationSamples(api, rt.deps.store, {
      accountId: owner.accountId,
      environmentId,
      farmId: created.id,
      farmRoleId: created.farmRoles[0].id,
      serverId,
    })),
    ...(await createAccessSamples(api, environmentId)),
    // Creating the samples above wrote the audit log.
    auditId: (await api.get('/v1/audit?limit=1')).body.items[0].id,
    ...(await createPolicySamples(api, environmentId, created.id)),
    ...(await createFarmTaskSamples(api, created.id)),
    accountId: owner.accountId,
    operatorToken: rt.operatorToken,
    cloudPushToken: await rt.sandboxes.gce.auditLogs.token(),
  };
}
