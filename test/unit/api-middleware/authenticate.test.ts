// The authenticate middleware on its own, with in-memory token ports: a user route resolves its
// caller by the issuer's token, an agent route by the server's token, an operator route by an
// operator token; a public route needs none (an operator token on it still names the operator).
import { describe, expect, it } from 'vitest';
import { Unauthorized } from '../../../functions/domain/errors';
import { authenticate } from '../../../functions/handlers/api/middleware/authenticate';
import type { AgentTokens, Authenticator, Principal } from '../../../functions/ports/identity';
import type { OperatorTokens } from '../../../functions/ports/operator-tokens';
import { apiEvent, middyRequest, route } from './middy-request';

const USER: Principal = { accountId: 'acc-1', userId: 'usr-1', via: 'user', accountRole: 'owner' };
const SERVER = { accountId: 'acc-1', farmId: 'farm-1', serverId: 'srv-1' };

const authenticator: Authenticator = {
  authenticate: async (header) => {
    if (header !== 'Bearer user-token') throw new Unauthorized('Sign in');
    return USER;
  },
};
const agentTokens: AgentTokens = {
  issue: () => 'agent-token',
  verify: (token) => {
    if (token !== 'agent-token') throw new Unauthorized('Not a server token');
    return SERVER;
  },
};
const operatorTokens: OperatorTokens = {
  verify: (token) => {
    if (token !== 'drvop_good') throw new Unauthorized('Not an operator token');
    return { operatorId: 'op-0123456789ab' };
  },
};

async function callerOf(
  operationId: string,
  authorization?: string,
  /** null: a deployment without platform operators. */
  operators: OperatorTokens | null = operatorTokens,
) {
  const def = route(operationId);
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const request = middyRequest(apiEvent(def, { headers }), { route: def });
  await authenticate(authenticator, agentTokens, operators ?? undefined).before!(request);
  return request.context.drover.principal;
}

describe('authenticate', () => {
  it("resolves a user route's caller with the issuer's authenticator", async () => {
    expect(await callerOf('listEnvironments', 'Bearer user-token')).toEqual(USER);
    await expect(callerOf('listEnvironments', 'Bearer forged')).rejects.toThrow(Unauthorized);
    await expect(callerOf('listEnvironments')).rejects.toThrow(Unauthorized);
  });

  it("resolves an agent route's caller to the one server its token names", async () => {
    expect(await callerOf('reportAgentEvent', 'Bearer agent-token')).toEqual({
      accountId: 'acc-1',
      userId: 'srv-1',
      via: 'agent',
      agent: SERVER,
    });
    // A user's token is no server's token.
    await expect(callerOf('reportAgentEvent', 'Bearer user-token')).rejects.toThrow(Unauthorized);
    await expect(callerOf('reportAgentEvent')).rejects.toThrow('Send the server token');
  });

  it('takes only an operator token on an operator route', async () => {
    expect(await callerOf('listOperatorAccounts', 'Bearer drvop_good')).toEqual({
      accountId: '',
      userId: 'op-0123456789ab',
      via: 'operator',
    });
    await expect(callerOf('listOperatorAccounts', 'Bearer user-token')).rejects.toThrow(Unauthorized);
    await expect(callerOf('listOperatorAccounts')).rejects.toThrow('Send an operator token');
    await expect(callerOf('listOperatorAccounts', 'Bearer drvop_good', null)).rejects.toThrow(
      'no platform operator',
    );
  });

  it('leaves a public route anonymous, unless an operator token is sent', async () => {
    expect(await callerOf('signUp')).toBeNull();
    expect(await callerOf('signUp', 'Bearer user-token')).toBeNull();
    expect(await callerOf('signUp', 'Bearer drvop_good')).toMatchObject({ via: 'operator' });
  });
});
