// People name things; the API wants ids. Each finder takes a name or an id and answers the
// resource (or undefined), matching a name exactly first and then ignoring case, the way the
// API keeps names unique.
import { type IdKind, idPattern } from '../functions/domain/ids';
import type { CloudCredentials, Environment, Farm, Role } from '../functions/domain/schemas';
import { type ApiClient, listAll } from './api';
import { ApiError, CliError } from './errors';

export const isIdOf = (kind: IdKind, value: string) => idPattern(kind).test(value);

export function byName<T extends { name: string }>(items: T[], name: string): T | undefined {
  return items.find((i) => i.name === name) ?? items.find((i) => i.name.toLowerCase() === name.toLowerCase());
}

export function byId<T extends { id: string }>(items: T[], id: string): T | undefined {
  return items.find((i) => i.id === id);
}

async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export async function findEnvironment(api: ApiClient, ref: string): Promise<Environment | undefined> {
  if (isIdOf('environment', ref))
    return (await orUndefined(api.getEnvironment({ params: { environmentId: ref } })))?.body;
  return byName(await listAll(api.listEnvironments, {}), ref);
}

export interface FoundFarm {
  farm: Farm;
  /** The ETag of the read, for If-Match. */
  etag: string;
}

/** A farm of the environment by name or id; not found is an error (exit 1). */
export async function getFarm(api: ApiClient, env: Environment, ref: string): Promise<FoundFarm> {
  let id = ref;
  if (!isIdOf('farm', ref)) {
    const farm = byName(await listAll(api.listFarms, { params: { environmentId: env.id } }), ref);
    if (!farm)
      throw new CliError(`Farm "${ref}" not found in environment ${env.name}.`, {
        hints: ['See the farms with `drover get farms`.'],
        problem: {
          type: 'about:blank',
          title: 'Not found',
          status: 404,
          code: 'NotFound',
          detail: `Farm "${ref}" not found in environment ${env.name}`,
        },
      });
    id = farm.id;
  }
  const read = await api.getFarm({ params: { farmId: id } });
  return { farm: read.body, etag: read.etag ?? `"${read.body.version}"` };
}

/** Roles usable in the environment: the account's and the environment's own. */
export function listRoles(api: ApiClient, env: Environment): Promise<Role[]> {
  return listAll(api.listRoles, { query: { environmentId: env.id } });
}

export function listCredentials(api: ApiClient, env: Environment): Promise<CloudCredentials[]> {
  return listAll(api.listCredentials, { params: { environmentId: env.id } });
}
