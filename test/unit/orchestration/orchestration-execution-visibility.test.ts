// seesExecutionsOf: who reads an execution (by id, or in its script's list across the account).
import { describe, expect, it } from 'vitest';
import { type AccessSubject, BUILT_IN_ACL_ROLES } from '../../../functions/domain/access';
import { seesExecutionsOf } from '../../../functions/domain/orchestration/execution-visibility';

const ACC = 'acc-1';
const DEV = 'env-dev';
const PROD = 'env-prod';
const ME = 'usr-me';
/** A custom role that sees only its holder's own farms, orchestration environment-wide. */
const OWN_FARMS_ONLY = {
  id: 'acl-own',
  name: 'Own farms',
  permissions: { 'farms:view': 'own', 'orchestration:view': 'all' },
} as unknown as (typeof BUILT_IN_ACL_ROLES)['developer'];
const NO_ORCHESTRATION = {
  id: 'acl-farms',
  name: 'Farms only',
  permissions: { 'farms:view': 'all' },
} as unknown as (typeof BUILT_IN_ACL_ROLES)['developer'];

const subject = (over: Partial<AccessSubject> = {}): AccessSubject => ({
  accountId: ACC,
  userId: ME,
  accountRole: 'user',
  teamIds: ['team-web'],
  grants: [{ teamId: 'team-web', environmentId: DEV, aclRole: BUILT_IN_ACL_ROLES.developer }],
  ...over,
});
const grantIn = (environmentId: string, aclRole: AccessSubject['grants'][number]['aclRole']) => ({
  grants: [{ teamId: 'team-web', environmentId, aclRole }],
});
const someoneElses = { ownerId: 'usr-other', ownerTeamId: 'team-data' };
const mine = { ownerId: ME, ownerTeamId: null };

describe('seesExecutionsOf', () => {
  it.each<
    [
      string,
      Partial<AccessSubject>,
      string,
      { ownerId: string; ownerTeamId: string | null } | undefined,
      boolean,
    ]
  >([
    ['a developer, on another team’s farm in their environment', {}, DEV, someoneElses, true],
    [
      'a developer, on a farm in an environment none of their teams is granted',
      {},
      PROD,
      someoneElses,
      false,
    ],
    ['a developer, on a gone farm of an environment they see', {}, DEV, undefined, true],
    ['a developer, on a gone farm of an environment they do not see', {}, PROD, undefined, false],
    [
      'read-only, in its environment',
      grantIn(PROD, BUILT_IN_ACL_ROLES['read-only']),
      PROD,
      someoneElses,
      true,
    ],
    ['an admin, in any environment', { accountRole: 'admin', grants: [] }, PROD, someoneElses, true],
    [
      'a role viewing only its own farms, on another’s farm',
      grantIn(DEV, OWN_FARMS_ONLY),
      DEV,
      someoneElses,
      false,
    ],
    ['a role viewing only its own farms, on its own farm', grantIn(DEV, OWN_FARMS_ONLY), DEV, mine, true],
    ['a role that views farms but not orchestration', grantIn(DEV, NO_ORCHESTRATION), DEV, mine, false],
    ['an API token without orchestration:view', { tokenPermissions: ['farms:view'] }, DEV, mine, false],
    ['another account’s user', { accountId: 'acc-2', accountRole: 'owner' }, DEV, mine, false],
  ])('%s → %s', (_why, over, environmentId, farm, expected) => {
    expect(
      seesExecutionsOf(subject(over), { accountId: ACC, environmentId, ...(farm ? { farm } : {}) }),
    ).toBe(expected);
  });
});
