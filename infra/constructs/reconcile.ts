// The reconcile path (docs/architecture.md §2): the sweep (constructs/sweep.ts) hands the farms
// due each minute to the function through its queue, the event rules (constructs/events.ts)
// trigger immediate passes, and a pass that asks to be looked at again at T gets a one-time
// EventBridge Scheduler schedule in the `drover-farms` group (made at runtime through the
// FarmScheduler port). This construct provides the group, the role the Scheduler assumes, the
// dead-letter queue the schedules, the sweep's queue and the function's asynchronous invocations
// share, and the function.
//
// The function has a fixed name so its ARN can be formatted rather than referenced: the
// lifecycle group and the reconciler itself name it in RECONCILE_FUNCTION_ARN (the schedules'
// target), and a reference from the function's own environment to its ARN would be circular.
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import type { AgentTokenKey } from './agent-token-key';
import { grantAssumeCustomerRoles } from './cloud-access';
import type { Data } from './data';
import type { FunctionFactory } from './function-factory';
import { nagPseudo } from './nag-findings';

export interface ReconcileProps {
  functions: FunctionFactory;
  data: Data;
  bus: IEventBus;
  agentTokenKey: AgentTokenKey;
  scheduleGroupName: string;
  /** The reconcile function's name (`drover-reconcile[-stage]`). */
  functionName: string;
  isProd: boolean;
  /** The handler module, relative to the repository root. @default 'functions/handlers/reconcile.ts' */
  entry?: string;
}

export class Reconcile extends Construct {
  readonly scheduleGroup: ScheduleGroup;
  /** The role EventBridge Scheduler assumes to invoke the reconcile function. */
  readonly schedulerRole: Role;
  /** Failed schedule deliveries and failed asynchronous invocations end here. */
  readonly deadLetterQueue: Queue;
  readonly function: LambdaFunction;
  /** The function's ARN, formatted from its fixed name (no reference to the function). */
  readonly functionArn: string;
  private readonly scheduleGroupName: string;

  constructor(scope: Construct, id: string, props: ReconcileProps) {
    super(scope, id);
    const stack = Stack.of(this);
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
      reason: 'This queue is itself the dead-letter queue of the reconcile schedules and function.',
    });

    // Confused-deputy guard: only schedules of this account may use the role.
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Assumed by EventBridge Scheduler to run farm reconciles',
    });
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    this.functionArn = stack.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: props.functionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // A pass may run follow-up passes while servers boot (functions/handlers/reconcile.ts keeps
    // 15 s in reserve), hence a minute; no reserved concurrency: passes of one farm exclude
    // each other by the farm's lease, not by limiting the function.
    const fn = props.functions.createFunction(this, 'Function', {
      entry: props.entry ?? 'functions/handlers/reconcile.ts',
      functionName: props.functionName,
      description: 'Drover reconcile: one observe-diff-act pass over one farm',
      timeout: Duration.seconds(60),
      memorySize: 1024,
      deadLetterQueue: this.deadLetterQueue,
      environment: {
        TABLE_NAME: props.data.table.tableName,
        EVENT_BUS_NAME: props.bus.eventBusName,
        SECRETS_KEY_ID: props.data.secretsKey.keyArn,
        ...props.agentTokenKey.environment(),
      },
    });
    this.function = fn;
    props.data.grantTableReadWrite(fn);
    props.data.grantOpenSecrets(fn);
    grantAssumeCustomerRoles(fn);
    props.bus.grantPutEventsTo(fn);
    // It asks for one-time look-again schedules, and deletes a farm's per-farm schedule from before the sweep.
    for (const [name, value] of Object.entries(this.grantScheduleManagement(fn))) {
      fn.addEnvironment(name, value);
    }
    // The schedules target the unqualified function: no versions or aliases to cover.
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
  }

  /**
   * What a FarmScheduler adapter needs: manage schedules in the group and hand them the
   * Scheduler role (to the Scheduler only). Returns the environment variables that name them.
   */
  grantScheduleManagement(grantee: IGrantable & IConstruct): Record<string, string> {
    // Our own statement rather than the group's grants: the ARN is formatted like nagPseudo
    // prints it, so the acknowledgement below names exactly this resource.
    const stack = Stack.of(this);
    const groupName = this.scheduleGroupName;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [
          stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` }),
        ],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    // Look-again schedules are named after their farm and moment at runtime: the group is the boundary.
    const role = (grantee as { role?: IConstruct }).role ?? grantee;
    const { partition, region, account } = nagPseudo(this);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:scheduler:${region}:${account}:schedule/${groupName}/*]`,
      reason:
        'Look-again schedules are created per farm at runtime; access is limited to the Drover schedule group.',
    });
    return {
      SCHEDULE_GROUP_NAME: this.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      RECONCILE_DLQ_ARN: this.deadLetterQueue.queueArn,
      RECONCILE_FUNCTION_ARN: this.functionArn,
    };
  }
}
