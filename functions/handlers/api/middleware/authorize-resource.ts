// What a route's path names, as an access resource: the environment it is in and, for farms
// and their servers, the farm's owner and owner team. Loading it is also the tenancy check:
// an id of another account is not found here, so the caller gets 404, never 403.
// A route naming a new kind of account-level id needs nothing here (its service answers 404
// for another account's id); one under an environment or farm is covered by those params.
import type { AccessResource } from '../../../domain/access/can';
import { NotFound } from '../../../domain/errors';
import type { Store } from '../../../ports/store';
import type { ParsedRequest } from '../operation';

export async function resourceOf(
  store: Pick<Store, 'farms' | 'environments' | 'roles'>,
  accountId: string,
  request: Pick<ParsedRequest, 'params' | 'query' | 'body'>,
): Promise<AccessResource> {
  const scope = { accountId };
  const { params } = request;
  if (params.farmId) {
    const farm = await store.farms.get(scope, params.farmId);
    if (!farm) throw new NotFound(`Farm ${params.farmId} not found`);
    return {
      accountId,
      environmentId: farm.environmentId,
      farm: { ownerId: farm.ownerId, ownerTeamId: farm.ownerTeamId ?? null },
    };
  }
  if (params.environmentId) return environment(store, accountId, params.environmentId);
  if (params.roleId) {
    const role = await store.roles.get(scope, params.roleId);
    if (!role) throw new NotFound(`Role ${params.roleId} not found`);
    return role.environmentId ? { accountId, environmentId: role.environmentId } : { accountId };
  }
  // Account-level routes that name an environment elsewhere (roles: the query of a list, the body of a write).
  const named = stringField(request.query, 'environmentId') ?? stringField(request.body, 'environmentId');
  if (named) return environment(store, accountId, named);
  return { accountId };
}

async function environment(store: Pick<Store, 'environments'>, accountId: string, environmentId: string) {
  if (!(await store.environments.get({ accountId }, environmentId)))
    throw new NotFound(`Environment ${environmentId} not found`);
  return { accountId, environmentId };
}

function stringField(value: unknown, field: string): string | undefined {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : undefined;
}
