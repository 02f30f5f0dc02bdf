// The authorize middleware on its own, over an in-memory store: every user route's access is
// decided by can() against the resource its path names, with the caller's teams and grants
// loaded once (and left on the principal for what follows); 403 names the route and why.
import { describe, expect, it } from 'vitest';
import { Forbidden, NotFound } from '../../../functions/domain/errors';
import { authorize } from '../../../functions/handlers/api/middleware/authorize';
import type { Principal } from '../../../functions/ports/identity';
import { ACCOUNT, accessStore, ENV, FARM, OTHER_ACCOUNT, TEAM, VIEWER } from './access-store';
import { apiEvent, middyRequest, route } from './middy-request';

const viewer = (): Principal => ({ accountId: ACCOUNT, userId: VIEWER, via: 'user', accountRole: 'user' });
const admin = (): Principal => ({
  accountId: ACCOUNT,
  userId: 'usr-admin',
  via: 'user',
  accountRole: 'admin',
});

async function authorizeAs(principal: Principal | null, operationId: string, params: Record<string, string>) {
  const def = route(operationId);
  const request = middyRequest(apiEvent(def, { params }), { route: def, principal, params });
  await authorize({ store: accessStore() }).before!(request);
  return request.context.drover.principal;
}

describe('authorize', () => {
  it('lets a read-only member view a farm of their environment, and leaves their subject', async () => {
    const principal = await authorizeAs(viewer(), 'getFarm', { farmId: FARM });
    expect(principal?.subject).toMatchObject({
      accountRole: 'user',
      teamIds: [TEAM],
      grants: [{ teamId: TEAM, environmentId: ENV, aclRole: { id: 'read-only' } }],
    });
  });

  it('refuses them a change, naming the route, and lets an admin make it', async () => {
    await expect(authorizeAs(viewer(), 'updateFarm', { farmId: FARM })).rejects.toThrow(Forbidden);
    await expect(authorizeAs(viewer(), 'updateFarm', { farmId: FARM })).rejects.toThrow(
      /^Refused \(updateFarm\): /,
    );
    await expect(authorizeAs(admin(), 'updateFarm', { farmId: FARM })).resolves.toBeTruthy();
  });

  it("answers 404, not 403, for another account's farm", async () => {
    const intruder: Principal = {
      accountId: OTHER_ACCOUNT,
      userId: 'usr-x',
      via: 'user',
      accountRole: 'owner',
    };
    await expect(authorizeAs(intruder, 'getFarm', { farmId: FARM })).rejects.toThrow(NotFound);
  });

  it('leaves public, agent and operator routes to their own checks', async () => {
    expect(await authorizeAs(null, 'signUp', {})).toBeNull();
    const agent: Principal = { accountId: ACCOUNT, userId: 'srv-1', via: 'agent' };
    expect((await authorizeAs(agent, 'reportAgentEvent', {}))?.subject).toBeUndefined();
    const operator: Principal = { accountId: '', userId: 'op-1', via: 'operator' };
    expect((await authorizeAs(operator, 'listOperatorAccounts', {}))?.subject).toBeUndefined();
  });
});
