// List routes answer only what the caller may view, item by item, decided with the same can()
// the authorize middleware used for the route (whose subject it left on the principal).
import { can, seesEnvironment } from '../../../domain/access/can';
import type { Principal } from '../../../ports/identity';
import type { OperationResult, ParsedRequest } from '../operation';

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
