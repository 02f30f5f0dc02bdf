// The first look at each server: has its instance ended or vanished, is it stuck past a
// timeout, is it still being terminated? What remains is a member of its farm role — live or
// suspended — whose fate (keep, start, stop, terminate) the farm role's rules decide next.
import type { ObservedInstance } from '../../domain/clouds/observed-instance';
import type { MarkFailed, MarkTerminated, Terminate } from './actions';
import type { Deadlines } from './deadlines';
import { enteredAt, instanceEnded, isLive, lastKnownAt, launchStartedAt } from './lifecycle';
import type { Observation } from './observation';
import { type PlanFarmRole, type PlanOptions, type PlanServer, vanishGraceFor } from './plan-input';
import { markFailed, markTerminated, terminate } from './server-actions';

/** How the farm's status steers its servers. */
export type FarmPhase = 'serving' | 'suspending' | 'terminating';

export interface AssessContext {
  now: number;
  options: PlanOptions;
  phase: FarmPhase;
  observation: Observation;
  deadlines: Deadlines;
}

export interface Member {
  server: PlanServer;
  /** The listed, not ended instance, if any. */
  instance: ObservedInstance | undefined;
  /** Whether the server's location was listed: if not, its record is taken as it stands. */
  located: boolean;
}

export type Verdict =
  | { kind: 'ended'; action: MarkTerminated }
  | { kind: 'failed'; action: MarkFailed }
  /** Pending Terminate or Failed, still waiting for its instance to end. */
  | { kind: 'ending'; action: Terminate | MarkTerminated | null }
  | { kind: 'member'; member: Member };

const sec = (s: number) => s * 1000;

export function assessServer(
  server: PlanServer,
  role: PlanFarmRole | undefined,
  ctx: AssessContext,
): Verdict {
  const { now, options, deadlines } = ctx;
  const instance = ctx.observation.instanceOf(server.id);
  const located = ctx.observation.covers(server.platform, server.region);

  if (instance && instanceEnded(instance.state)) {
    return {
      kind: 'ended',
      action: markTerminated(
        server,
        'instance-ended',
        `instance ${instance.instanceId} is ${instance.state}`,
        instance,
      ),
    };
  }

  if (server.status === 'Pending Terminate' || server.status === 'Failed') {
    return { kind: 'ending', action: assessEnding(server, instance, located, ctx) };
  }

  if (!instance && located && (server.instanceId || server.status !== 'Pending Launch')) {
    const goneAt = lastKnownAt(server) + vanishGraceFor(options, server.platform);
    if (now >= goneAt) {
      const what = server.instanceId ? `instance ${server.instanceId}` : 'its instance';
      return {
        kind: 'ended',
        action: markTerminated(server, 'instance-gone', `${what} is no longer listed`),
      };
    }
    deadlines.note(goneAt);
  }

  if (ctx.phase === 'serving' && role && located) {
    const failure = assessFailure(server, instance, role, ctx);
    if (failure) return { kind: 'failed', action: failure };
  }

  return { kind: 'member', member: { server, instance, located } };
}

/** Only while the farm serves: a suspending or terminating farm disposes of these servers anyway. */
function assessFailure(
  server: PlanServer,
  instance: ObservedInstance | undefined,
  role: PlanFarmRole,
  { now, deadlines }: AssessContext,
): MarkFailed | null {
  if (instance && isLive(server.status) && (instance.state === 'stopping' || instance.state === 'stopped')) {
    return markFailed(
      server,
      'instance-stopped',
      `instance ${instance.instanceId} was stopped outside Drover`,
      instance,
    );
  }
  const waitingForInstance =
    (server.status === 'Pending Launch' && !instance) ||
    (server.status === 'Pending' && instance?.state === 'pending');
  if (waitingForInstance) {
    const deadline = launchStartedAt(server) + sec(role.launchTimeoutSec);
    if (now >= deadline) {
      return markFailed(
        server,
        'launch-timeout',
        `no running instance after ${role.launchTimeoutSec}s`,
        instance,
      );
    }
    deadlines.note(deadline);
  }
  if (server.status === 'Initializing' && instance) {
    const deadline = enteredAt(server) + sec(role.initTimeoutSec);
    if (now >= deadline) {
      return markFailed(
        server,
        'init-timeout',
        `no HostUp from the agent after ${role.initTimeoutSec}s`,
        instance,
      );
    }
    deadlines.note(deadline);
  }
  return null;
}

function assessEnding(
  server: PlanServer,
  instance: ObservedInstance | undefined,
  located: boolean,
  { now, options, deadlines }: AssessContext,
): Terminate | MarkTerminated | null {
  if (instance) {
    const retryAt = enteredAt(server) + options.retryAfterMs;
    if (now >= retryAt) {
      return terminate(
        server,
        'retry',
        `instance ${instance.instanceId} is still ${instance.state}`,
        instance,
      );
    }
    deadlines.note(retryAt);
    return null;
  }
  if (!located) return null;
  const grace = server.instanceId
    ? Math.min(vanishGraceFor(options, server.platform), options.endingVanishGraceMs)
    : vanishGraceFor(options, server.platform);
  const goneAt = lastKnownAt(server) + grace;
  if (now < goneAt) {
    deadlines.note(goneAt);
    return null;
  }
  return server.instanceId
    ? markTerminated(server, 'instance-gone', `instance ${server.instanceId} is no longer listed`)
    : markTerminated(server, 'never-launched', 'no instance appeared');
}
