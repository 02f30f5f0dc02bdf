// Farm status transitions, judged on the world as it is now (not as the plan will leave it):
// a transition is taken by the first pass that sees it true, so FarmLaunched, FarmTerminated
// and FarmSuspended are facts when published.
//   Launching  → Running     every farm role has its desired servers Running
//   Resuming   → Running     no server is Suspended any more, and the same as Launching
//   Terminating → Terminated  every record is Terminated and no instance of the farm is listed
//   Suspending → Suspended    every remaining server is Suspended with its instance stopped, and no orphan runs
import type { FarmStatusChange } from './actions';
import type { Observation } from './observation';
import type { PlanFarm, PlanServer } from './plan-input';

export function farmTransition(
  farm: PlanFarm,
  servers: readonly PlanServer[],
  observation: Observation,
  desired: ReadonlyMap<string, number>,
): FarmStatusChange | null {
  const change = (to: FarmStatusChange['to'], reason: string): FarmStatusChange => ({
    type: 'farmStatus',
    from: farm.status,
    to,
    reason,
  });
  const remaining = servers.filter((s) => s.status !== 'Terminated');
  const rolesUp = () =>
    farm.farmRoles.every(
      (role) =>
        remaining.filter((s) => s.farmRoleId === role.id && s.status === 'Running').length >=
        (desired.get(role.id) ?? 0),
    );

  switch (farm.status) {
    case 'Launching':
      return rolesUp() ? change('Running', 'every farm role has its desired servers running') : null;
    case 'Resuming':
      return !remaining.some((s) => s.status === 'Suspended') && rolesUp()
        ? change('Running', 'every farm role has its desired servers running again')
        : null;
    case 'Terminating':
      return remaining.length === 0 && observation.orphans.length === 0
        ? change('Terminated', 'no server and no instance of the farm remains')
        : null;
    case 'Suspending':
      return observation.orphans.length === 0 &&
        remaining.every((s) => s.status === 'Suspended' && observation.instanceOf(s.id)?.state === 'stopped')
        ? change('Suspended', 'every server is stopped')
        : null;
    default:
      return null;
  }
}
