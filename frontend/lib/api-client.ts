// The portal's calls of the Drover API, through the client generated from the route table
// (portal-client.ts: same-origin `/api`, the session's token, responses parsed with each route's
// schema, so a drift between API and portal shows up as a clear error instead of an `undefined`
// on screen).
import { z } from 'zod';
import type { FarmPlanView } from '../../functions/contract/farm-plan';
import { MAX_PASSWORD_LENGTH } from '../../functions/domain/access/sign-in';
import type { Account } from '../../functions/domain/schemas/account';
import type { CloudLocation, InstanceType } from '../../functions/domain/schemas/cloud-catalog';
import type { Page } from '../../functions/domain/schemas/common';
import type {
  CloudCredentials,
  CloudCredentialsInput,
  ConnectionTestResult,
} from '../../functions/domain/schemas/credentials';
import type { Environment } from '../../functions/domain/schemas/environment';
import type { Farm, FarmSpecInput } from '../../functions/domain/schemas/farm';
import type { FarmEvent } from '../../functions/domain/schemas/farm-event';
import type { FarmStatusView } from '../../functions/domain/schemas/farm-status';
import type { Role, RoleInput } from '../../functions/domain/schemas/role';
import type { Server } from '../../functions/domain/schemas/server';
import { portalApi, type Tagged, tagged } from './portal-client';
import type { Session } from './session';

/** `POST /auth/token`: password sign-in (the local issuer, or Cognito through the API in AWS). */
export const SignInInput = z.object({
  email: z.email('must be an email address'),
  password: z.string().min(1, 'must not be empty'),
});
export type SignInInput = z.infer<typeof SignInInput>;
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

export type { Tagged };

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
    return (await portalApi.signIn({ body: input, signal })).body;
  },
  async completeNewPassword(
    input: { email: string; session: string; newPassword: string },
    signal?: AbortSignal,
  ): Promise<Session> {
    return (await portalApi.completeNewPassword({ body: input, signal })).body;
  },
  async getAccount(signal?: AbortSignal): Promise<Account> {
    return (await portalApi.getAccount({ signal })).body;
  },
  async listEnvironments(page: PageRequest = {}, signal?: AbortSignal): Promise<Page<Environment>> {
    return (await portalApi.listEnvironments({ query: page, signal })).body;
  },
  allEnvironments(signal?: AbortSignal): Promise<Environment[]> {
    return all((page) => api.listEnvironments(page, signal));
  },
  async listFarms(environmentId: string, page: PageRequest = {}, signal?: AbortSignal): Promise<Page<Farm>> {
    return (await portalApi.listFarms({ params: { environmentId }, query: page, signal })).body;
  },
  async getFarm(farmId: string, signal?: AbortSignal): Promise<Tagged<Farm>> {
    return tagged(await portalApi.getFarm({ params: { farmId }, signal }));
  },
  async getFarmStatus(farmId: string, signal?: AbortSignal): Promise<FarmStatusView> {
    return (await portalApi.getFarmStatus({ params: { farmId }, signal })).body;
  },
  async listRoles(
    query: PageRequest & { environmentId?: string } = {},
    signal?: AbortSignal,
  ): Promise<Page<Role>> {
    return (await portalApi.listRoles({ query, signal })).body;
  },
  allRoles(environmentId: string, signal?: AbortSignal): Promise<Role[]> {
    return all((page) => api.listRoles({ ...page, environmentId }, signal));
  },
  async createFarm(environmentId: string, spec: FarmSpecInput): Promise<Tagged<Farm>> {
    return tagged(await portalApi.createFarm({ params: { environmentId }, body: spec }));
  },
  async updateFarm(farmId: string, spec: FarmSpecInput, etag: string): Promise<Tagged<Farm>> {
    return tagged(await portalApi.updateFarm({ params: { farmId }, body: spec, ifMatch: etag }));
  },
  /** What saving the spec would do: to the farm, or (no farm yet) as a new farm of the environment. */
  async planFarm(
    target: { farmId: string } | { environmentId: string },
    spec: FarmSpecInput,
  ): Promise<FarmPlanView> {
    const reply =
      'farmId' in target
        ? await portalApi.planFarm({ params: target, body: spec })
        : await portalApi.planNewFarm({ params: target, body: spec });
    return reply.body;
  },
  async changeFarm(farmId: string, verb: LifecycleVerb): Promise<Farm> {
    return (await portalApi[`${verb}Farm`]({ params: { farmId } })).body;
  },
  async listServers(farmId: string, signal?: AbortSignal): Promise<Server[]> {
    return (await portalApi.listServers({ params: { farmId }, signal })).body.items;
  },
  async changeServer(farmId: string, serverId: string, action: ServerAction): Promise<Server> {
    return (await portalApi[`${action}Server`]({ params: { farmId, serverId } })).body;
  },
  async listFarmEvents(
    farmId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<FarmEvent>> {
    return (await portalApi.listFarmEvents({ params: { farmId }, query: page, signal })).body;
  },
  async getRole(roleId: string, signal?: AbortSignal): Promise<Tagged<Role>> {
    return tagged(await portalApi.getRole({ params: { roleId }, signal }));
  },
  async createRole(input: RoleInput): Promise<Tagged<Role>> {
    return tagged(await portalApi.createRole({ body: input }));
  },
  async updateRole(roleId: string, input: RoleInput, etag: string): Promise<Tagged<Role>> {
    return tagged(await portalApi.updateRole({ params: { roleId }, body: input, ifMatch: etag }));
  },
  async deleteRole(roleId: string, etag: string): Promise<void> {
    await portalApi.deleteRole({ params: { roleId }, ifMatch: etag });
  },
  async listCredentials(
    environmentId: string,
    page: PageRequest = {},
    signal?: AbortSignal,
  ): Promise<Page<CloudCredentials>> {
    return (await portalApi.listCredentials({ params: { environmentId }, query: page, signal })).body;
  },
  allCredentials(environmentId: string, signal?: AbortSignal): Promise<CloudCredentials[]> {
    return all((page) => api.listCredentials(environmentId, page, signal));
  },
  async createCredentials(environmentId: string, input: CloudCredentialsInput): Promise<CloudCredentials> {
    return (await portalApi.createCredentials({ params: { environmentId }, body: input })).body;
  },
  async deleteCredentials(environmentId: string, credentialsId: string): Promise<void> {
    await portalApi.deleteCredentials({ params: { environmentId, credentialsId } });
  },
  async testCredentials(environmentId: string, credentialsId: string): Promise<ConnectionTestResult> {
    return (await portalApi.testCredentials({ params: { environmentId, credentialsId } })).body;
  },
  async listLocations(environmentId: string, credentialsId: string, signal?: AbortSignal) {
    const params = { environmentId, credentialsId };
    return (await portalApi.listCredentialsLocations({ params, signal })).body.items;
  },
  async listInstanceTypes(
    environmentId: string,
    credentialsId: string,
    region: string,
    signal?: AbortSignal,
  ) {
    const params = { environmentId, credentialsId };
    return (await portalApi.listCredentialsInstanceTypes({ params, query: { region }, signal })).body.items;
  },
  async listPlacementChoices(
    environmentId: string,
    credentialsId: string,
    region: string,
    signal?: AbortSignal,
  ) {
    const params = { environmentId, credentialsId };
    return (await portalApi.listCredentialsPlacementChoices({ params, query: { region }, signal })).body;
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
