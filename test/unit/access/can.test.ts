import { describe, expect, it } from 'vitest';
import {
  type AccessAction,
  type AccessResource,
  type AccessSubject,
  BUILT_IN_ACL_ROLES,
  can,
  effectivePermissions,
  seesEnvironment,
} from '../../../functions/domain/access';

const ACC = 'acc-1';
const DEV = 'env-dev';
const PROD = 'env-prod';
const ME = 'usr-me';

const subject = (over: Partial<AccessSubject> = {}): AccessSubject => ({
  accountId: ACC,
  userId: ME,
  accountRole: 'user',
  teamIds: ['team-web'],
  grants: [
    { teamId: 'team-web', environmentId: DEV, aclRole: BUILT_IN_ACL_ROLES.developer },
    { teamId: 'team-web', environmentId: PROD, aclRole: BUILT_IN_ACL_ROLES['read-only'] },
  ],
  ...over,
});
const farmOf = (ownerId: string, ownerTeamId: string | null) => ({ ownerId, ownerTeamId });
const inEnv = (environmentId: string, farm?: AccessResource['farm']): AccessResource => ({
  accountId: ACC,
  environmentId,
  ...(farm ? { farm } : {}),
});

describe('can', () => {
  it.each<[string, Partial<AccessSubject>, AccessAction, AccessResource, boolean]>([
    [
      'an owner may do anything in their account',
      { accountRole: 'owner', grants: [] },
      'farms:delete',
      inEnv(PROD, farmOf('x', null)),
      true,
    ],
    [
      'an admin may manage users',
      { accountRole: 'admin', grants: [] },
      'users:manage',
      { accountId: ACC },
      true,
    ],
    [
      'an admin may act in an environment no team grants',
      { accountRole: 'admin', grants: [] },
      'credentials:manage',
      inEnv('env-other'),
      true,
    ],
    ['a user may not manage users', {}, 'users:manage', { accountId: ACC }, false],
    ['a user may not manage environments', {}, 'environments:manage', { accountId: ACC }, false],
    ['any signed-in user may reach signed-in routes', { grants: [] }, 'signed-in', { accountId: ACC }, true],
    [
      'nobody reaches another account',
      { accountRole: 'owner' },
      'farms:view',
      { accountId: 'acc-2', environmentId: DEV },
      false,
    ],
    [
      'a developer views every farm of their environment',
      {},
      'farms:view',
      inEnv(DEV, farmOf('x', 'team-data')),
      true,
    ],
    ['a developer creates farms', {}, 'farms:create', inEnv(DEV), true],
    ["a developer launches their team's farm", {}, 'farms:launch', inEnv(DEV, farmOf('x', 'team-web')), true],
    [
      'a developer launches their own farm of no team',
      {},
      'farms:launch',
      inEnv(DEV, farmOf(ME, null)),
      true,
    ],
    [
      "a developer may not launch another team's farm",
      {},
      'farms:launch',
      inEnv(DEV, farmOf('x', 'team-data')),
      false,
    ],
    [
      "a developer reboots their team's servers",
      {},
      'servers:reboot',
      inEnv(DEV, farmOf('x', 'team-web')),
      true,
    ],
    ['a developer only views credentials', {}, 'credentials:manage', inEnv(DEV), false],
    ['a developer views credentials', {}, 'credentials:view', inEnv(DEV), true],
    ['read-only views', {}, 'farms:view', inEnv(PROD, farmOf('x', 'team-web')), true],
    [
      'read-only may not launch even its own team farm',
      {},
      'farms:launch',
      inEnv(PROD, farmOf(ME, 'team-web')),
      false,
    ],
    ['no grant in an environment: nothing there', {}, 'farms:view', inEnv('env-other'), false],
    ['a view outside any environment needs a grant anywhere', {}, 'roles:view', { accountId: ACC }, true],
    ['a view outside any environment with no grant', { grants: [] }, 'roles:view', { accountId: ACC }, false],
    ['a change outside any environment is for admins', {}, 'roles:manage', { accountId: ACC }, false],
  ])('%s', (_why, over, action, resource, allowed) => {
    expect(can(subject(over), action, resource).allowed).toBe(allowed);
  });

  it.each<[string, FarmScopeCase]>([
    ['own reaches own farms', { scope: 'own', farm: farmOf(ME, 'team-data'), allowed: true }],
    ['own does not reach team farms', { scope: 'own', farm: farmOf('x', 'team-web'), allowed: false }],
    ['team reaches team farms', { scope: 'team', farm: farmOf('x', 'team-web'), allowed: true }],
    ['team does not reach farms of no team', { scope: 'team', farm: farmOf('x', null), allowed: false }],
    ['all reaches any farm', { scope: 'all', farm: farmOf('x', null), allowed: true }],
  ])('farm scope: %s', (_why, { scope, farm, allowed }) => {
    const s = subject({
      grants: [
        {
          teamId: 'team-web',
          environmentId: DEV,
          aclRole: { id: 'acl-x', name: 'x', permissions: { 'farms:update': scope } },
        },
      ],
    });
    expect(can(s, 'farms:update', inEnv(DEV, farm)).allowed).toBe(allowed);
  });

  it.each<[string, Partial<AccessSubject>, AccessAction, AccessResource, boolean]>([
    [
      'a token without a list acts as its user',
      { tokenPermissions: null },
      'farms:launch',
      inEnv(DEV, farmOf(ME, null)),
      true,
    ],
    [
      'a token with the permission, and the user has it',
      { tokenPermissions: ['farms:launch'] },
      'farms:launch',
      inEnv(DEV, farmOf(ME, null)),
      true,
    ],
    [
      'a token lacking the permission',
      { tokenPermissions: ['farms:view'] },
      'farms:launch',
      inEnv(DEV, farmOf(ME, null)),
      false,
    ],
    [
      'a token naming what the user lacks',
      { tokenPermissions: ['credentials:manage'] },
      'credentials:manage',
      inEnv(DEV),
      false,
    ],
    [
      "an admin's narrowed token",
      { accountRole: 'admin', tokenPermissions: ['farms:view'] },
      'users:manage',
      { accountId: ACC },
      false,
    ],
    [
      "an admin's token naming an admin action",
      { accountRole: 'admin', tokenPermissions: ['users:manage'] },
      'users:manage',
      { accountId: ACC },
      true,
    ],
    [
      'any token reaches signed-in routes',
      { tokenPermissions: ['farms:view'] },
      'signed-in',
      { accountId: ACC },
      true,
    ],
  ])('API tokens: %s', (_why, over, action, resource, allowed) => {
    expect(can(subject(over), action, resource).allowed).toBe(allowed);
  });

  it.each<[AccessAction, AccessResource, RegExp]>([
    ['credentials:manage', inEnv(DEV), /missing permission credentials:manage in environment env-dev/],
    ['farms:launch', inEnv(DEV, farmOf('x', 'team-data')), /teams' farms/],
    ['farms:view', inEnv('env-other'), /none of your teams is granted environment env-other/],
    ['teams:manage', { accountId: ACC }, /owner or admin/],
  ])('says why %s is refused', (action, resource, reason) => {
    const decision = can(subject(), action, resource);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? '' : decision.reason).toMatch(reason);
  });
});

