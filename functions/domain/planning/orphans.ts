// 4. Orphans, whatever the farm's status: an instance tagged with this farm that no live record
// claims is terminated orphanGraceMs after its launch (a young one may be a launch whose record
// write is on its way). Its credentials come from its tagged farm role, its record, or any farm
// role in the same location.
import type { ObservedInstance } from '../clouds/observed-instance';
import type { TerminateOrphan } from './actions';
import type { Deadlines } from './deadlines';
import { timeOf } from './lifecycle';
import type { PlanFarm, PlanOptions, PlanServer } from './plan-input';

export function orphanActions(
  farm: PlanFarm,
  servers: readonly PlanServer[],
  orphans: readonly ObservedInstance[],
  { now, options, deadlines }: { now: number; options: PlanOptions; deadlines: Deadlines },
): TerminateOrphan[] {
  const actions: TerminateOrphan[] = [];
  for (const orphan of orphans) {
    const launchedAt = timeOf(orphan.launchedAt);
    // An unreadable launch time is treated as young: never terminate on a guess.
    if (launchedAt === undefined) continue;
    const dueAt = launchedAt + options.orphanGraceMs;
    if (now < dueAt) {
      deadlines.note(dueAt);
      continue;
    }
    const role = orphan.farmRoleId ? farm.farmRoles.find((r) => r.id === orphan.farmRoleId) : undefined;
    const record = orphan.serverId ? servers.find((s) => s.id === orphan.serverId) : undefined;
    const sameLocation = farm.farmRoles.find(
      (r) => r.platform === orphan.platform && r.region === orphan.region,
    );
    actions.push({
      type: 'terminateOrphan',
      target: {
        platform: orphan.platform,
        credentialsId: role?.credentialsId ?? record?.credentialsId ?? sameLocation?.credentialsId ?? null,
        region: orphan.region,
        zone: orphan.zone,
        instanceId: orphan.instanceId,
      },
      taggedServerId: orphan.serverId ?? null,
      taggedFarmRoleId: orphan.farmRoleId ?? null,
      launchedAt: orphan.launchedAt,
      reason: record
        ? `instance of server ${record.id}, which is ${record.status === 'Terminated' ? 'terminated' : 'tracking another instance'}`
        : 'instance tagged with this farm but no server record',
    });
  }
  return actions;
}
