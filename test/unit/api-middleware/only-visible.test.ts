// onlyVisible on its own: a list of environments, farms or roles answers only the items the
// caller may view (a page may hold fewer than its limit); other answers pass untouched.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ACL_ROLES } from '../../../functions/domain/access/acl-role';
import type { AccessSubject } from '../../../functions/domain/access/can';
import { onlyVisible } from '../../../functions/handlers/api/middleware/only-visible';
import type { ParsedRequest } from '../../../functions/handlers/api/operation';
import { ACCOUNT, ENV, TEAM, VIEWER } from './access-store';
import { route } from './middy-request';

const ELSEWHERE = 'env-01jd7y9x2k0000000000000009';
const subject: AccessSubject = {
  accountId: ACCOUNT,
  userId: VIEWER,
  accountRole: 'user',
  teamIds: [TEAM],
  grants: [{ teamId: TEAM, environmentId: ENV, aclRole: BUILT_IN_ACL_ROLES['read-only'] }],
};

function listed(
  operationId: string,
  items: Record<string, unknown>[],
  /** null: a caller authorize left no subject (an agent, an operator). */
  who: AccessSubject | null = subject,
) {
  const request = {
    route: route(operationId),
    principal: { accountId: ACCOUNT, userId: VIEWER, via: 'user', ...(who ? { subject: who } : {}) },
  } as ParsedRequest;
  return onlyVisible(request, { status: 200, body: { items, nextCursor: 'next' } }).body as {
    items: { id: string }[];
    nextCursor?: string;
  };
}

describe('onlyVisible', () => {
  it('keeps the environments, farms and roles of environments the caller is granted', () => {
    expect(listed('listEnvironments', [{ id: ENV }, { id: ELSEWHERE }]).items).toEqual([{ id: ENV }]);
    const farms = [
      { id: 'farm-a', environmentId: ENV, ownerId: 'usr-x', ownerTeamId: null },
      { id: 'farm-b', environmentId: ELSEWHERE, ownerId: 'usr-x', ownerTeamId: null },
    ];
    expect(listed('listFarms', farms).items.map((f) => f.id)).toEqual(['farm-a']);
    const roles = [
      { id: 'role-a', environmentId: ENV },
      { id: 'role-b', environmentId: ELSEWHERE },
      { id: 'role-c' },
    ];
    expect(listed('listRoles', roles).items.map((r) => r.id)).toEqual(['role-a', 'role-c']);
    // The cursor still leads on: the next page may hold what the caller sees.
    expect(listed('listEnvironments', [{ id: ELSEWHERE }])).toEqual({ items: [], nextCursor: 'next' });
  });

  it('leaves other lists, and callers without a subject (agents, operators), alone', () => {
    const items = [{ id: 'x', environmentId: ELSEWHERE }];
    expect(listed('listPolicies', items).items).toEqual(items);
    expect(listed('listEnvironments', [{ id: ELSEWHERE }], null).items).toEqual([{ id: ELSEWHERE }]);
  });
});
