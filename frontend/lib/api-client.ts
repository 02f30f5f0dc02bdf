// Typed client of the Drover API for the portal. Same-origin `/api/v1` everywhere: the local
// runtime serves both, CloudFront forwards `/api/*`, and `next dev` rewrites it. Every response
// is parsed with the shared zod schema of its route (functions/handlers/api/routes.ts), so a
// drift between API and portal shows up as a clear error instead of an `undefined` on screen.
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../../functions/domain/access/sign-in';
import { Account } from '../../functions/domain/schemas/account';
import {
  type CloudLocation,
  CloudLocationList,
  type InstanceType,
  InstanceTypeList,
} from '../../functions/domain/schemas/cloud-catalog';
import { type Page, pageOf } from '../../functions/domain/schemas/common';
import {
  CloudCredentials,
  type CloudCredentialsInput,
  ConnectionTestResult,
} from '../../functions/domain/schemas/credentials';
import { Environment } from '../../functions/domain/schemas/environment';
import { Farm, type FarmSpecInput } from '../../functions/domain/schemas/farm';
import { FarmEvent } from '../../functions/domain/schemas/farm-event';
import { FarmStatusView } from '../../functions/domain/schemas/farm-status';
import { Role, type RoleInput } from '../../functions/domain/schemas/role';
import { Server } from '../../functions/domain/schemas/server';
import { ApiProblem } from './api-problem';
import { clearSession, readSession, type Session } from './session';

export const API_BASE = '/api/v1';

/** `POST /auth/token`: password sign-in (the local issuer, or Cognito through the API in AWS). */
export const SignInInput = z.object({
  email: z.email('must be an email address'),
  password: z.string().min(1, 'must not be empty'),
});
export type SignInInput = z.infer<typeof SignInInput>;
const TokenResponse = z.object({ accessToken: z.string().min(1), expiresAt: z.string() });
/** `POST /auth/new-password`: an invited user's own password, after the new-password-required problem. */
export const NewPasswordForm = z
  .object({
    newPassword: z.string().min(1, 'must not be empty').max(MAX_PASSWORD_LENGTH),
    repeat: z.string(),
  })
  .refine((f) => f.newPassword === f.repeat, {
    path: ['repeat'],
    message: 'does not match the new password',
  });
