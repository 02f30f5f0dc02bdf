// Resolves the caller before any operation runs: a user (or API token) by the issuer's JWT,
// an agent by its server token, a platform operator by their operator token, a cloud's push by
// its platform-signed token. Public routes (auth: false) skip it unless an operator token is sent.
import type { MiddlewareObj } from '@middy/core';
import { Unauthorized } from '../../../domain/errors';
import type { CloudPushTokens } from '../../../ports/cloud-push-tokens';
import type { AgentTokens, Authenticator } from '../../../ports/identity';
import type { OperatorTokens } from '../../../ports/operator-tokens';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';

export function authenticate(
  authenticator: Authenticator,
  agentTokens: AgentTokens,
  operatorTokens?: OperatorTokens,
  cloudPushTokens?: CloudPushTokens,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'authenticate',
    before: async (request) => {
      const parsed = request.context.drover;
      const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
      const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
      // A platform operator, outside every account: their own routes, and public ones they may
      // call as operator (sign-up when it is operator-only).
      if (parsed.route.auth === 'operator' || (!parsed.route.auth && bearer?.startsWith('drvop_'))) {
        if (!bearer) throw new Unauthorized('Send an operator token: Authorization: Bearer drvop_…');
        if (!operatorTokens) throw new Unauthorized('This deployment has no platform operator');
        const operator = operatorTokens.verify(bearer);
        parsed.principal = { accountId: '', userId: operator.operatorId, via: 'operator' };
        return;
      }
      if (!parsed.route.auth) return;
      if (parsed.route.auth === 'cloud-push') {
        if (!cloudPushTokens) throw new Unauthorized('This deployment accepts no cloud pushes');
        const pusher = await cloudPushTokens.verify(header);
        // No account and no user: Drover's own machinery speaking (its push subscription), as 'system'.
        parsed.principal = { accountId: '', userId: pusher.email, via: 'system' };
        return;
      }
      if (parsed.route.auth === 'agent') {
        if (!bearer) throw new Unauthorized('Send the server token: Authorization: Bearer <token>');
        const agent = agentTokens.verify(bearer);
        parsed.principal = { accountId: agent.accountId, userId: agent.serverId, via: 'agent', agent };
        return;
      }
      parsed.principal = await authenticator.authenticate(header);
    },
  };
}
