// auditVisibility: owners and admins read the whole log; a team member the environments where a
// grant gives audit:view; an API token narrows either to its own list.
import { describe, expect, it } from 'vitest';
import type { AccessGrant, AccessSubject } from '../../../functions/domain/access/can';
import { auditVisibility } from '../../../functions/domain/audit/visibility';

const acc = 'acc-01jd7y9x2k0000000000000001';
const grant = (environmentId: string, permissions: AccessGrant['aclRole']['permissions']): AccessGrant => ({
  teamId: 'team-01jd7y9x2k0000000000000001',
  environmentId,
  aclRole: { id: 'acl-x', name: 'custom', permissions },
});
const subject = (extra: Partial<AccessSubject>): AccessSubject => ({
  accountId: acc,
  userId: 'usr-01jd7y9x2k0000000000000001',
  accountRole: 'user',
  teamIds: [],
  grants: [],
  ...extra,
});

describe('auditVisibility', () => {
  it.each([
    ['an owner: everything', subject({ accountRole: 'owner' }), undefined],
    ['an admin: everything', subject({ accountRole: 'admin' }), undefined],
    [
      'an admin through a token without audit:view: nothing',
      subject({ accountRole: 'admin', tokenPermissions: ['farms:view'] }),
      [],
    ],
    [
      'a member: the environments where a grant gives audit:view',
      subject({
        grants: [
          grant('env-a', { 'audit:view': 'all', 'farms:view': 'all' }),
          grant('env-b', { 'farms:view': 'all' }),
          grant('env-c', { 'audit:view': 'all' }),
        ],
      }),
      ['env-a', 'env-c'],
    ],
    ['a member with no grant: nothing', subject({}), []],
    [
      "a member's token without audit:view: nothing",
      subject({ grants: [grant('env-a', { 'audit:view': 'all' })], tokenPermissions: ['farms:view'] }),
      [],
    ],
  ])('%s', (_why, who, expected) => {
    expect(auditVisibility(who)).toEqual(expected);
  });
});
