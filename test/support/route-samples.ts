// For every route of the API: how to fill its path and a valid body, so table-driven tests
// (bad input, tenant isolation) cover every route. A route missing here fails those tests.
import { API_ROUTES, type RouteDef } from '../../functions/handlers/api/routes';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from './fixtures';

export interface Ids {
  environmentId: string;
  credentialsId: string;
  roleId: string;
  farmId: string;
  serverId: string;
  /** A valid agent token for serverId. */
  agentToken: string;
}

export const VALID_BODIES: Record<string, (ids: Ids) => unknown> = {
  createEnvironment: () => ({ name: 'env-x' }),
  updateEnvironment: () => ({ name: 'env-y', description: 'changed' }),
  createCredentials: () => awsAccessKeyCredentials(),
  updateCredentials: () => awsAccessKeyCredentials(),
  createRole: (ids) => role(ids.environmentId),
  updateRole: (ids) => role(ids.environmentId),
  createFarm: (ids) => farm('farm-x', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  updateFarm: (ids) => farm('farm-y', [awsFarmRole(ids.roleId, ids.credentialsId)]),
  reportAgentEvent: () => ({ name: 'HostInit' }),
};

/** Bad bodies per operation: the body, and the field path the API must name. */
export const BAD_BODIES: Record<string, { why: string; body: (ids: Ids) => unknown; path: string }[]> = {
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
  reportAgentEvent: [
    { why: 'unknown event name', body: () => ({ name: 'HostExploded' }), path: 'name' },
    { why: 'payload not an object', body: () => ({ name: 'HostUp', payload: 'x' }), path: 'payload' },
  ],
};

/** The headers a route's caller sends: a user's token, or for agent routes the server's own. */
export function authFor(route: RouteDef, ids: Ids, userToken: string): Record<string, string> {
  return { authorization: `Bearer ${route.auth === 'agent' ? ids.agentToken : userToken}` };
}

export function fillPath(route: RouteDef, ids: Ids): string {
  return route.path
    .replace('/api', '')
    .replace('{environmentId}', ids.environmentId)
    .replace('{credentialsId}', ids.credentialsId)
    .replace('{roleId}', ids.roleId)
    .replace('{farmId}', ids.farmId)
    .replace('{serverId}', ids.serverId)
    .concat(SAMPLE_QUERIES[route.operationId] ?? '');
}

/** Routes whose query has a required part: a valid one, so the request reaches the operation. */
const SAMPLE_QUERIES: Record<string, string> = {
  listCredentialsInstanceTypes: '?region=us-east-1',
};

export const ROUTES_WITH_BODY = API_ROUTES.filter((r) => r.body);
export const ROUTES_WITH_PARAMS = API_ROUTES.filter((r) => r.params);
