// The actions a reconcile applies, in plan order. Each is applied with at most one store write
// (conditional on the server's `expectedVersion`; a new record for `launch`) followed by at most
// one cloud call, and the write always comes first: the record states the intent before the
// side effect, so a pass killed between the two leaves a record the next pass completes
// (a Pending Launch is re-launched by server id, a Pending Terminate re-terminated), never an
// untracked instance. A plan holds at most one action per server. If a write fails on a version
// conflict, the applier stops: the next pass plans from fresh records.
//
// Ordering: facts from the cloud first, then ends (which free maxInstances slots), then
// terminations and stops, then whatever takes a slot (starts, an advance out of Suspended,
// retried launches, launches), then the farm status. Every prefix of a plan therefore respects
// maxInstances, and an applier that stops half-way leaves no farm role above it.
import type { Platform } from '../schemas/common';
import type { FarmStatus } from '../schemas/farm';
import type { ServerStatus } from '../schemas/server';

/** Enough to address one instance with CloudDriver.terminate/stop/start(region, [{ instanceId, zone }]). */
export interface InstanceTarget {
  platform: Platform;
  /** The credentials to call with; null when an orphan's farm role and record are both unknown (the applier resolves it by location). */
  credentialsId: string | null;
  region: string;
  zone: string;
  instanceId: string;
}

interface OnServer {
  serverId: string;
  farmRoleId: string;
  /** The version the planner read: the write is conditional on it. */
  expectedVersion: number;
  /** The server's status when planned (for events and for a sanity check by the applier). */
  from: ServerStatus;
  /** Written to statusReason; one line a person can read. */
  reason: string;
}

/**
 * A server's instance is listed (found by the server id in its tags) but the record has no
 * instance id: a Pending Launch server, or one whose agent reported HostInit/HostUp before any
 * pass recorded the instance (the launching pass died or lost its write to the agent's).
 * Write: instanceId, zone and IPs, and `status` unless it is null (the record's status is
 * already past Pending Launch: keep it). No cloud call. Events: HostInit is the agent's; the
 * applier may publish nothing here.
 */
export interface RecordInstance extends OnServer {
  type: 'recordInstance';
  status: 'Pending' | 'Initializing' | null;
  instance: { instanceId: string; zone: string; privateIp: string | null; publicIp: string | null };
}

/**
 * A status change seen in the cloud: the instance runs (→ Initializing), a started instance is
 * booting (→ Pending), or a farm being suspended finds its instance stopped (→ Suspended).
 * Write: status and IPs. No cloud call. Initializing → Running is the agent's HostUp, never the planner's.
 */
export interface Advance extends OnServer {
  type: 'advance';
  to: 'Pending' | 'Initializing' | 'Suspended';
  privateIp: string | null;
  publicIp: string | null;
}

/** The running instance's addresses changed (stop/start, Elastic IP). Write: IPs. No cloud call. Event: IPAddressChanged. */
export interface RecordAddresses extends OnServer {
  type: 'recordAddresses';
  privateIp: string | null;
  publicIp: string | null;
}

export type TerminatedCause =
  /** The instance is listed as shutting-down or terminated. */
  | 'instance-ended'
  /** The recorded instance is no longer listed, past the vanish grace. */
  | 'instance-gone'
  /** A server being terminated or failed before any instance appeared, past the vanish grace. */
  | 'never-launched';

/**
 * The server's instance has ended. Write: status Terminated (and the instance id if the record
 * lacked it). No cloud call. Event: HostDown. `unexpected` is true when nobody asked for the end
 * (the server was live or suspended): the farm role is then healed by a `launch` in the same plan.
 */
export interface MarkTerminated extends OnServer {
  type: 'markTerminated';
  cause: TerminatedCause;
  unexpected: boolean;
  instanceId: string | null;
}

export type FailedCause = 'launch-timeout' | 'init-timeout' | 'instance-stopped';

/**
 * The server cannot come up (stuck past launchTimeoutSec / initTimeoutSec) or its instance was
 * stopped outside Drover while the farm runs. Write: status Failed. Cloud call: terminate
 * `target` when there is one. Events: InstanceLaunchFailed or HostInitFailed. A Failed server no
 * longer holds a maxInstances slot, and a `launch` with replacesServerId = this server follows
 * in the same plan when the farm role needs it.
 */
