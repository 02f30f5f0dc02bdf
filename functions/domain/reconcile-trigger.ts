// What asks for a reconcile pass: a farm named outright (its schedule, a Drover event) or a
// cloud instance whose state changed (the farm is found through the instance-id index). The
// reconcile handler reads these from its invocations (handlers/reconcile-request.ts); the
// reconcile service and the local runtime act on them.

/** The states EC2 reports in state-change notifications. */
export const EC2_INSTANCE_STATES = [
  'pending',
  'running',
  'stopping',
  'stopped',
  'shutting-down',
  'terminated',
] as const;
export type Ec2InstanceState = (typeof EC2_INSTANCE_STATES)[number];

export interface FarmReconcileRequest {
  kind: 'farm';
  accountId: string;
  farmId: string;
  reason: string;
  /** From the sweep: the cadence its entry for the farm holds (ports/farm-sweep.ts). */
  sweptEvery?: number;
}

export interface InstanceReconcileRequest {
  kind: 'instance';
  platform: 'aws';
  instanceId: string;
  state: Ec2InstanceState;
  reason: string;
  /** The event's region and AWS account, when present: where the instance lives. */
  region?: string;
  awsAccountId?: string;
}

export type ReconcileTrigger = FarmReconcileRequest | InstanceReconcileRequest;
