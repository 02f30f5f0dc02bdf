// The reconcile path (ARCHITECTURE §2): EventBridge Scheduler runs one schedule per running
// farm in the `drover-farms` group (created and deleted at runtime through the FarmScheduler
// port), and EC2 state-change events on the default bus trigger an immediate pass. Both invoke
// the same reconcile function. The schedules themselves are not here: launching a farm makes
// its schedule; this construct provides the group, the role the Scheduler assumes and the
// dead-letter queue the schedules name.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { REPO_ROOT } from '../config';
import { grantAssumeCustomerRoles } from './cloud-access';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';
import { nagPseudo, wildcardArnFinding } from './nag-findings';

export interface ReconcileProps {
  functions: FunctionFactory;
  data: Data;
  bus: IEventBus;
  scheduleGroupName: string;
  isProd: boolean;
  /**
   * The handler module, relative to the repository root. The function (and the EC2 rule that
   * needs it) is created only when this file exists at synth time.
   * @default 'functions/handlers/reconcile.ts'
   */
  entry?: string;
}

export class Reconcile extends Construct {
  readonly scheduleGroup: ScheduleGroup;
  /** The role EventBridge Scheduler assumes to invoke the reconcile function. */
  readonly schedulerRole: Role;
  /** Failed schedule deliveries and failed asynchronous invocations end here. */
  readonly deadLetterQueue: Queue;
  readonly function: NodejsFunction | undefined;
  private readonly scheduleGroupName: string;

  constructor(scope: Construct, id: string, props: ReconcileProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.scheduleGroupName = props.scheduleGroupName;

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: props.scheduleGroupName,
      removalPolicy: props.isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the reconcile schedules, rule and function.',
    });

    // Confused-deputy guard: only schedules of this account may use the role.
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'Assumed by EventBridge Scheduler to run farm reconciles',
    });
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    const entry = props.entry ?? 'functions/handlers/reconcile.ts';
    if (!existsSync(path.resolve(REPO_ROOT, entry))) {
      Annotations.of(this).addInfo(
        `${entry} does not exist yet: no reconcile function, no EC2 state-change rule. Synthesize again once the handler lands.`,
      );
      this.function = undefined;
      return;
    }

    const fn = props.functions.createFunction(this, 'Function', {
      entry,
      description: 'Drover reconcile: one observe-diff-act pass over one farm',
      timeout: Duration.seconds(60),
      memorySize: 1024,
      deadLetterQueue: this.deadLetterQueue,
      environment: { EVENT_BUS_NAME: props.bus.eventBusName, SECRETS_KEY_ID: props.data.secretsKey.keyArn },
    });
    this.function = fn;
    props.data.grantTableReadWrite(fn);
    props.data.grantOpenSecrets(fn);
    grantAssumeCustomerRoles(fn);
    props.bus.grantPutEventsTo(fn);
    fn.grantInvoke(this.schedulerRole);
    Validations.of(this.schedulerRole).acknowledge({
      id: wildcardArnFinding(fn, ':*'),
      reason: 'CDK grants invoke on the function and its versions/aliases (ARN:*); nothing else.',
    });

    new Rule(this, 'Ec2StateChange', {
      description: 'EC2 instance state changes trigger an immediate reconcile of the affected farm',
      eventPattern: { source: ['aws.ec2'], detailType: ['EC2 Instance State-change Notification'] },
      targets: [
        new LambdaFunction(fn, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 3,
          maxEventAge: Duration.minutes(15),
        }),
      ],
    });
  }

  /**
   * What a FarmScheduler adapter needs: manage schedules in the group and hand them the
   * Scheduler role. Returns the environment variables that name them.
   */
  grantScheduleManagement(grantee: IGrantable): Record<string, string> {
    // Our own statement rather than the group's grants: the ARN is formatted like nagPseudo
    // prints it, so the acknowledgement below names exactly this resource.
    const stack = Stack.of(this);
    const groupName = this.scheduleGroupName;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'scheduler:GetSchedule',
          'scheduler:CreateSchedule',
          'scheduler:UpdateSchedule',
          'scheduler:DeleteSchedule',
        ],
        resources: [
          stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` }),
        ],
      }),
    );
    this.schedulerRole.grantPassRole(grantee.grantPrincipal);
    // One schedule per farm, named after it at runtime: the group is the boundary.
    if (grantee instanceof Construct) {
      const role = (grantee as { role?: IConstruct }).role ?? grantee;
      const { partition, region, account } = nagPseudo(this);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:${partition}:scheduler:${region}:${account}:schedule/${groupName}/*]`,
        reason:
          'Farm schedules are created per farm at runtime; access is limited to the Drover schedule group.',
      });
    }
    return {
      SCHEDULE_GROUP_NAME: this.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      RECONCILE_DLQ_ARN: this.deadLetterQueue.queueArn,
      ...(this.function ? { RECONCILE_FUNCTION_ARN: this.function.functionArn } : {}),
    };
  }
}
