// FarmScheduler on Amazon EventBridge Scheduler: one schedule per running farm in the Drover
// schedule group, `rate(1 minute)`, invoking the reconcile function with a ReconcileRequest
// (`{"accountId","farmId","reason":"schedule"}`) as its event.
//
// `ensure` creates the schedule and, when it already exists (ConflictException), updates it
// with the same definition. UpdateSchedule replaces the whole definition, so a schedule made by
// an earlier deployment (another function ARN after a rebuild, another role, no DLQ yet, an
// older retry policy) is brought up to date whenever its farm is launched or resumed; ensure
// runs on lifecycle changes only, so the second call is cheap. If the schedule vanishes between
// the two calls (a concurrent remove), it is created again: ensure was the later wish.
// `remove` deletes it; a schedule that is already gone is success.
//
// `lookAgainAt` makes a one-time schedule that deletes itself (look-again-schedule.ts).
//
// Retry policy: a delivery that still fails after two minutes is superseded by the next tick
// anyway (a reconcile is idempotent and takes the farm's lease), so retries stay short and
// what is left goes to the dead-letter queue, where it is visible rather than piling up.
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  type RetryPolicy,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { FarmRef, FarmScheduler, ReconcileRequest } from '../../ports/farm-scheduler';
import { createLookAgainSchedule } from './look-again-schedule';
import { scheduleNameFor } from './schedule-name';

export const FARM_SCHEDULE_EXPRESSION = 'rate(1 minute)';
export const FARM_SCHEDULE_RETRY_POLICY: RetryPolicy = {
  MaximumEventAgeInSeconds: 120,
  MaximumRetryAttempts: 3,
};

export interface EventBridgeFarmSchedulerOptions {
  groupName: string;
  /** The reconcile function's ARN. */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke it (the caller needs iam:PassRole on it). */
  roleArn: string;
  /** An SQS queue for deliveries that failed every retry. */
  deadLetterArn?: string;
  client?: SchedulerClient;
  retryPolicy?: RetryPolicy;
}

export function createEventBridgeFarmScheduler(options: EventBridgeFarmSchedulerOptions): FarmScheduler {
  const client = options.client ?? new SchedulerClient({});

  const definition = (farm: FarmRef): CreateScheduleCommandInput => {
    const request: ReconcileRequest = { accountId: farm.accountId, farmId: farm.farmId, reason: 'schedule' };
    return {
      Name: scheduleNameFor(farm.farmId),
      GroupName: options.groupName,
      Description: `Reconcile farm ${farm.farmId} (account ${farm.accountId})`,
      ScheduleExpression: FARM_SCHEDULE_EXPRESSION,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      Target: {
        Arn: options.targetArn,
        RoleArn: options.roleArn,
        Input: JSON.stringify(request),
        RetryPolicy: options.retryPolicy ?? FARM_SCHEDULE_RETRY_POLICY,
        ...(options.deadLetterArn ? { DeadLetterConfig: { Arn: options.deadLetterArn } } : {}),
      },
    };
  };

  return {
    async ensure(farm: FarmRef): Promise<void> {
      const schedule = definition(farm);
      try {
        await client.send(new CreateScheduleCommand(schedule));
        return;
      } catch (error) {
        if (!isAwsError(error, 'ConflictException')) throw error;
      }
      try {
        await client.send(new UpdateScheduleCommand(schedule));
      } catch (error) {
        if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
        await client.send(new CreateScheduleCommand(schedule));
      }
    },

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

    async remove(farm: FarmRef): Promise<void> {
      try {
        await client.send(
          new DeleteScheduleCommand({ Name: scheduleNameFor(farm.farmId), GroupName: options.groupName }),
        );
      } catch (error) {
        if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
      }
    },
  };
}

// By name rather than instanceof: a second copy of the SDK in a bundle has other classes.
function isAwsError(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
