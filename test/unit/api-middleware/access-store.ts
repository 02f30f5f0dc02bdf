// The parts of the Store that access decisions read, kept in memory: one account's teams (and
// their grants), environments, farms (with owners) and roles. Items of another account are
// simply absent from the caller's scope, as in DynamoDB where the account is in the key.
import type { Store } from '../../../functions/ports/store';

export const ACCOUNT = 'acc-01jd7y9x2k0000000000000001';
export const OTHER_ACCOUNT = 'acc-01jd7y9x2k0000000000000002';
export const ENV = 'env-01jd7y9x2k0000000000000001';
export const FARM = 'farm-01jd7y9x2k0000000000000001';
export const ROLE = 'role-01jd7y9x2k0000000000000001';
export const ACCOUNT_ROLE = 'role-01jd7y9x2k0000000000000002';
export const VIEWER = 'usr-01jd7y9x2k0000000000000001';
export const TEAM = 'team-01jd7y9x2k0000000000000001';
export const OWNER_TEAM = 'team-01jd7y9x2k0000000000000002';

export type AccessStore = Pick<Store, 'teams' | 'aclRoles' | 'farms' | 'environments' | 'roles'>;

/** ENV with FARM (owned by OWNER_TEAM) and an environment role, in ACCOUNT; VIEWER is read-only there. */
export function accessStore(): AccessStore {
  const mine = (scope: { accountId: string }) => scope.accountId === ACCOUNT;
  const teams = [
    {
      id: TEAM,
      accountId: ACCOUNT,
      memberIds: [VIEWER],
      grants: [{ environmentId: ENV, aclRoleId: 'read-only' }],
    },
  ];
  const farms = [
    { id: FARM, accountId: ACCOUNT, environmentId: ENV, ownerId: VIEWER, ownerTeamId: OWNER_TEAM },
  ];
  const roles = [
    { id: ROLE, accountId: ACCOUNT, environmentId: ENV },
    { id: ACCOUNT_ROLE, accountId: ACCOUNT, environmentId: null },
  ];
  return {
    teams: { listAll: async (scope: { accountId: string }) => (mine(scope) ? teams : []) },
    aclRoles: { listAll: async () => [] },
    environments: {
      get: async (scope: { accountId: string }, id: string) =>
        mine(scope) && id === ENV ? { id: ENV, accountId: ACCOUNT } : undefined,
    },
    farms: {
      get: async (scope: { accountId: string }, id: string) =>
        mine(scope) ? farms.find((f) => f.id === id) : undefined,
    },
    roles: {
      get: async (scope: { accountId: string }, id: string) =>
        mine(scope) ? roles.find((r) => r.id === id) : undefined,
    },
  } as unknown as AccessStore;
}
