// The API's routing table: data, defined once. infra/ turns it into API Gateway routes and
// one Lambda per group; local/ dispatches HTTP requests with it; the OpenAPI document is
// generated from it. Handlers for a group live in `functions/handlers/api/<group>.ts`.
import { z } from 'zod';
import type { AccountAdminAction, Permission } from '../../domain/access/permissions';
import {
  Account,
  CloudCredentials,
  CloudCredentialsInput,
  CloudLocationList,
  ConnectionTestResult,
  Environment,
  EnvironmentInput,
  Farm,
  FarmEvent,
  FarmSpec,
  FarmStatusView,
  InstanceTypeList,
  InstanceTypesQuery,
  idOf,
  PageQuery,
  pageOf,
  Role,
  RoleInput,
  Server,
} from '../../domain/schemas';
import { JsonPayload } from '../../domain/schemas/bounded-numbers';
import { ACCESS_ROUTES } from './access-routes';
import { ACCOUNTS_ROUTES } from './accounts-routes';
import { AGENT_ROUTES } from './agent-routes';
import { AUDIT_ROUTES } from './audit-routes';
import { META_ROUTES } from './meta-routes';
import { CUSTOM_EVENT_ROUTES, ORCHESTRATION_ROUTES } from './orchestration-routes';
import { POLICY_ROUTES } from './policy-routes';
import { RETENTION_ROUTES } from './retention-routes';
import { VARIABLE_ROUTES } from './variable-routes';
import { WEBHOOK_ROUTES } from './webhook-routes';

export const API_GROUPS = [
  'account',
  'environments',
  'credentials',
  'roles',
  'farms',
  'lifecycle',
  'servers',
  'agent',
  'webhooks',
  'variables',
  'audit',
  'policies',
  'access',
  'orchestration',
  'meta',
] as const;
export type ApiGroup = (typeof API_GROUPS)[number];
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway syntax: `/api/v1/farms/{farmId}`. */
  path: string;
  group: ApiGroup;
  summary: string;
  /**
   * true: a user or API token; 'agent': a server's own agent token; 'operator': a platform
   * operator's token (outside every account); false: public (the OpenAPI document, sign-in, sign-up).
   */
  auth: boolean | 'agent' | 'operator';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status and shape of the success response; undefined for 204. */
  response?: { status: number; schema: z.ZodType };
  /** The resource is versioned: GET answers an ETag, writes take If-Match. */
  versioned?: boolean;
  /**
   * What the caller must be allowed, checked in one place (the authorize middleware) against the
   * resource the path names: a Permission is checked against the environment of the path's
   * environmentId or farmId (with the farm's owner for farm scopes); an AccountAdminAction needs
   * the account role owner or admin; 'signed-in' any user of the account (e.g. their own API tokens),
   * in an environment the path names only one their teams are granted; 'none' for public and
   * agent routes (an agent token is bound to its one server by its own check).
   */
  access: Permission | AccountAdminAction | 'signed-in' | 'none';
}

const EnvParams = z.object({ environmentId: idOf('environment') });
const CredParams = EnvParams.extend({ credentialsId: idOf('credentials') });
const RoleParams = z.object({ roleId: idOf('role') });
const FarmParams = z.object({ farmId: idOf('farm') });
const ServerParams = FarmParams.extend({ serverId: idOf('server') });
const ServerList = z.object({ items: z.array(Server) }).meta({ id: 'ServerList' });
const ServerListQuery = z.object({ status: z.enum(['all', 'live']).default('all') });
export const AgentReport = z
  .object({
    name: z.enum(['HostInit', 'BeforeHostUp', 'HostUp', 'BeforeHostUpFailed', 'RebootComplete']),
    message: z.string().max(4096).default(''),
    payload: JsonPayload.default({}),
  })
  .strict()
  .meta({ id: 'AgentReport' });
const AgentReportResult = z
  .object({
    accepted: z.boolean(),
    status: z.string(),
    /** BeforeHostUp: the executions its rules queued for this server (the agent waits until it sees them). */
    executionIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'AgentReportResult' });
const RoleListQuery = PageQuery.extend({ environmentId: idOf('environment').optional() });

