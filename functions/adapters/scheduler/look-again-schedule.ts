// "Look at this farm again at T" on EventBridge Scheduler: a one-time `at(…)` schedule that
// deletes itself after it ran (ActionAfterCompletion DELETE), invoking the reconcile function
// with a ReconcileRequest, as the safety net's schedules do.
//
// Why Scheduler and not an SQS delay queue: an SQS delay is at most 15 minutes, and the waits a
// pass asks for reach past that (a BeforeHostTerminate hold's end, a lease deadline); an at()
// schedule has any horizon, needs no queue consumer beside the function, and the group's role,
// dead-letter queue and retry policy are the ones the farms' schedules already use. Its price is
// the same per invocation ($1.00 per million after the free tier), paid only when a pass asks.
//
// Names: one per farm and second (`look-<farmId>-<epoch s>`, ≤ 64 characters), so asking twice
// for the same moment is one schedule (ConflictException is success) and a farm may have a few
// pending at different moments (each pass is idempotent and takes the lease).
import { ConflictException, CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import type { FarmRef, ReconcileRequest } from '../../ports/farm-scheduler';
import { scheduleNameFor } from './schedule-name';

export interface LookAgainTarget {
  groupName: string;
  targetArn: string;
  roleArn: string;
  deadLetterArn?: string;
  retryPolicy: { MaximumEventAgeInSeconds: number; MaximumRetryAttempts: number };
}

/** Scheduler's `at()` takes a local date-time of second precision, read in ScheduleExpressionTimezone (UTC by default). */
export function atExpression(at: Date): string {
  return `at(${at.toISOString().slice(0, 19)})`;
}

export function lookAgainScheduleName(farmId: string, at: Date): string {
  return `look-${scheduleNameFor(farmId).slice('farm-'.length)}-${Math.floor(at.getTime() / 1000)}`;
}

export async function createLookAgainSchedule(
  client: SchedulerClient,
  target: LookAgainTarget,
  farm: FarmRef,
  at: Date,
  reason: string,
): Promise<void> {
  // Scheduler refuses an at() in the past: a moment already gone is the next second.
  const when = new Date(Math.max(at.getTime(), Date.now() + 1_000));
  const request: ReconcileRequest = {
    accountId: farm.accountId,
    farmId: farm.farmId,
    reason: `look-again:${reason}`,
  };
  try {
    await client.send(
      new CreateScheduleCommand({
        Name: lookAgainScheduleName(farm.farmId, when),
        GroupName: target.groupName,
        Description: `Look at farm ${farm.farmId} again (${reason})`.slice(0, 512),
        ScheduleExpression: atExpression(when),
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: target.targetArn,
          RoleArn: target.roleArn,
          Input: JSON.stringify(request),
          RetryPolicy: target.retryPolicy,
          ...(target.deadLetterArn ? { DeadLetterConfig: { Arn: target.deadLetterArn } } : {}),
        },
      }),
    );
  } catch (error) {
    // The same farm and second asked already: that schedule makes the look.
    if (!(error instanceof ConflictException) && (error as Error).name !== 'ConflictException') throw error;
  }
}
