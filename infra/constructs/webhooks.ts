// The webhook path (functions/services/webhooks/README.md, "How it runs"): the rule
// `webhooks-on-drover-events` (constructs/events.ts) puts every Drover event on the webhook
// queue; the dispatcher Lambda consumes it in batches, POSTs the deliveries and queues its own
// delayed retries on the same queue. A queue rather than the rule invoking the function: retries
// wait up to an hour (SQS DelaySeconds, re-queued past 15 min), a burst is absorbed instead of
// throttled, and a record that keeps failing ends in the DLQ instead of being lost.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';

export interface WebhooksProps {
  functions: FunctionFactory;
  data: Data;
  /** The handler module, relative to the repository root. @default 'functions/handlers/webhooks.ts' */
  entry?: string;
}

/** The dispatcher's timeout: a batch of 10 records sent concurrently, each at most 10 s (the endpoint limit). */
export const DISPATCHER_TIMEOUT = Duration.seconds(60);
/**
 * Dispatcher invocations the queue may run at once (SqsEventSource maxConcurrency): a burst of
 * events, or one tenant's slow receivers, holds at most this much of the account's Lambda
 * concurrency, and the other functions (API, reconcile) keep theirs. Within it, one slow
 * receiver costs its own records at most its endpoint timeout (≤ 10 s): records of a batch are
 * sent concurrently, so it does not hold up the others' deliveries beyond that.
 */
export const WEBHOOK_MAX_CONCURRENCY = 10;
/** Receives before a record goes to the DLQ: a throttled or failing batch gets several chances. */
export const WEBHOOK_MAX_RECEIVE_COUNT = 5;

export class Webhooks extends Construct {
  /** Webhook work: Drover events from the rule, and attempts the dispatcher queued for later. */
  readonly queue: Queue;
  /** Records the dispatcher failed on WEBHOOK_MAX_RECEIVE_COUNT times. */
  readonly deadLetterQueue: Queue;
  readonly dispatcher: LambdaFunction;

  constructor(scope: Construct, id: string, props: WebhooksProps) {
    super(scope, id);

    // SSE-SQS, not the aws/sqs KMS key: EventBridge cannot send to a queue encrypted with an
    // AWS-managed key (and the SourceArn condition below needs a queue without a KMS key).
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the webhook queue.',
    });

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: 6 × the function's timeout, so a batch that is
      // still being retried by the poller is not handed to a second worker.
      visibilityTimeout: Duration.seconds(6 * DISPATCHER_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: WEBHOOK_MAX_RECEIVE_COUNT },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Not in a VPC: it calls customers' public endpoints, and the SSRF guard (hosted mode:
    // WEBHOOK_HOSTED_MODE unset) refuses private targets, so no private network is reachable.
    const fn = props.functions.createFunction(this, 'Dispatcher', {
      entry: props.entry ?? 'functions/handlers/webhooks.ts',
      description: 'Drover webhooks: deliver Drover events to webhook endpoints',
      timeout: DISPATCHER_TIMEOUT,
      environment: {
        TABLE_NAME: props.data.table.tableName,
        SECRETS_KEY_ID: props.data.secretsKey.keyArn,
      },
    });
    this.dispatcher = fn;
    // Its own delayed retries go back on the queue.
    for (const [name, value] of Object.entries(this.grantEnqueue(fn))) fn.addEnvironment(name, value);
    props.data.grantTableReadWrite(fn);
    // Opens endpoints' signing secrets to sign deliveries; never seals.
    props.data.grantOpenSecrets(fn);
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        // handleRecords answers the failed message ids, so SQS retries those records only.
        reportBatchItemFailures: true,
        maxConcurrency: WEBHOOK_MAX_CONCURRENCY,
      }),
    );
  }

  /** Queue webhook work (the dispatcher's delayed retries, the API's redeliver). */
  grantEnqueue(grantee: IGrantable): Record<string, string> {
    this.queue.grantSendMessages(grantee);
    return { WEBHOOK_QUEUE_URL: this.queue.queueUrl };
  }
}
