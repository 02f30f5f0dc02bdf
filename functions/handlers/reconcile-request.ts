// What a reconcile invocation asks for, from the three shapes the reconcile function receives:
//  - a Scheduler payload: the ReconcileRequest a one-time look-again schedule carries as its input
//    (and the sweep's, as an SQS message body: handlers/reconcile.ts unwraps the batch);
//  - a Drover event from the `drover` bus (EVENT_RULES): `detail` is the DroverEvent, which
//    names the account and the farm;
//  - an EC2 "EC2 Instance State-change Notification" from the default bus: it names only an
//    instance, so the handler finds the farm through the instance-id index.
// Pure: no I/O, so the handler stays a composition root and this is unit-tested with real samples.
import { z } from 'zod';
import { InvalidInput } from '../domain/errors';
import { EC2_INSTANCE_STATES, type ReconcileTrigger } from '../domain/reconcile-trigger';
import { EVENT_SOURCE } from '../ports/event-publisher';

export const EC2_STATE_CHANGE_DETAIL_TYPE = 'EC2 Instance State-change Notification';

/** The invocation matched none of the shapes the reconcile function accepts. */
export class InvalidReconcileEvent extends InvalidInput {}

const Id = z.string().min(1).max(128);

const SchedulerPayload = z.object({
  accountId: Id,
  farmId: Id,
  reason: z.string().min(1).max(256),
  // The sweep's requests (ports/farm-sweep.ts) carry the cadence they saw.
  sweptEvery: z.number().int().min(1).max(1440).optional(),
});

const DroverBusEvent = z.object({
  source: z.literal(EVENT_SOURCE),
  'detail-type': z.string().min(1),
  id: z.string().optional(),
  detail: z.object({ accountId: Id, farmId: Id, name: z.string().optional(), id: z.string().optional() }),
});

const Ec2StateChangeEvent = z.object({
  source: z.literal('aws.ec2'),
  'detail-type': z.literal(EC2_STATE_CHANGE_DETAIL_TYPE),
  account: z.string().optional(),
  region: z.string().optional(),
  detail: z.object({ 'instance-id': z.string().regex(/^i-[0-9a-f]+$/), state: z.enum(EC2_INSTANCE_STATES) }),
});

/**
 * Reads one reconcile invocation. The name is plural because each shape is one source of
 * reconcile requests; an invocation carries exactly one. Throws InvalidReconcileEvent (with
 * the offending fields) for anything else.
 */
export function toReconcileRequests(event: unknown): ReconcileTrigger {
  const source = isRecord(event) ? event.source : undefined;

  if (source === undefined) {
    const payload = parseOrThrow(SchedulerPayload, event, 'a Scheduler payload (ReconcileRequest)');
    return {
      kind: 'farm',
      accountId: payload.accountId,
      farmId: payload.farmId,
      reason: payload.reason,
      ...(payload.sweptEvery ? { sweptEvery: payload.sweptEvery } : {}),
    };
  }
  if (source === EVENT_SOURCE) {
    const bus = parseOrThrow(DroverBusEvent, event, 'a Drover event with an account and a farm');
    return {
      kind: 'farm',
      accountId: bus.detail.accountId,
      farmId: bus.detail.farmId,
      reason: `event:${bus['detail-type']}`,
    };
  }
  if (source === 'aws.ec2') {
    const ec2 = parseOrThrow(Ec2StateChangeEvent, event, `an ${EC2_STATE_CHANGE_DETAIL_TYPE}`);
    return {
      kind: 'instance',
      platform: 'aws',
      instanceId: ec2.detail['instance-id'],
      state: ec2.detail.state,
      reason: `ec2:${ec2.detail.state}`,
      ...(ec2.region ? { region: ec2.region } : {}),
      ...(ec2.account ? { awsAccountId: ec2.account } : {}),
    };
  }
  throw new InvalidReconcileEvent(`reconcile cannot handle events from source '${String(source)}'`, [
    { path: 'source', message: `expected '${EVENT_SOURCE}', 'aws.ec2' or no source (a Scheduler payload)` },
  ]);
}

function parseOrThrow<T>(schema: z.ZodType<T>, event: unknown, expected: string): T {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  throw new InvalidReconcileEvent(
    `not ${expected}`,
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
