// resourceOf on its own: what a route's path names, as an access resource (the environment and,
// for a farm, its owner and owner team). Loading it is the tenancy check too: an id of another
// account is not found (404), never refused (403).
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/domain/errors';
import { resourceOf } from '../../../functions/handlers/api/middleware/authorize-resource';
import {
  ACCOUNT,
  ACCOUNT_ROLE,
  accessStore,
  ENV,
  FARM,
  OTHER_ACCOUNT,
  OWNER_TEAM,
  ROLE,
  VIEWER,
} from './access-store';

const store = accessStore();
const named = (params: Record<string, string>, extra: { query?: unknown; body?: unknown } = {}) => ({
  params,
  query: (extra.query ?? {}) as Record<string, unknown>,
  body: extra.body,
});

describe('resourceOf', () => {
  it("names a farm's environment, owner and owner team", async () => {
    expect(await resourceOf(store, ACCOUNT, named({ farmId: FARM }))).toEqual({
      accountId: ACCOUNT,
      environmentId: ENV,
      farm: { ownerId: VIEWER, ownerTeamId: OWNER_TEAM },
    });
  });

  it("names the environment of the path, or of a role, or of a list's query or a write's body", async () => {
    expect(await resourceOf(store, ACCOUNT, named({ environmentId: ENV }))).toEqual({
      accountId: ACCOUNT,
      environmentId: ENV,
    });
    expect(await resourceOf(store, ACCOUNT, named({ roleId: ROLE }))).toEqual({
      accountId: ACCOUNT,
      environmentId: ENV,
    });
    expect(await resourceOf(store, ACCOUNT, named({ roleId: ACCOUNT_ROLE }))).toEqual({ accountId: ACCOUNT });
    expect(await resourceOf(store, ACCOUNT, named({}, { query: { environmentId: ENV } }))).toEqual({
      accountId: ACCOUNT,
      environmentId: ENV,
    });
    expect(await resourceOf(store, ACCOUNT, named({}, { body: { environmentId: ENV } }))).toEqual({
      accountId: ACCOUNT,
      environmentId: ENV,
    });
    expect(await resourceOf(store, ACCOUNT, named({ userId: VIEWER }))).toEqual({ accountId: ACCOUNT });
  });

  it("answers 404 for another account's farm, environment or role", async () => {
    const paths: Record<string, string>[] = [{ farmId: FARM }, { environmentId: ENV }, { roleId: ROLE }];
    for (const params of paths) {
      await expect(resourceOf(store, OTHER_ACCOUNT, named(params))).rejects.toThrow(NotFound);
    }
    await expect(
      resourceOf(store, OTHER_ACCOUNT, named({}, { body: { environmentId: ENV } })),
    ).rejects.toThrow(NotFound);
  });
});