type FarmScopeCase = {
  scope: 'own' | 'team' | 'all';
  farm: { ownerId: string; ownerTeamId: string | null };
  allowed: boolean;
};

describe('effectivePermissions', () => {
  it('gives a developer view everywhere and team scope on changes', () => {
    const perms = effectivePermissions(subject(), DEV);
    expect(perms['farms:view']).toBe('all');
    expect(perms['farms:update']).toBe('team');
    expect(perms['credentials:manage']).toBeUndefined();
  });
  it('takes the widest scope of several teams', () => {
    const s = subject({
      teamIds: ['team-web', 'team-ops'],
      grants: [
        { teamId: 'team-web', environmentId: DEV, aclRole: BUILT_IN_ACL_ROLES.developer },
        { teamId: 'team-ops', environmentId: DEV, aclRole: BUILT_IN_ACL_ROLES['full-access'] },
      ],
    });
    expect(effectivePermissions(s, DEV)['farms:update']).toBe('all');
  });
  it('gives owners everything and narrows to a token', () => {
    expect(Object.keys(effectivePermissions(subject({ accountRole: 'owner', grants: [] }), DEV))).toContain(
      'audit:view',
    );
    expect(effectivePermissions(subject({ tokenPermissions: ['farms:view'] }), DEV)).toEqual({
      'farms:view': 'all',
    });
  });
  it('is empty where no team is granted', () => {
    expect(effectivePermissions(subject(), 'env-other')).toEqual({});
  });
});

describe('seesEnvironment', () => {
  it.each([
    ['a user sees a granted environment', {}, DEV, true],
    ['a user does not see an environment no team is granted', {}, 'env-other', false],
    ['an admin sees every environment', { accountRole: 'admin' as const, grants: [] }, 'env-other', true],
  ])('%s', (_why, over, env, sees) => {
    expect(seesEnvironment(subject(over), env)).toBe(sees);
  });
});
