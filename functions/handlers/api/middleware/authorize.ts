// Access control in one place: after authentication and validation, every user route's
// `access` (routes.ts) is decided by the domain's can() against the resource its path names.
// 403 says which permission is missing and where; another account's id is 404 (resourceOf).
// Agent routes are not here: an agent token is bound to its one server by its own check.
import type { MiddlewareObj } from '@middy/core';
import { can, seesEnvironment } from '../../../domain/access/can';
import { Forbidden } from '../../../domain/errors';
import type { Principal } from '../../../ports/identity';
import type { Store } from '../../../ports/store';
import { loadSubject } from '../../../services/access/subject';
import type { ApiContext, ApiEvent, ApiResponse, OperationResult, ParsedRequest } from '../operation';
import { resourceOf } from './authorize-resource';

export function authorize(deps: { store: Store }): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'authorize',
    before: async (request) => {
      const parsed = request.context.drover;
      const { route, principal } = parsed;
      // Operator routes are the operator's whole (authenticate checked the token); agents: see above.
      if (!route.auth || route.auth === 'agent' || route.auth === 'operator' || !principal) return;
      principal.subject = await loadSubject(deps.store, principal);
      const resource = await resourceOf(deps.store, principal.accountId, parsed);
      const decision = can(principal.subject, route.access === 'none' ? 'signed-in' : route.access, resource);
      if (!decision.allowed) throw new Forbidden(`Refused (${route.operationId}): ${decision.reason}`);
    },
  };
}

/**
 * List routes answer only what the caller may view: a page may hold fewer items than its
 * limit (its cursor still leads on). Lists scoped to one environment or farm need nothing
 * here: the route's own check covered the whole list.
 */
const VISIBLE: Record<string, (principal: Principal, item: Record<string, unknown>) => boolean> = {
  listEnvironments: (p, env) => seesEnvironment(p.subject!, env.id as string),
  listFarms: (p, farm) =>
    can(p.subject!, 'farms:view', {
      accountId: p.accountId,
      environmentId: farm.environmentId as string,
      farm: { ownerId: farm.ownerId as string, ownerTeamId: (farm.ownerTeamId as string | null) ?? null },
    }).allowed,
  listRoles: (p, role) =>
    can(p.subject!, 'roles:view', {
      accountId: p.accountId,
      ...(role.environmentId ? { environmentId: role.environmentId as string } : {}),
    }).allowed,
};

export function onlyVisible(request: ParsedRequest, result: OperationResult): OperationResult {
  const visible = VISIBLE[request.route.operationId];
  const body = result.body as { items?: Record<string, unknown>[] } | undefined;
  if (!visible || !request.principal?.subject || !Array.isArray(body?.items)) return result;
  const principal = request.principal;
  return { ...result, body: { ...body, items: body.items.filter((item) => visible(principal, item)) } };
}
