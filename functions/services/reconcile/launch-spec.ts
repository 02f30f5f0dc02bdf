// Turns a server record and its farm role into the cloud's launch spec, with Drover's tags
// on every instance so observation is a filtered list, never a guess.

import { launchPlacement } from '../../domain/clouds/launch-placement';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../domain/clouds/launch-spec';
import type { Farm, StoredFarmRole } from '../../domain/schemas/farm';
import type { Role } from '../../domain/schemas/role';
import { agentMetricsUsed } from '../../domain/schemas/scaling';
import type { Server } from '../../domain/schemas/server';
import { type AgentDownload, agentUserData } from './user-data';

export function launchSpecFor(
  server: Server,
  farm: Pick<Farm, 'name'>,
  farmRole: StoredFarmRole,
  role: Pick<Role, 'tags'> | undefined,
  agent: { apiUrl: string; token: string; channelUrl?: string; download?: AgentDownload },
  /** The farm role's tags with `${NAME}` references filled from Global Variables (see variables/launch-gate.ts). */
  farmRoleTags: Readonly<Record<string, string>> = farmRole.tags,
): LaunchSpec {
  const tags: Record<string, string> = {
    ...role?.tags,
    ...farmRoleTags,
    [DROVER_TAG_KEYS.accountId]: server.accountId,
    [DROVER_TAG_KEYS.environmentId]: server.environmentId,
    [DROVER_TAG_KEYS.farmId]: server.farmId,
    [DROVER_TAG_KEYS.farmRoleId]: server.farmRoleId,
    [DROVER_TAG_KEYS.serverId]: server.id,
  };
  const spec: LaunchSpec = {
    serverId: server.id,
    name: `${farm.name}-${server.farmRoleAlias}-${server.index}`,
    region: server.region,
    zone: server.zone,
    imageId: server.imageId,
    instanceType: server.instanceType,
    volumes: farmRole.volumes.map((v) => ({ ...v })),
    tags,
    userData: agentUserData(
      agent.apiUrl,
      server.id,
      agent.token,
      agent.channelUrl,
      agent.download,
      agentMetricsUsed(farmRole.scaling).length > 0,
    ),
  };
  Object.assign(spec, launchPlacement(farmRole, server.zone));
  return spec;
}
