// The platform's event bus: Drover events (`source: drover`, detail-type = event name) go
// here; webhooks and orchestration subscribe with rules. The archive makes any past window
// replayable (a new webhook backfilled, a dispatcher bug fixed); the dead-letter queue is
// shared by the bus's rule targets.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface EventsProps {
  eventBusName: string;
  /** @default 90 days */
  archiveRetention?: Duration;
}

export class Events extends Construct {
  readonly bus: EventBus;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.eventBusName });
    this.bus.archive('Archive', {
      description: 'Every Drover event, for replay',
      eventPattern: { account: [Stack.of(this).account] },
      retention: props.archiveRetention ?? Duration.days(90),
    });

    // SSE-SQS rather than the aws/sqs KMS key: EventBridge cannot use an AWS-managed key to
    // deliver to a dead-letter queue.
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue of the bus's rule targets.",
    });
  }
}