export const API_ROUTES: RouteDef[] = [
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/v1/openapi.json',
    group: 'meta',
    summary: 'This API as OpenAPI 3.1',
    access: 'none',
    auth: false,
  },
  {
    operationId: 'getAccount',
    method: 'GET',
    path: '/api/v1/account',
    group: 'account',
    summary: "The caller's account",
    access: 'signed-in',
    auth: true,
    response: { status: 200, schema: Account },
  },

  {
    operationId: 'listEnvironments',
    method: 'GET',
    path: '/api/v1/environments',
    group: 'environments',
    summary: 'List environments',
    access: 'signed-in',
    auth: true,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Environment) },
  },
  {
    operationId: 'createEnvironment',
    method: 'POST',
    path: '/api/v1/environments',
    group: 'environments',
    summary: 'Create an environment',
    access: 'environments:manage',
    auth: true,
    body: EnvironmentInput,
    response: { status: 201, schema: Environment },
  },
  {
    operationId: 'getEnvironment',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Get an environment',
    access: 'signed-in',
    auth: true,
    params: EnvParams,
    response: { status: 200, schema: Environment },
    versioned: true,
  },
  {
    operationId: 'updateEnvironment',
    method: 'PUT',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Replace an environment',
    access: 'environments:manage',
    auth: true,
    params: EnvParams,
    body: EnvironmentInput,
    response: { status: 200, schema: Environment },
    versioned: true,
  },
  {
    operationId: 'deleteEnvironment',
    method: 'DELETE',
    path: '/api/v1/environments/{environmentId}',
    group: 'environments',
    summary: 'Delete an empty environment',
    access: 'environments:manage',
    auth: true,
    params: EnvParams,
    versioned: true,
  },

  {
    operationId: 'listCredentials',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}/credentials',
    group: 'credentials',
    summary: "List an environment's cloud credentials",
    access: 'credentials:view',
    auth: true,
    params: EnvParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(CloudCredentials) },
  },
  {
    operationId: 'createCredentials',
    method: 'POST',
    path: '/api/v1/environments/{environmentId}/credentials',
    group: 'credentials',
    summary: 'Add cloud credentials (secrets are write-only)',
    access: 'credentials:manage',
    auth: true,
    params: EnvParams,
    body: CloudCredentialsInput,
    response: { status: 201, schema: CloudCredentials },
  },
  {
    operationId: 'getCredentials',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}',
    group: 'credentials',
    summary: 'Get cloud credentials (without secrets)',
    access: 'credentials:view',
    auth: true,
    params: CredParams,
    response: { status: 200, schema: CloudCredentials },
    versioned: true,
  },
  {
    operationId: 'updateCredentials',
    method: 'PUT',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}',
    group: 'credentials',
    summary: 'Replace cloud credentials',
    access: 'credentials:manage',
    auth: true,
    params: CredParams,
    body: CloudCredentialsInput,
    response: { status: 200, schema: CloudCredentials },
    versioned: true,
  },
  {
    operationId: 'deleteCredentials',
    method: 'DELETE',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}',
    group: 'credentials',
    summary: 'Delete cloud credentials no farm uses',
    access: 'credentials:manage',
    auth: true,
    params: CredParams,
    versioned: true,
  },
  {
    operationId: 'testCredentials',
    method: 'POST',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}/test',
    group: 'credentials',
    summary: 'Test the connection to the cloud',
    access: 'credentials:manage',
    auth: true,
    params: CredParams,
    response: { status: 200, schema: ConnectionTestResult },
  },
  {
    operationId: 'listCredentialsLocations',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}/locations',
    group: 'credentials',
    summary: 'Regions and zones the cloud offers these credentials',
    access: 'credentials:view',
    auth: true,
    params: CredParams,
    response: { status: 200, schema: CloudLocationList },
  },
  {
    operationId: 'listCredentialsInstanceTypes',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}/credentials/{credentialsId}/instance-types',
    group: 'credentials',
    summary: 'Instance types the cloud offers these credentials in one region',
    access: 'credentials:view',
    auth: true,
    params: CredParams,
    query: InstanceTypesQuery,
    response: { status: 200, schema: InstanceTypeList },
  },

  {
    operationId: 'listRoles',
    method: 'GET',
    path: '/api/v1/roles',
    group: 'roles',
    summary: 'List roles (account-scoped, and of one environment when environmentId is given)',
    access: 'roles:view',
    auth: true,
    query: RoleListQuery,
    response: { status: 200, schema: pageOf(Role) },
  },
  {
    operationId: 'createRole',
    method: 'POST',
    path: '/api/v1/roles',
    group: 'roles',
    summary: 'Create a role',
    access: 'roles:manage',
    auth: true,
    body: RoleInput,
    response: { status: 201, schema: Role },
  },
  {
    operationId: 'getRole',
    method: 'GET',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Get a role',
    access: 'roles:view',
    auth: true,
    params: RoleParams,
    response: { status: 200, schema: Role },
    versioned: true,
  },
  {
    operationId: 'updateRole',
    method: 'PUT',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Replace a role',
    access: 'roles:manage',
    auth: true,
    params: RoleParams,
    body: RoleInput,
    response: { status: 200, schema: Role },
    versioned: true,
  },
  {
    operationId: 'deleteRole',
    method: 'DELETE',
    path: '/api/v1/roles/{roleId}',
    group: 'roles',
    summary: 'Delete a role',
    access: 'roles:manage',
    auth: true,
    params: RoleParams,
    versioned: true,
  },

  {
    operationId: 'listFarms',
    method: 'GET',
    path: '/api/v1/environments/{environmentId}/farms',
    group: 'farms',
    summary: "List an environment's farms",
    access: 'farms:view',
    auth: true,
    params: EnvParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(Farm) },
  },
  {
    operationId: 'createFarm',
    method: 'POST',
    path: '/api/v1/environments/{environmentId}/farms',
    group: 'farms',
    summary: 'Create a farm (Terminated until launched)',
    access: 'farms:create',
    auth: true,
    params: EnvParams,
    body: FarmSpec,
    response: { status: 201, schema: Farm },
  },
  {
    operationId: 'getFarm',
    method: 'GET',
    path: '/api/v1/farms/{farmId}',
    group: 'farms',
    summary: 'Get a farm with its farm roles',
    access: 'farms:view',
    auth: true,
    params: FarmParams,
    response: { status: 200, schema: Farm },
    versioned: true,
  },
  {
    operationId: 'updateFarm',
    method: 'PUT',
    path: '/api/v1/farms/{farmId}',
    group: 'farms',
    summary: "Replace a farm's spec (If-Match required)",
    access: 'farms:update',
    auth: true,
    params: FarmParams,
    body: FarmSpec,
    response: { status: 200, schema: Farm },
    versioned: true,
  },
  {
    operationId: 'deleteFarm',
    method: 'DELETE',
    path: '/api/v1/farms/{farmId}',
    group: 'farms',
    summary: 'Delete a Terminated farm',
    access: 'farms:delete',
    auth: true,
    params: FarmParams,
    versioned: true,
  },
  {
    operationId: 'getFarmStatus',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/status',
    group: 'farms',
    summary: "A farm's status and convergence",
    access: 'farms:view',
    auth: true,
    params: FarmParams,
    response: { status: 200, schema: FarmStatusView },
  },

  {
    operationId: 'launchFarm',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/launch',
    group: 'lifecycle',
    summary: 'Launch a farm: it becomes Launching, then Running once its servers are up',
    access: 'farms:launch',
    auth: true,
    params: FarmParams,
    response: { status: 202, schema: Farm },
  },
  {
    operationId: 'terminateFarm',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/terminate',
    group: 'lifecycle',
    summary: 'Terminate every server of a farm gracefully',
    access: 'farms:terminate',
    auth: true,
    params: FarmParams,
    response: { status: 202, schema: Farm },
  },
  {
    operationId: 'suspendFarm',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/suspend',
    group: 'lifecycle',
    summary: "Stop a farm's instances, keeping them",
    access: 'farms:terminate',
    auth: true,
    params: FarmParams,
    response: { status: 202, schema: Farm },
  },
  {
    operationId: 'resumeFarm',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/resume',
    group: 'lifecycle',
    summary: "Start a suspended farm's instances again",
    access: 'farms:launch',
    auth: true,
    params: FarmParams,
    response: { status: 202, schema: Farm },
  },

  {
    operationId: 'listServers',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/servers',
    group: 'servers',
    summary: "A farm's servers with their live statuses",
    access: 'servers:view',
    auth: true,
    params: FarmParams,
    query: ServerListQuery,
    response: { status: 200, schema: ServerList },
  },
  {
    operationId: 'terminateServer',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/servers/{serverId}/terminate',
    group: 'servers',
    summary: 'Terminate one server (the farm replaces it when below its minimum)',
    access: 'servers:terminate',
    auth: true,
    params: ServerParams,
    response: { status: 202, schema: Server },
  },
  {
    operationId: 'rebootServer',
    method: 'POST',
    path: '/api/v1/farms/{farmId}/servers/{serverId}/reboot',
    group: 'servers',
    summary: 'Reboot one server',
    access: 'servers:reboot',
    auth: true,
    params: ServerParams,
    response: { status: 202, schema: Server },
  },
  {
    operationId: 'listFarmEvents',
    method: 'GET',
    path: '/api/v1/farms/{farmId}/events',
    group: 'servers',
    summary: "A farm's event log, newest first",
    access: 'farms:view',
    auth: true,
    params: FarmParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(FarmEvent) },
  },

  {
    operationId: 'reportAgentEvent',
    method: 'POST',
    path: '/api/v1/agent/events',
    group: 'agent',
    summary: "A server's agent reports a lifecycle event (agent token)",
    access: 'none',
    auth: 'agent',
    body: AgentReport,
    response: { status: 200, schema: AgentReportResult },
  },

  ...WEBHOOK_ROUTES,
  ...ORCHESTRATION_ROUTES,
  ...CUSTOM_EVENT_ROUTES,
  ...ACCESS_ROUTES,
  ...ACCOUNTS_ROUTES,
  ...VARIABLE_ROUTES,
  ...AUDIT_ROUTES,
  ...RETENTION_ROUTES,
  ...POLICY_ROUTES,
  ...AGENT_ROUTES,
  ...META_ROUTES,
];

export function routesOfGroup(group: ApiGroup): RouteDef[] {
  return API_ROUTES.filter((r) => r.group === group);
}
