// Reads the declarations that apply to a farm's farm roles (and servers) as resolution layers:
// account, environment, each farm role's role, the farm, the farm role, the server. A farm's own
// sets come in one Query (they share its partition); the others are one read per scope.
import type { Farm } from '../../domain/schemas/farm';
import type { VariableLayer, VariableSet, VariableTarget } from '../../domain/variables';
import type { Store } from '../../ports/store';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type LayersRepos = Pick<Store, 'variables'>;

export interface FarmVariableLayers {
  /** The layers of one farm role of the farm, down to one of its servers when given. */
  forFarmRole(farmRoleId: string, serverId?: string): VariableLayer[];
}

const layerOf = (set: VariableSet | undefined): VariableLayer[] =>
  set && set.variables.length > 0 ? [{ scope: set.target.scope, variables: set.variables }] : [];

export async function loadFarmVariableLayers(
  store: LayersRepos,
  farm: Pick<Farm, 'accountId' | 'environmentId' | 'id' | 'farmRoles'>,
): Promise<FarmVariableLayers> {
  const { accountId } = farm;
  const get = (target: VariableTarget) => store.variables.get(accountId, target);
  const roleIds = [...new Set(farm.farmRoles.map((fr) => fr.roleId))];
  const [account, environment, farmSets, ...roleSets] = await Promise.all([
    get({ scope: 'account' }),
    get({ scope: 'environment', environmentId: farm.environmentId }),
    store.variables.listForFarm({ accountId, farmId: farm.id }),
    ...roleIds.map((roleId) => get({ scope: 'role', roleId })),
  ]);
  const roles = new Map(roleIds.map((id, i) => [id, roleSets[i]]));
  const own = farmSets.find((s) => s.target.scope === 'farm');
  const farmRoleSets = new Map<string, VariableSet>();
  const serverSets = new Map<string, VariableSet>();
  for (const s of farmSets) {
    if (s.target.scope === 'farmRole') farmRoleSets.set(s.target.farmRoleId, s);
    if (s.target.scope === 'server') serverSets.set(s.target.serverId, s);
  }
  return {
    forFarmRole(farmRoleId, serverId) {
      const farmRole = farm.farmRoles.find((fr) => fr.id === farmRoleId);
      return [
        ...layerOf(account),
        ...layerOf(environment),
        ...layerOf(farmRole ? roles.get(farmRole.roleId) : undefined),
        ...layerOf(own),
        ...layerOf(farmRoleSets.get(farmRoleId)),
        ...layerOf(serverId ? serverSets.get(serverId) : undefined),
      ];
    },
  };
}
