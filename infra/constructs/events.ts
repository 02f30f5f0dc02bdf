// The platform's event bus and its routing: Drover events (`source: drover`, detail-type =
// event name) go on the bus; one EventBridge rule per entry of the routing table
// (functions/handlers/event-rules.ts, which the local runtime's bus applies too) sends them,
// and AWS's own events from the default bus, to their target function. The archive makes any
// past window replayable (a new webhook backfilled, a dispatcher bug fixed); the dead-letter
// queue takes what the rules could not deliver.
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRule, EventTarget } from '../../functions/handlers/event-rules';

export interface EventsProps {
  eventBusName: string;
  /** @default 90 days */
  archiveRetention?: Duration;
}

export class Events extends Construct {
  readonly bus: EventBus;
  readonly deadLetterQueue: Queue;
  /** The rules made by routeRules, by the name of their table entry. */
  readonly rules: Record<string, Rule> = {};
  /** Routing-table entries left out because their target is not built by this stack yet. */
  readonly unroutedRules: string[] = [];

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
      reason: 'This queue is itself the dead-letter queue of the event rules’ targets.',
    });
  }

  /**
   * One rule per routing-table entry, on the Drover bus or the account's default bus, invoking
   * its target (a function, asynchronously, or a queue, which lets only this rule send: the
   * SqsQueue target's queue policy is conditioned on aws:SourceArn). EventBridge retries a failed
   * delivery (throttling, a missing permission) and then parks the event here; a function's own
   * failures go to its DLQ. An entry whose target this stack does not build yet is skipped with
   * a warning.
   */
  routeRules(rules: readonly EventRule[], targets: Partial<Record<EventTarget, IFunction | IQueue>>): void {
    // The farm's schedule reconciles it every minute anyway: an older trigger adds nothing.
    const toFunction = {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 3,
      maxEventAge: Duration.minutes(15),
    };
    // A queue holds work that has no other source (a webhook delivery is made from the event
    // or not at all): keep trying for EventBridge's longest window before parking it.
    const toQueue = {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 185,
      maxEventAge: Duration.hours(24),
    };
    for (const entry of rules) {
      const target = targets[entry.target];
      if (!target) {
        this.unroutedRules.push(entry.name);
        Annotations.of(this).addWarningV2(
          'drover:event-target-missing',
          `Event rule ${entry.name}: this stack has no "${entry.target}" target yet, so the rule is not deployed.`,
        );
        continue;
      }
      this.rules[entry.name] = new Rule(this, pascal(entry.name), {
        description: entry.description,
        // No bus: the account's default bus, where AWS services (EC2) publish.
        eventBus: entry.bus === 'drover' ? this.bus : undefined,
        eventPattern: { source: entry.pattern.source, detailType: entry.pattern['detail-type'] },
        // A queue gets the whole event (no input transformer): its consumer reads the envelope.
        targets: [isQueue(target) ? new SqsQueue(target, toQueue) : new LambdaFunction(target, toFunction)],
      });
    }
  }
}

function isQueue(target: IFunction | IQueue): target is IQueue {
  return 'queueArn' in target;
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());
}
