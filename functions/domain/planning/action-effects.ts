// What applying each action does besides the planner's bookkeeping, decided here so the applier
// only carries it out in order: the record write (status and fields), the event the change
// raises (Scalr's names, see docs/architecture.md §6), and the one cloud call that follows the write.
import { BEFORE_TERMINATE_EVENT } from '../orchestration/match-rules';
import type { FarmStatus } from '../schemas/farm';
import type { Server, ServerStatus } from '../schemas/server';
import type {
  FarmAction,
  InstanceTarget,
  LaunchCause,
  RetryLaunch,
  ServerAction,
  TerminateOrphan,
} from './actions';
import type { Placement } from './launch-attempts';

/** An event to raise: its name and payload (the applier adds the farm, server and time). */
export interface EventFacts {
  name: string;
  payload: Record<string, unknown>;
}

export type CloudCall = 'terminate' | 'stop' | 'start';

export interface ServerActionSteps {
  /** The record's new status (null: keep it) and fields; null: no write. */
  write: { status: ServerStatus | null; fields: Partial<Server> } | null;
  /** The event the written record raises. */
  event: EventFacts | null;
  /** The cloud call made after the write. */
  cloud: { call: CloudCall; target: InstanceTarget } | null;
}

/** Raised when a server never comes up: the cloud refused its launch, or it timed out launching. */
export const LAUNCH_FAILED_EVENT = 'InstanceLaunchFailed';
/** Raised once per change of the violations that refuse a farm role's launches. */
export const POLICY_VIOLATION_EVENT = 'PolicyViolation';

/** Actions that call a cloud: skipped for the rest of a pass the cloud throttled. */
export function callsCloud(action: FarmAction): boolean {
  return ['markFailed', 'terminate', 'terminateOrphan', 'stop', 'start', 'retryLaunch', 'launch'].includes(
    action.type,
  );
}

/** The steps of an action on an existing server; `recordedInstanceId` is the record's instance id before the pass. */
export function serverActionSteps(
  action: Exclude<ServerAction, RetryLaunch>,
  recordedInstanceId: string | null | undefined,
): ServerActionSteps {
  const none: ServerActionSteps = { write: null, event: null, cloud: null };
  const ips = (a: { privateIp: string | null; publicIp: string | null }) => ({
    privateIp: a.privateIp,
    publicIp: a.publicIp,
  });
  switch (action.type) {
    case 'recordInstance':
      return { ...none, write: { status: action.status, fields: { ...action.instance } } };
    case 'advance':
      return { ...none, write: { status: action.to, fields: ips(action) } };
    case 'recordAddresses':
      return {
        ...none,
        write: { status: null, fields: ips(action) },
        event: { name: 'IPAddressChanged', payload: ips(action) },
      };
    case 'markTerminated':
      return {
        ...none,
        write: { status: 'Terminated', fields: action.instanceId ? { instanceId: action.instanceId } : {} },
        event: { name: 'HostDown', payload: { cause: action.cause, unexpected: action.unexpected } },
      };
    case 'markFailed':
      return {
        write: { status: 'Failed', fields: {} },
        event: {
          name: action.cause === 'init-timeout' ? 'HostInitFailed' : LAUNCH_FAILED_EVENT,
          payload: { cause: action.cause },
        },
        cloud: action.target ? { call: 'terminate', target: action.target } : null,
      };
    case 'terminate': {
      const recorded = action.recordStatus !== null;
      const instanceId = action.target && !recordedInstanceId ? { instanceId: action.target.instanceId } : {};
      return {
        write: recorded ? { status: action.recordStatus, fields: instanceId } : null,
        event: recorded ? { name: BEFORE_TERMINATE_EVENT, payload: { cause: action.cause } } : null,
        // A held terminate leaves the instance to its BeforeHostTerminate scripts this pass.
        cloud: action.target && !action.hold ? { call: 'terminate', target: action.target } : null,
      };
    }
    case 'stop':
      return {
        ...none,
        write: action.recordStatus ? { status: action.recordStatus, fields: {} } : null,
        cloud: { call: 'stop', target: action.target },
      };
    case 'start':
      return {
        ...none,
        write: { status: 'Pending', fields: {} },
        cloud: { call: 'start', target: action.target },
      };
  }
}

/** The events that announce a new server record before its launch call, in order. */
export function launchEvents(
  cause: LaunchCause,
  placement: Placement,
  replacesServerId: string | null,
): EventFacts[] {
  const events: EventFacts[] = [
    {
      name: 'BeforeInstanceLaunch',
      payload: { cause, zone: placement.zone, instanceType: placement.instanceType },
    },
  ];
  if (cause === 'replacement' && replacesServerId)
    events.push({ name: 'ServerReplaced', payload: { replacesServerId } });
  if (cause === 'scale-out') events.push({ name: 'ScaleOut', payload: {} });
  return events;
}

/** The event an orphan's terminate raises, with the ids read back from its tags. */
export function orphanTerminatedEvent(action: TerminateOrphan): EventFacts {
  return {
    name: 'OrphanTerminated',
    payload: { instanceId: action.target.instanceId, taggedServerId: action.taggedServerId },
  };
}

/** The farm event a status change raises, if any (the transitional statuses raise none). */
export function farmStatusEvent(from: FarmStatus, to: FarmStatus): string | undefined {
  if (to === 'Terminated') return 'FarmTerminated';
  if (to === 'Suspended') return 'FarmSuspended';
  if (from === 'Resuming') return 'FarmResumed';
  return to === 'Running' ? 'FarmLaunched' : undefined;
}
