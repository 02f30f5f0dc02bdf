// Resolves the caller before any operation runs: a user (or API token) by the issuer's JWT,
// an agent by its server token. Public routes (auth: false) skip it.
import type { MiddlewareObj } from '@middy/core';
import { Unauthorized } from '../../../domain/errors';
import type { AgentTokens, Authenticator } from '../../../ports/identity';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';

export function authenticate(
  authenticator: Authenticator,
  agentTokens: AgentTokens,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'authenticate',
    before: async (request) => {
      const parsed = request.context.drover;
      if (!parsed.route.auth) return;
      const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
      if (parsed.route.auth === 'agent') {
        const token = header ? /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] : undefined;
        if (!token) throw new Unauthorized('Send the server token: Authorization: Bearer <token>');
        const agent = agentTokens.verify(token);
        parsed.principal = { accountId: agent.accountId, userId: agent.serverId, via: 'agent', agent };
        return;
      }
      parsed.principal = await authenticator.authenticate(header);
    },
  };
}
