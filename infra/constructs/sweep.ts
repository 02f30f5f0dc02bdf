// The sweep (functions/ports/farm-sweep.ts): one EventBridge Scheduler schedule, every minute, sends
// the reconcile function its SWEEP_TICK; the function reads the farms' sweep entries and sends those
// due this minute to the reconcile queue, which it then reads in batches. It replaces the schedule
// per farm (farms made before it lose theirs at their next pass: the FarmScheduler deletes it).
// The tick runs in the reconcile function rather than one of its own: the stack is at
// CloudFormation's 500-resource limit, and a function costs four (function, role, policy, logs).
//
// The queue rather than asynchronous invokes (functions/adapters/sqs/sqs-farm-dispatch.ts): ten
// farms per request, a cap on how many reconciles a tick starts at once (maxConcurrency), retries
// by visibility timeout and a dead-letter queue for passes that keep failing.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SWEEP_TICK } from '../../functions/services/reconcile/sweep-due-farms';
import type { Reconcile } from './reconcile';

export interface SweepProps {
  reconcile: Reconcile;
  /** Every how many minutes a quiet farm whose clouds send events is swept (QUIET_SWEEP_EVERY). @default 5 */
  quietSweepEvery?: number;
}

/** The reconcile function's timeout: the queue's visibility timeout is six times it (AWS's advice). */
const RECONCILE_TIMEOUT_S = 60;
/**
 * Reconcile invocations the queue may run at once: a tick with thousands of due farms is spread
 * over a few seconds instead of taking the account's Lambda concurrency from the API.
 */
export const SWEEP_MAX_CONCURRENCY = 20;
/** Receives before a swept request goes to the DLQ (the next tick asks again anyway). */
export const SWEEP_MAX_RECEIVE_COUNT = 3;

export class Sweep extends Construct {
  /** The farms a tick found due, for the reconcile function. */
  readonly queue: Queue;
  readonly schedule: CfnSchedule;

  constructor(scope: Construct, id: string, props: SweepProps) {
    super(scope, id);
    const { reconcile } = props;
    const fn = reconcile.function;

    this.queue = new Queue(this, 'ReconcileQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(6 * RECONCILE_TIMEOUT_S),
      // A request older than two ticks is superseded by the next tick's.
      retentionPeriod: Duration.minutes(5),
      deadLetterQueue: { queue: reconcile.deadLetterQueue, maxReceiveCount: SWEEP_MAX_RECEIVE_COUNT },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.queue.grantSendMessages(fn);
    fn.addEnvironment('RECONCILE_QUEUE_URL', this.queue.queueUrl);
    fn.addEnvironment('QUIET_SWEEP_EVERY', String(props.quietSweepEvery ?? 5));
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        // handleQueueBatch answers the failed message ids, so only those passes are retried.
        reportBatchItemFailures: true,
        maxConcurrency: SWEEP_MAX_CONCURRENCY,
      }),
    );

    // The Scheduler role of the farms' look-again schedules (it may invoke the reconcile function);
    // the reconcile DLQ takes a tick that could not be delivered; no retries: the next minute sweeps again.
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: 'Drover sweep: every minute, reconcile the farms that are due',
      scheduleExpression: 'rate(1 minute)',
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: fn.functionArn,
        roleArn: reconcile.schedulerRole.roleArn,
        input: JSON.stringify(SWEEP_TICK),
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
        deadLetterConfig: { arn: reconcile.deadLetterQueue.queueArn },
      },
    });
  }
}
