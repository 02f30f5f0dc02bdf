// FarmScheduler in AWS: the safety net is the sweep (ports/farm-sweep.ts) — `ensure` writes the
// farm's sweep entry (every tick: a launched or resumed farm is moving), `sweepEvery` changes its
// cadence, `remove` deletes it — and "look again at T" is a one-time EventBridge Scheduler
// schedule that deletes itself (look-again-schedule.ts).
//
// Farms launched before the sweep have a `rate(1 minute)` schedule each in the group, named after
// the farm (schedule-name.ts). `ensure` and `remove` delete it (one that is gone is success), and a
// pass that such a schedule still asks for calls `ensure` (services/reconcile/reconcile-invocation.ts),
// so the running fleet moves to the sweep at its next tick, without a migration step.
//
// Retry policy of the look-again schedules: a delivery that still fails after two minutes is
// superseded by the sweep anyway (a reconcile is idempotent and takes the farm's lease), so retries
// stay short and what is left goes to the dead-letter queue, where it is visible.
import { DeleteScheduleCommand, type RetryPolicy, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { FarmRef, FarmScheduler } from '../../ports/farm-scheduler';
import type { FarmSweepEntries } from '../../ports/farm-sweep';
import { createLookAgainSchedule } from './look-again-schedule';
import { scheduleNameFor } from './schedule-name';

export interface EventBridgeFarmSchedulerOptions {
  groupName: string;
  /** The reconcile function's ARN. */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke it (the caller needs iam:PassRole on it). */
  roleArn: string;
  /** An SQS queue for deliveries that failed every retry. */
  deadLetterArn?: string;
  /** The sweep's entries (dynamodb/sweep-repo.ts). */
  entries: FarmSweepEntries;
  client?: SchedulerClient;
  retryPolicy?: RetryPolicy;
}

export function createEventBridgeFarmScheduler(options: EventBridgeFarmSchedulerOptions): FarmScheduler {
  const client = options.client ?? new SchedulerClient({});

  /** The farm's per-farm schedule from before the sweep, if it still has one. */
  const deleteLegacySchedule = async (farm: FarmRef) => {
    try {
      await client.send(
        new DeleteScheduleCommand({ Name: scheduleNameFor(farm.farmId), GroupName: options.groupName }),
      );
    } catch (error) {
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    }
  };

  return {
    async ensure(farm: FarmRef): Promise<void> {
      await options.entries.put({ accountId: farm.accountId, farmId: farm.farmId, every: 1 });
      await deleteLegacySchedule(farm);
    },

    async remove(farm: FarmRef): Promise<void> {
      await options.entries.remove(farm);
      await deleteLegacySchedule(farm);
    },

    sweepEvery: (farm: FarmRef, every: number) =>
      options.entries.setEvery({ accountId: farm.accountId, farmId: farm.farmId, every }),

    lookAgainAt(farm: FarmRef, at: Date, reason: string): Promise<void> {
      return createLookAgainSchedule(
        client,
        {
          groupName: options.groupName,
          targetArn: options.targetArn,
          roleArn: options.roleArn,
          ...(options.deadLetterArn ? { deadLetterArn: options.deadLetterArn } : {}),
          retryPolicy: {
            MaximumEventAgeInSeconds: options.retryPolicy?.MaximumEventAgeInSeconds ?? 120,
            MaximumRetryAttempts: options.retryPolicy?.MaximumRetryAttempts ?? 3,
          },
        },
        farm,
        at,
        reason,
      );
    },
  };
}

// By name rather than instanceof: a second copy of the SDK in a bundle has other classes.
function isAwsError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