export interface MarkFailed extends OnServer {
  type: 'markFailed';
  cause: FailedCause;
  target: InstanceTarget | null;
}

export type TerminateCause =
  | 'scale-in'
  | 'role-removed'
  | 'farm-terminating'
  /** Servers without an instance yet are not kept across a suspension; they are relaunched on resume. */
  | 'farm-suspending'
  /** The server is already Pending Terminate or Failed and its instance is still there: call again. */
  | 'retry';

/**
 * Terminate one server. Write: status `recordStatus` (with target.instanceId if the record lacks
 * it) unless recordStatus is null (the intent is already recorded). Cloud call: terminate
 * `target` when there is one (a Pending Launch server may have none yet: the vanish grace then
 * waits for a late instance). Event: BeforeHostTerminate when recordStatus is set.
 */
export interface Terminate extends OnServer {
  type: 'terminate';
  cause: TerminateCause;
  recordStatus: 'Pending Terminate' | null;
  target: InstanceTarget | null;
  /** Set by holdTerminates (terminate-holds.ts): the cloud call waits for BeforeHostTerminate scripts. */
  hold?: TerminateHold;
}

/**
 * A terminate that leaves the instance running this pass. `until`: when the wait for open
 * scripts ends at the latest; null on the first pass, before the orchestrator queued any.
 */
export interface TerminateHold {
  until: string | null;
}

/**
 * An instance tagged with this farm that no live record claims (no record, a Terminated record,
 * or a second instance for one server id), older than orphanGraceMs. No write. Cloud call:
 * terminate `target`. Tags are read back for the event log.
 */
export interface TerminateOrphan {
  type: 'terminateOrphan';
  target: InstanceTarget;
  taggedServerId: string | null;
  taggedFarmRoleId: string | null;
  launchedAt: string;
  reason: string;
}

/**
 * Suspend one server. Write: status Suspended unless recordStatus is null (a re-stop of a
 * Suspended server whose instance still runs). Cloud call: stop `target`.
 */
export interface Stop extends OnServer {
  type: 'stop';
  recordStatus: 'Suspended' | null;
  target: InstanceTarget;
}

/**
 * Resume one Suspended server whose instance is stopped. Write: status Pending (the launch
 * timeout restarts here). Cloud call: start `target`. The server then goes Initializing →
 * Running like a new one, on the agent's HostUp. Event: ResumeComplete comes with that HostUp.
 */
export interface Start extends OnServer {
  type: 'start';
  target: InstanceTarget;
}

/**
 * A Pending Launch server with no listed instance, its last write older than retryAfterMs.
 * No write required (the applier may record the launch error in statusReason, which also spaces
 * the next retry). Cloud call: CloudDriver.launch with the record's server id, zone and
 * instance type — idempotent by server id, so a launch that did succeed returns the same instance.
 */
export interface RetryLaunch extends OnServer {
  type: 'retryLaunch';
  zone: string;
  instanceType: string;
}

export type LaunchCause = 'initial' | 'scale-out' | 'replacement';

/**
 * A new server. Write: create the record in Pending Launch with a new server id (the applier
 * chooses it), farmRoleId, index, zone, instanceType, replacesServerId. Cloud call:
 * CloudDriver.launch with that server id. Events: BeforeInstanceLaunch; ScaleOut or
 * ServerReplaced by cause.
 */
export interface Launch {
  type: 'launch';
  farmRoleId: string;
  farmRoleAlias: string;
  /** Lowest 1-based index no live or suspended server of the farm role holds. */
  index: number;
  /** The farm role's zone with the fewest live servers, ties broken by the zones' order. */
  zone: string;
  instanceType: string;
  replacesServerId: string | null;
  cause: LaunchCause;
  reason: string;
}

/** Write: the farm's status (conditional on the farm's version, read by the applier). No cloud call. Events: FarmLaunched, FarmTerminated, FarmSuspended, FarmResumed. */
export interface FarmStatusChange {
  type: 'farmStatus';
  from: FarmStatus;
  to: FarmStatus;
  reason: string;
}

export type ServerAction =
  | RecordInstance
  | Advance
  | RecordAddresses
  | MarkTerminated
  | MarkFailed
  | Terminate
  | Stop
  | Start
  | RetryLaunch;

export type FarmAction = ServerAction | TerminateOrphan | Launch | FarmStatusChange;
export type FarmActionType = FarmAction['type'];
