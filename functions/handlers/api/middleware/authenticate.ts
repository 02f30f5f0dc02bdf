// Resolves the caller before any operation runs. Public routes (auth: false) skip it.
import type { MiddlewareObj } from '@middy/core';
import type { Authenticator } from '../../../ports/identity';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';

export function authenticate(
  authenticator: Authenticator,
): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'authenticate',
    before: async (request) => {
      const parsed = request.context.drover;
      if (!parsed.route.auth) return;
      const header = request.event.headers?.authorization ?? request.event.headers?.Authorization;
      parsed.principal = await authenticator.authenticate(header);
    },
  };
}
