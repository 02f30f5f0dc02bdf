// What the signed-in user may do, read from `GET /api/v1/me`, so pages hide or disable what
// would only be refused. The API still decides every request (functions/domain/access/can.ts);
// this mirrors its farm-scope rule (own ⊂ team ⊂ all) so a developer of another team sees a farm
// read-only, and says why a control is off in the same words the API's 403 would.
import type { z } from 'zod';
import type { Me } from '../../functions/domain/access/me';
import type { Permission } from '../../functions/domain/access/permissions';

export type MeView = z.infer<typeof Me>;
export interface FarmOwnership {
  ownerId: string;
  ownerTeamId?: string | null;
}

/** Account administration (users, teams, ACL roles) is the owner's and admins' alone. */
export const isAccountAdmin = (me: MeView | undefined) =>
  me?.accountRole === 'owner' || me?.accountRole === 'admin';

/**
 * Why the user may not take `permission` in an environment (on a farm, when given), or undefined
 * when they may. While `/me` is loading nothing is denied: the API refuses what it must anyway.
 */
export function denial(
  me: MeView | undefined,
  permission: Permission,
  environmentId: string | undefined,
  farm?: FarmOwnership,
): string | undefined {
  if (!me || !environmentId) return undefined;
  const env = me.environments.find((e) => e.environmentId === environmentId);
  const scope = env?.permissions[permission];
  if (!scope) return `You need the permission ${permission} in ${env?.name ?? 'this environment'}.`;
  if (!farm || scope === 'all' || farm.ownerId === me.user.id) return undefined;
  if (scope === 'team' && farm.ownerTeamId && me.teamIds.includes(farm.ownerTeamId)) return undefined;
  return scope === 'team'
    ? `You may ${actionOf(permission)} only your teams' farms: this farm belongs to another team.`
    : `You may ${actionOf(permission)} only farms you own.`;
}

export const may = (...args: Parameters<typeof denial>) => denial(...args) === undefined;

function actionOf(permission: Permission): string {
  const [resource, action] = permission.split(':') as [string, string];
  return resource === 'servers' ? `${action} servers of` : action === 'update' ? 'change' : action;
}
