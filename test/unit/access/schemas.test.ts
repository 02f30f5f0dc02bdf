import { describe, expect, it } from 'vitest';
import {
  AclRole,
  AclRoleInput,
  ApiTokenInput,
  BUILT_IN_ACL_ROLES,
  TeamInput,
  UserInput,
} from '../../../functions/domain/access';

describe('access schemas', () => {
  it.each([
    ['a farm permission with a team scope', { name: 'ops', permissions: { 'farms:launch': 'team' } }, true],
    [
      'a non-farm permission with a scope other than all',
      { name: 'ops', permissions: { 'roles:view': 'team' } },
      false,
    ],
    ['an unknown permission', { name: 'ops', permissions: { 'farms:explode': 'all' } }, false],
    [
      'firing custom events on team farms',
      { name: 'ops', permissions: { 'orchestration:fire': 'team' } },
      true,
    ],
  ])('ACL role input: %s', (_why, input, ok) => {
    expect(AclRoleInput.safeParse(input).success).toBe(ok);
  });

  it.each([
    [
      'one grant per environment',
      { name: 'web', grants: [{ environmentId: 'env-01jd7y9x2k0000000000000000', aclRoleId: 'developer' }] },
      true,
    ],
    [
      'two grants of one environment',
      {
        name: 'web',
        grants: [
          { environmentId: 'env-01jd7y9x2k0000000000000000', aclRoleId: 'developer' },
          { environmentId: 'env-01jd7y9x2k0000000000000000', aclRoleId: 'read-only' },
        ],
      },
      false,
    ],
    [
      'an unknown built-in',
      { name: 'web', grants: [{ environmentId: 'env-01jd7y9x2k0000000000000000', aclRoleId: 'god' }] },
      false,
    ],
  ])('team input: %s', (_why, input, ok) => {
    expect(TeamInput.safeParse(input).success).toBe(ok);
  });

  it('lower-cases emails and defaults the account role to user', () => {
    expect(UserInput.parse({ email: 'Dev@Example.COM', name: 'Dev' })).toMatchObject({
      email: 'dev@example.com',
      accountRole: 'user',
    });
  });

  it.each([
    ['no permissions: the user’s own', { name: 'ci' }, true],
    ['a narrower list', { name: 'ci', permissions: ['farms:view', 'farms:launch'] }, true],
    ['an admin action', { name: 'ci', permissions: ['users:manage'] }, true],
    ['an unknown permission', { name: 'ci', permissions: ['farms:fly'] }, false],
    ['an expiry over a year', { name: 'ci', expiresInDays: 400 }, false],
  ])('API token input: %s', (_why, input, ok) => {
    expect(ApiTokenInput.safeParse(input).success).toBe(ok);
  });

  it.each(Object.values(BUILT_IN_ACL_ROLES))('the built-in $id is a valid ACL role', (role) => {
    expect(AclRole.safeParse(role).success).toBe(true);
  });

  it('the built-in developer changes only team farms and views everything', () => {
    const dev = BUILT_IN_ACL_ROLES.developer.permissions;
    expect(dev['farms:view']).toBe('all');
    expect(dev['farms:delete']).toBe('team');
    expect(dev['variables:manage']).toBeUndefined();
    expect(BUILT_IN_ACL_ROLES['read-only'].permissions['farms:launch']).toBeUndefined();
  });
});