export type NewPasswordForm = z.infer<typeof NewPasswordForm>;

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** A versioned resource and its ETag, to send back as If-Match on the next write. */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
  schema: z.ZodType<T>;
  /** false for sign-in itself. */
  auth?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions<T>): Promise<Tagged<T>> {
  // X-Drover-Client tells the audit log a write came from the portal.
  const headers: Record<string, string> = { accept: 'application/json', 'x-drover-client': 'portal' };
  if (options.auth !== false) {
    const session = readSession();
    if (!session)
      throw new ApiProblem({
        type: 'about:blank',
        title: 'Signed out',
        status: 401,
        detail: 'Please sign in.',
      });
    headers.authorization = `Bearer ${session.accessToken}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;

  const url = API_BASE + path + queryString(options.query);
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw ApiProblem.network(error);
  }

  if (!response.ok) {
    const problem = await ApiProblem.fromResponse(response);
    // The token expired or was revoked: forget it so every page sends the user to sign in.
    if (problem.unauthorized && options.auth !== false) clearSession();
    throw problem;
  }
  const etag = response.headers.get('etag');
  const body = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Unexpected response from the API',
      status: response.status,
      detail: `${options.method ?? 'GET'} ${url} does not match the portal's schema`,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return { data: parsed.data, etag };
}

function queryString(query: RequestOptions<unknown>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const pathId = (id: string) => encodeURIComponent(id);
const EnvironmentPage = pageOf(Environment);
const FarmPage = pageOf(Farm);
const RolePage = pageOf(Role);
const CredentialsPage = pageOf(CloudCredentials);
const FarmEventPage = pageOf(FarmEvent);
const ServerList = z.object({ items: z.array(Server) });
const NoContent = z.undefined();

export type LifecycleVerb = 'launch' | 'terminate' | 'suspend' | 'resume';
export type ServerAction = 'terminate' | 'reboot';

/** Follows `nextCursor` until the last page; for the short lists a page header needs whole. */
export async function all<T>(list: (page: PageRequest) => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await list({ limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export const api = {
  async signIn(input: SignInInput, signal?: AbortSignal): Promise<Session> {
    const { data } = await request('/auth/token', {
      method: 'POST',
      body: input,
      schema: TokenResponse,
      auth: false,
      signal,
    });
    return data;
  },
  async completeNewPassword(
    input: { email: string; session: string; newPassword: string },
    signal?: AbortSignal,
  ): Promise<Session> {
    const { data } = await request('/auth/new-password', {
      method: 'POST',
      body: input,
      schema: TokenResponse,
      auth: false,
      signal,
    });
    return data;
  },
  async getAccount(signal?: AbortSignal): Promise<Account> {
    return (await request('/account', { schema: Account, signal })).data;
  },
  async listEnvironments(page: PageRequest = {}, signal?: AbortSignal): Promise<Page<Environment>> {
    return (await request('/environments', { query: { ...page }, schema: EnvironmentPage, signal })).data;
  },
  allEnvironments(signal?: AbortSignal): Promise<Environment[]> {
    return all((page) => api.listEnvironments(page, signal));
  },
  async listFarms(environmentId: string, page: PageRequest = {}, signal?: AbortSignal): Promise<Page<Farm>> {
    const path = `/environments/${pathId(environmentId)}/farms`;
    return (await request(path, { query: { ...page }, schema: FarmPage, signal })).data;
  },
  getFarm(farmId: string, signal?: AbortSignal): Promise<Tagged<Farm>> {
    return request(`/farms/${pathId(farmId)}`, { schema: Farm, signal });
  },
  async getFarmStatus(farmId: string, signal?: AbortSignal): Promise<FarmStatusView> {
    return (await request(`/farms/${pathId(farmId)}/status`, { schema: FarmStatusView, signal })).data;
  },
  async listRoles(
    query: PageRequest & { environmentId?: string } = {},
    signal?: AbortSignal,
  ): Promise<Page<Role>> {
    return (await request('/roles', { query: { ...query }, schema: RolePage, signal })).data;
  },
  allRoles(environmentId: string, signal?: AbortSignal): Promise<Role[]> {
    return all((page) => api.listRoles({ ...page, environmentId }, signal));
  },
  async createFarm(environmentId: string, spec: FarmSpecInput): Promise<Tagged<Farm>> {
    const path = `/environments/${pathId(environmentId)}/farms`;
    return request(path, { method: 'POST', body: spec, schema: Farm });
  },
  updateFarm(farmId: string, spec: FarmSpecInput, etag: string): Promise<Tagged<Farm>> {
    return request(`/farms/${pathId(farmId)}`, { method: 'PUT', body: spec, ifMatch: etag, schema: Farm });
  },
  async changeFarm(farmId: string, verb: LifecycleVerb): Promise<Farm> {
    return (await request(`/farms/${pathId(farmId)}/${verb}`, { method: 'POST', schema: Farm })).data;
  },
  async listServers(farmId: string, signal?: AbortSignal): Promise<Server[]> {
    return (await request(`/farms/${pathId(farmId)}/servers`, { schema: ServerList, signal })).data.items;
  },
  async changeServer(farmId: string, serverId: string, action: ServerAction): Promise<Server> {
    const path = `/farms/${pathId(farmId)}/servers/${pathId(serverId)}/${action}`;
    return (await request(path, { method: 'POST', schema: Server })).data;
  },
  async listFarmEvents(
    farmId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<FarmEvent>> {
    const path = `/farms/${pathId(farmId)}/events`;
    return (await request(path, { query: { ...page }, schema: FarmEventPage, signal })).data;
  },
  getRole(roleId: string, signal?: AbortSignal): Promise<Tagged<Role>> {
    return request(`/roles/${pathId(roleId)}`, { schema: Role, signal });
  },
  createRole(input: RoleInput): Promise<Tagged<Role>> {
    return request('/roles', { method: 'POST', body: input, schema: Role });
  },
  updateRole(roleId: string, input: RoleInput, etag: string): Promise<Tagged<Role>> {
    return request(`/roles/${pathId(roleId)}`, { method: 'PUT', body: input, ifMatch: etag, schema: Role });
  },
  async deleteRole(roleId: string, etag: string): Promise<void> {
    await request(`/roles/${pathId(roleId)}`, { method: 'DELETE', ifMatch: etag, schema: NoContent });
  },
  async listCredentials(
    environmentId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<CloudCredentials>> {
    const path = `/environments/${pathId(environmentId)}/credentials`;
    return (await request(path, { query: { ...page }, schema: CredentialsPage, signal })).data;
  },
  allCredentials(environmentId: string, signal?: AbortSignal): Promise<CloudCredentials[]> {
    return all((page) => api.listCredentials(environmentId, page, signal));
  },
  async createCredentials(environmentId: string, input: CloudCredentialsInput): Promise<CloudCredentials> {
    const path = `/environments/${pathId(environmentId)}/credentials`;
    return (await request(path, { method: 'POST', body: input, schema: CloudCredentials })).data;
  },
  async deleteCredentials(environmentId: string, credentialsId: string): Promise<void> {
    const path = `/environments/${pathId(environmentId)}/credentials/${pathId(credentialsId)}`;
    await request(path, { method: 'DELETE', schema: NoContent });
  },
  async testCredentials(environmentId: string, credentialsId: string): Promise<ConnectionTestResult> {
    const path = `/environments/${pathId(environmentId)}/credentials/${pathId(credentialsId)}/test`;
    return (await request(path, { method: 'POST', schema: ConnectionTestResult })).data;
  },
  async listLocations(environmentId: string, credentialsId: string, signal?: AbortSignal) {
    const path = `/environments/${pathId(environmentId)}/credentials/${pathId(credentialsId)}/locations`;
    return (await request(path, { schema: CloudLocationList, signal })).data.items;
  },
  async listInstanceTypes(
    environmentId: string,
    credentialsId: string,
    region: string,
    signal?: AbortSignal,
  ) {
    const path = `/environments/${pathId(environmentId)}/credentials/${pathId(credentialsId)}/instance-types`;
    return (await request(path, { query: { region }, schema: InstanceTypeList, signal })).data.items;
  },
};

export type {
  Account,
  CloudCredentials,
  CloudCredentialsInput,
  CloudLocation,
  ConnectionTestResult,
  Environment,
  Farm,
  FarmEvent,
  FarmSpecInput,
  FarmStatusView,
  InstanceType,
  Page,
  Role,
  RoleInput,
  Server,
};
