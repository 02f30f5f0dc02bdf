// What a member server (live or suspended) needs when it stays: while the farm serves, record
// what the cloud shows and nudge it towards Running; while it is being suspended, stop it.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { FarmAction, RecordInstance } from './actions';
import type { AssessContext, Member } from './assess-server';
import { enteredAt, timeOf } from './lifecycle';
import type { PlanServer } from './plan-input';
import { advance, onServer, stop, targetOf, terminate } from './server-actions';

/** A kept member of a serving farm. */
export function servingAction({ server, instance, located }: Member, ctx: AssessContext): FarmAction | null {
  // Claimed by its tags, but never recorded: the agent moved the server on before any pass did.
  if (instance && !server.instanceId && server.status !== 'Pending Launch' && server.status !== 'Suspended') {
    return recordInstance(server, instance, null);
  }
  switch (server.status) {
    case 'Pending Launch': {
      if (instance)
        return recordInstance(server, instance, instance.state === 'running' ? 'Initializing' : 'Pending');
      if (!located) return null;
      const retryAt = (timeOf(server.updatedAt) ?? enteredAt(server)) + ctx.options.retryAfterMs;
      if (ctx.now < retryAt) {
        ctx.deadlines.note(retryAt);
        return null;
      }
      return {
        type: 'retryLaunch',
        ...onServer(server, 'no instance listed yet; launching again with the same server id'),
        zone: server.zone,
        instanceType: server.instanceType,
      };
    }
    case 'Pending':
      return instance?.state === 'running'
        ? advance(server, 'Initializing', `instance ${instance.instanceId} is running`, instance)
        : null;
    case 'Initializing':
    case 'Running':
      if (
        instance?.state === 'running' &&
        (instance.privateIp !== server.privateIp || instance.publicIp !== server.publicIp)
      ) {
        return {
          type: 'recordAddresses',
          ...onServer(server, 'addresses changed'),
          privateIp: instance.privateIp,
          publicIp: instance.publicIp,
        };
      }
      return null;
    case 'Suspended':
      if (instance?.state === 'stopped') {
        return { type: 'start', ...onServer(server, 'resuming'), target: targetOf(server, instance)! };
      }
      if (instance?.state === 'running' || instance?.state === 'pending') {
        const to = instance.state === 'running' ? 'Initializing' : 'Pending';
        return advance(server, to, `instance ${instance.instanceId} was started`, instance);
      }
      return null; // stopping: it can be started once stopped
    default:
      return null;
  }
}

/** A member of a farm being suspended: running instances are stopped, unlaunched servers dropped. */
export function suspendingAction({ server, instance }: Member, ctx: AssessContext): FarmAction | null {
  if (server.status === 'Pending Launch') {
    return terminate(server, 'farm-suspending', 'farm suspended before the server was launched', instance);
  }
  if (!instance) return null;
  switch (instance.state) {
    case 'running': {
      if (server.status === 'Suspended') {
        const retryAt = enteredAt(server) + ctx.options.retryAfterMs;
        if (ctx.now < retryAt) {
          ctx.deadlines.note(retryAt);
          return null;
        }
      }
      return stop(server, 'farm suspended', instance);
    }
    case 'stopping':
    case 'stopped':
      return server.status === 'Suspended'
        ? null
        : advance(server, 'Suspended', `instance ${instance.instanceId} is ${instance.state}`, instance);
    default:
      return null; // pending: an instance cannot be stopped before it runs
  }
}

function recordInstance(
  server: PlanServer,
  instance: ObservedInstance,
  status: RecordInstance['status'],
): RecordInstance {
  return {
    type: 'recordInstance',
    ...onServer(server, `instance ${instance.instanceId} is ${instance.state}`),
    status,
    instance: {
      instanceId: instance.instanceId,
      zone: instance.zone,
      privateIp: instance.privateIp,
      publicIp: instance.publicIp,
    },
  };
}
