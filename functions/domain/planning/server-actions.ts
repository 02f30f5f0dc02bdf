// Builds the actions on one server from its record and its listed instance, so every rule
// fills targets, versions and reasons the same way.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type {
  Advance,
  FailedCause,
  InstanceTarget,
  MarkFailed,
  MarkTerminated,
  Stop,
  Terminate,
  TerminateCause,
  TerminatedCause,
} from './actions';
import type { PlanServer } from './plan-input';

/** The instance to call on: as listed, else as recorded, else none (nothing launched yet, as far as anyone knows). */
export function targetOf(server: PlanServer, instance: ObservedInstance | undefined): InstanceTarget | null {
  if (instance) {
    return {
      platform: instance.platform,
      credentialsId: server.credentialsId,
      region: instance.region,
      zone: instance.zone,
      instanceId: instance.instanceId,
    };
  }
  if (!server.instanceId) return null;
  return {
    platform: server.platform,
    credentialsId: server.credentialsId,
    region: server.region,
    zone: server.zone,
    instanceId: server.instanceId,
  };
}

export const onServer = (server: PlanServer, reason: string) => ({
  serverId: server.id,
  farmRoleId: server.farmRoleId,
  expectedVersion: server.version,
  from: server.status,
  reason,
});

export function markTerminated(
  server: PlanServer,
  cause: TerminatedCause,
  reason: string,
  instance?: ObservedInstance,
): MarkTerminated {
  return {
    type: 'markTerminated',
    ...onServer(server, reason),
    cause,
    unexpected: server.status !== 'Pending Terminate' && server.status !== 'Failed',
    instanceId: instance?.instanceId ?? server.instanceId,
  };
}

export function markFailed(
  server: PlanServer,
  cause: FailedCause,
  reason: string,
  instance: ObservedInstance | undefined,
): MarkFailed {
  return { type: 'markFailed', ...onServer(server, reason), cause, target: targetOf(server, instance) };
}

export function terminate(
  server: PlanServer,
  cause: TerminateCause,
  reason: string,
  instance: ObservedInstance | undefined,
): Terminate {
  return {
    type: 'terminate',
    ...onServer(server, reason),
    cause,
    recordStatus: cause === 'retry' ? null : 'Pending Terminate',
    target: targetOf(server, instance),
  };
}

export function stop(server: PlanServer, reason: string, instance: ObservedInstance): Stop {
  return {
    type: 'stop',
    ...onServer(server, reason),
    recordStatus: server.status === 'Suspended' ? null : 'Suspended',
    target: targetOf(server, instance)!,
  };
}

export function advance(
  server: PlanServer,
  to: Advance['to'],
  reason: string,
  instance: ObservedInstance,
): Advance {
  return {
    type: 'advance',
    ...onServer(server, reason),
    to,
    privateIp: instance.privateIp,
    publicIp: instance.publicIp,
  };
}
