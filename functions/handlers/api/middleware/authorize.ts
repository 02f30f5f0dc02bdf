// Access control in one place: after authentication and validation, every user route's
// `access` (routes.ts) is decided by the domain's can() against the resource its path names.
// 403 says which permission is missing and where; another account's id is 404 (resourceOf).
// Agent routes are not here: an agent token is bound to its one server by its own check.
// What a list shows of what it found is only-visible.ts's concern.
import type { MiddlewareObj } from '@middy/core';
import { can } from '../../../domain/access/can';
import { Forbidden } from '../../../domain/errors';
import type { Store } from '../../../ports/store';
import { loadSubject } from '../../../services/access/subject';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';
import { resourceOf } from './authorize-resource';

export function authorize(deps: {
  store: Pick<Store, 'teams' | 'aclRoles' | 'farms' | 'environments' | 'roles'>;
}): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'authorize',
    before: async (request) => {
      const parsed = request.context.drover;
      const { route, principal } = parsed;
      // Operator routes are the operator's whole (authenticate checked the token); agents: see above.
      // A cloud's push names no account: what it may do is its one route's (authenticate checked it).
      if (!route.auth || route.auth === 'agent' || route.auth === 'operator' || route.auth === 'cloud-push')
        return;
      if (!principal) return;
      principal.subject = await loadSubject(deps.store, principal);
      const resource = await resourceOf(deps.store, principal.accountId, parsed);
      const decision = can(principal.subject, route.access === 'none' ? 'signed-in' : route.access, resource);
      if (!decision.allowed) throw new Forbidden(`Refused (${route.operationId}): ${decision.reason}`);
    },
  };
}
