// The Drover stack's template, asserted on the resources that carry the design (keys, indexes,
// runtime, routes, bus, schedule group, distribution), and cdk-nag's AwsSolutions pack run over
// it: every finding is either fixed or acknowledged next to its resource with a reason.
// Bundling is off here (`aws:cdk:bundling-stacks: []`); `npx cdk synth` runs esbuild for real.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/adapters/dynamodb/table';
import { egressPolicyFromEnvironment } from '../../functions/composition/egress-from-environment';
import * as fromEnv from '../../functions/composition/ports-from-environment';
import { reconcileDepsFromEnvironment } from '../../functions/composition/reconcile';
import { sweepDepsFromEnvironment } from '../../functions/composition/sweep';
import { webhookDepsFromEnvironment } from '../../functions/composition/webhooks';
import { API_GROUPS, API_ROUTES, type ApiGroup } from '../../functions/contract/routes';
import { EVENT_RULES } from '../../functions/handlers/event-rules';
import { SWEEP_TICK } from '../../functions/services/reconcile/sweep-due-farms';
import { AGENT_SITE_KEY } from '../../infra/agent-site';
import { REPO_ROOT, readConfig } from '../../infra/config';
import { GROUP_NEEDS } from '../../infra/constructs/api-group-needs';
import { DISPATCHER_TIMEOUT } from '../../infra/constructs/webhooks';
import { DroverStack, type DroverStackProps } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const PORTAL_FIXTURE = 'test/infra/fixtures/portal';
const RECONCILE = 'Drover reconcile: one observe-diff-act pass over one farm';
const DISPATCHER = 'Drover webhooks: deliver Drover events to webhook endpoints';
const ORCHESTRATOR = 'Drover orchestration: turn Drover events into script executions on servers';
const AGENT_CHANNEL = 'Drover agent channel: WebSocket $connect (server token) and $disconnect';
/** The agents' WebSocket API ($connect, $disconnect, ping; see agent-channel.test.ts) beside the HTTP API's. */
const CHANNEL_ROUTES = 3;

function synth(
  context: Record<string, unknown> = {},
  props: Pick<DroverStackProps, 'apiHandlersDir' | 'apiGroupNeeds'> = {},
) {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: PORTAL_FIXTURE,
      authIssuer: 'https://issuer.example.com',
      ...context,
    },
  });
  const config = readConfig(app.node);
  const stack = new DroverStack(app, config.stackName, { config, ...props });
  return { stack, template: Template.fromStack(stack) };
}

function nagViolations(stack: DroverStack) {
  return new AwsSolutionsChecks().validateScope(stack).violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity,
    at: v.violatingResources.map((r) => r.constructPath),
  }));
}

function functionsByDescription(template: Template, description: string) {
  return template.findResources('AWS::Lambda::Function', { Properties: { Description: description } });
}

// `orchestrator` is the bus consumer (EVENT_RULES target `orchestration`), not the API group.
type FunctionName = ApiGroup | 'reconcile' | 'dispatcher' | 'orchestrator' | 'agentChannel';
// A group the routing table gains before infra/ says what it needs is skipped with a warning
// (tested below); everything else is deployed and checked here.
const DEPLOYED_GROUPS = API_GROUPS.filter((group) => GROUP_NEEDS[group]);
const FUNCTION_NAMES: FunctionName[] = [
  ...DEPLOYED_GROUPS,
  'reconcile',
  'dispatcher',
  'orchestrator',
  'agentChannel',
];
const descriptionOf = (name: FunctionName) =>
  name === 'reconcile'
    ? RECONCILE
    : name === 'dispatcher'
      ? DISPATCHER
      : name === 'orchestrator'
        ? ORCHESTRATOR
        : name === 'agentChannel'
          ? AGENT_CHANNEL
          : `Drover API: ${name} routes`;

/** The one function of that name, with its logical id. */
function droverFunction(template: Template, name: FunctionName) {
  const found = Object.entries(functionsByDescription(template, descriptionOf(name)));
  expect(found).toHaveLength(1);
  const [id, fn] = found[0]!;
  return { id, properties: fn.Properties };
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** Every statement of the policies attached to the function's execution role. */
function statementsOf(template: Template, name: FunctionName): Statement[] {
  const roleId = droverFunction(template, name).properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The logical id of the one SQS queue whose id starts with that prefix. */
function queueId(template: Template, prefix: string): string {
  const ids = Object.keys(template.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith(prefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** The asset zips the portal's BucketDeployment copies into the bucket (portal export, agent site). */
function deployedAssets(template: Template): unknown[] {
  const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
  return deployment?.Properties.SourceObjectKeys ?? [];
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
const withAction = (statements: Statement[], action: string) =>
  statements.filter((s) => [s.Action].flat().includes(action));
const functionsAllowed = (template: Template, action: string) =>
  FUNCTION_NAMES.filter((name) => actionsOf(statementsOf(template, name)).includes(action)).sort();

describe('the Drover stack', () => {
  let stack: DroverStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth());
  });

  describe('data', () => {
    it('keys the table as the shared definition says, on demand, with TTL', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      });
    });

    it('creates every GSI of the definition with all attributes projected', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it('keeps point-in-time recovery on and encrypts at rest', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    });

    it('seals secrets under a KMS key with rotation', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        Description: 'Drover SecretBox: cloud credentials secrets',
        EnableKeyRotation: true,
      });
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/drover/secrets' });
    });

    it('encrypts the table with its own rotating key when asked to', () => {
      const { template: own } = synth({ tableEncryption: 'customer-managed' });
      own.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      });
      own.hasResourceProperties('AWS::KMS::Key', {
        Description: 'Drover table encryption',
        EnableKeyRotation: true,
      });
    });
  });

  describe('api', () => {
    it('deploys every group of the routing table, lifecycle, servers, agent and webhooks included', () => {
      expect(DEPLOYED_GROUPS).toEqual(API_GROUPS);
      expect(DEPLOYED_GROUPS).toEqual(expect.arrayContaining(['lifecycle', 'servers', 'agent', 'webhooks']));
      expect(stack.api.missingGroups).toEqual([]);
      expect(stack.api.unplannedGroups).toEqual([]);
      expect(
        Annotations.fromStack(stack)
          .findWarning('*', Match.anyValue())
          .map((w) => w.entry.data),
      ).toEqual([]);
    });

    it('skips a group GROUP_NEEDS says nothing about, with a warning, rather than guess its grants', () => {
      const { webhooks: _left, ...withoutWebhooks } = GROUP_NEEDS;
      const partial = synth({}, { apiGroupNeeds: withoutWebhooks });
      expect(partial.stack.api.unplannedGroups).toEqual(['webhooks']);
      expect(functionsByDescription(partial.template, 'Drover API: webhooks routes')).toEqual({});
      partial.template.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        API_ROUTES.filter((r) => r.group !== 'webhooks').length + CHANNEL_ROUTES,
      );
      const warnings = Annotations.fromStack(partial.stack).findWarning(
        '*',
        Match.stringLikeRegexp('"webhooks" has no entry in GROUP_NEEDS'),
      );
      expect(warnings).toHaveLength(1);
    });

    it.each(DEPLOYED_GROUPS)('runs the %s group as one Lambda on nodejs22.x, arm64, traced', (group) => {
      const fn = droverFunction(template, group).properties;
      expect(fn).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      });
      expect(fn.LoggingConfig.LogGroup).toBeDefined();
    });

    it('gives every Drover function its own log group with a retention period', () => {
      const logGroups = template.findResources('AWS::Logs::LogGroup');
      const drover = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) =>
        String(fn.Properties.Description).startsWith('Drover'),
      );
      expect(drover).toHaveLength(FUNCTION_NAMES.length);
      const own = new Set(drover.map((fn) => fn.Properties.LoggingConfig.LogGroup.Ref));
      expect(own.size).toBe(drover.length);
      for (const id of own) expect(logGroups[id]!.Properties.RetentionInDays).toBe(30);
    });

    it('declares one HTTP API route per RouteDef of the routing table', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 2); // and the agents' WebSocket API
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      const deployed = API_ROUTES.filter((route) => GROUP_NEEDS[route.group]);
      template.resourceCountIs('AWS::ApiGatewayV2::Route', deployed.length + CHANNEL_ROUTES);
      for (const route of deployed) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
        });
      }
    });

    it('logs access and throttles on the default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
    });

    it('lets only the groups that store secrets (credentials, webhook endpoints) seal them, with Encrypt and Decrypt only', () => {
      expect(functionsAllowed(template, 'kms:Encrypt')).toEqual(['credentials', 'webhooks']);
      const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
      expect(policies).not.toMatch(/kms:(Decrypt|Encrypt)\*/);
    });

    it('lets the functions that open secrets decrypt them, and those that call clouds assume customer roles', () => {
      expect(functionsAllowed(template, 'kms:Decrypt')).toEqual(
        ['credentials', 'dispatcher', 'reconcile', 'servers', 'webhooks'].sort(),
      );
      for (const name of ['credentials', 'dispatcher', 'reconcile', 'servers', 'webhooks'] as const) {
        const [decrypt] = withAction(statementsOf(template, name), 'kms:Decrypt');
        expect(decrypt!.Resource).toEqual({
          'Fn::GetAtt': [expect.stringMatching(/^DataSecretsKey/), 'Arn'],
        });
      }
      expect(functionsAllowed(template, 'sts:AssumeRole')).toEqual(['credentials', 'reconcile', 'servers']);
    });

    it('gives the groups that wait on the outside world (testing credentials, a webhook endpoint) 29 s', () => {
      for (const group of DEPLOYED_GROUPS) {
        const expected = group === 'credentials' || group === 'webhooks' ? 29 : 10;
        expect([group, droverFunction(template, group).properties.Timeout]).toEqual([group, expected]);
      }
    });

    it('lets every function that publishes, and only those, put events on the Drover bus', () => {
      expect(functionsAllowed(template, 'events:PutEvents')).toEqual(
        ['agent', 'cloud-events', 'farms', 'lifecycle', 'policies', 'reconcile', 'servers'].sort(),
      );
      for (const name of [
        'agent',
        'cloud-events',
        'farms',
        'lifecycle',
        'policies',
        'reconcile',
        'servers',
      ] as const) {
        const [grant] = withAction(statementsOf(template, name), 'events:PutEvents');
        expect(grant!.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^EventsBus/), 'Arn'] });
      }
    });

    it('requires no authorizer at the gateway on the agent route: the handler checks the server token', () => {
      const agentRoutes = API_ROUTES.filter((r) => r.auth === 'agent');
      expect([...new Set(agentRoutes.map((r) => r.group))]).toEqual(['agent']);
      for (const route of agentRoutes) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: 'NONE',
          AuthorizerId: Match.absent(),
        });
      }
      template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    });

    it('skips a group whose handler module is missing, with a warning, and keeps the others', () => {
      const partial = synth({}, { apiHandlersDir: 'test/infra/fixtures/api' });
      expect(partial.stack.api.missingGroups).toEqual(API_GROUPS.filter((g) => g !== 'meta'));
      partial.template.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        API_ROUTES.filter((r) => r.group === 'meta').length + CHANNEL_ROUTES,
      );
      const warnings = Annotations.fromStack(partial.stack).findWarning(
        '*',
        Match.stringLikeRegexp('does not exist'),
      );
      expect(warnings.length).toBe(API_GROUPS.length - 1);
    });

    it('allows the portal domain as a CORS origin when one is configured', () => {
      const { template: withDomain } = synth({
        portalDomain: 'drover.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      });
      withDomain.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: { AllowOrigins: ['https://drover.example.com'] },
      });
    });
  });

  describe('events', () => {
    it('has the event bus named drover, archived', () => {
      template.hasResourceProperties('AWS::Events::EventBus', { Name: 'drover' });
      template.resourceCountIs('AWS::Events::Archive', 1);
    });
  });

  describe('sweep', () => {
    it('sends the reconcile function its sweep tick every minute from one schedule, retrying nothing', () => {
      const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
      expect(schedules).toHaveLength(1);
      expect(schedules[0]!.Properties).toMatchObject({
        ScheduleExpression: 'rate(1 minute)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [droverFunction(template, 'reconcile').id, 'Arn'] },
          RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^ReconcileSchedulerRole/), 'Arn'] },
          Input: JSON.stringify(SWEEP_TICK),
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId(template, 'ReconcileDeadLetterQueue'), 'Arn'] } },
        },
      });
      // No schedule per farm: the group holds only the look-again schedules passes make at runtime.
      expect(schedules[0]!.Properties.GroupName).toBeUndefined();
    });

    it('feeds the reconcile function from the sweep queue, ten farms a batch, at most 20 at once, failed ones only retried', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: droverFunction(template, 'reconcile').id },
        EventSourceArn: { 'Fn::GetAtt': [queueId(template, 'SweepReconcileQueue'), 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 20 },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: 360,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [queueId(template, 'ReconcileDeadLetterQueue'), 'Arn'] },
          maxReceiveCount: 3,
        },
      });
    });

    it('lets the reconcile function send to the sweep queue, and tells it the queue and the quiet cadence', () => {
      const variables = droverFunction(template, 'reconcile').properties.Environment.Variables;
      expect(variables.RECONCILE_QUEUE_URL).toEqual({ Ref: queueId(template, 'SweepReconcileQueue') });
      expect(variables.QUIET_SWEEP_EVERY).toBe('5');
      const sends = withAction(statementsOf(template, 'reconcile'), 'sqs:SendMessage').map((s) =>
        JSON.stringify(s.Resource),
      );
      expect(sends).toContain(
        JSON.stringify({ 'Fn::GetAtt': [queueId(template, 'SweepReconcileQueue'), 'Arn'] }),
      );
    });
  });

  describe('reconcile', () => {
    it('has the drover-farms schedule group and a role only the Scheduler of this account assumes', () => {
      template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'drover-farms' });
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
            }),
          ],
        },
      });
    });

    it('runs the reconcile function on nodejs22.x, arm64, for a minute, under a fixed name, with its own DLQ', () => {
      const fn = droverFunction(template, 'reconcile').properties;
      expect(fn).toMatchObject({
        FunctionName: 'drover-reconcile',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Timeout: 60,
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: {
          TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^ReconcileDeadLetterQueue/), 'Arn'] },
        },
      });
      expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('lets the Scheduler role invoke the reconcile function itself and nothing else', () => {
      const roleId = Object.keys(
        template.findResources('AWS::IAM::Role', {
          Properties: { Description: 'Assumed by EventBridge Scheduler to run farm reconciles' },
        }),
      )[0]!;
      const statements = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
      // CDK merges both statements into one with a list of resources.
      const invoked = withAction(statements, 'lambda:InvokeFunction').flatMap((s) => [s.Resource].flat());
      expect(invoked).toEqual([{ 'Fn::GetAtt': [droverFunction(template, 'reconcile').id, 'Arn'] }]);
    });

    it('reads and writes the table and its indexes (the instance index, gsi2, included)', () => {
      expect(TABLE.indexes.map((i) => i.name)).toContain('gsi2');
      const [table] = withAction(statementsOf(template, 'reconcile'), 'dynamodb:Query');
      expect(JSON.stringify(table!.Resource)).toContain('/index/*');
      expect(actionsOf(statementsOf(template, 'reconcile'))).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
      );
    });

    it('lets the lifecycle group and the reconciler, only, manage the farm schedules of the group', () => {
      for (const action of [
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
      ]) {
        expect(functionsAllowed(template, action)).toEqual(['lifecycle', 'reconcile']);
      }
      const [schedules] = withAction(statementsOf(template, 'lifecycle'), 'scheduler:CreateSchedule');
      expect(JSON.stringify(schedules!.Resource)).toContain(':schedule/drover-farms/*');
    });

    it('lets them pass the Scheduler role to EventBridge Scheduler only', () => {
      expect(functionsAllowed(template, 'iam:PassRole')).toEqual(['lifecycle', 'reconcile']);
      for (const name of ['lifecycle', 'reconcile'] as const) {
        const passRole = withAction(statementsOf(template, name), 'iam:PassRole');
        expect(passRole).toHaveLength(1);
        expect(passRole[0]).toMatchObject({
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ReconcileSchedulerRole/), 'Arn'] },
          Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        });
      }
    });

    it('names the reconcile function by a formatted ARN, not a reference (no circular dependency)', () => {
      for (const name of ['lifecycle', 'reconcile'] as const) {
        const arn = droverFunction(template, name).properties.Environment.Variables.RECONCILE_FUNCTION_ARN;
        const text = JSON.stringify(arn);
        expect(text).toContain(':function:drover-reconcile');
        expect(text).not.toContain(droverFunction(template, 'reconcile').id);
      }
    });

    it('tells the reconciler the API URL agents report to: the HTTP API endpoint + /api', () => {
      const url = droverFunction(template, 'reconcile').properties.Environment.Variables.AGENT_API_URL;
      expect(url).toEqual({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ApiHttpApi/), 'ApiEndpoint'] }, '/api']],
      });
      const { template: custom } = synth({ agentApiUrl: 'https://drover.example.com/api' });
      expect(droverFunction(custom, 'reconcile').properties.Environment.Variables.AGENT_API_URL).toBe(
        'https://drover.example.com/api',
      );
    });
  });

  describe('event rules', () => {
    it('makes one rule per EVENT_RULES entry and no other, the webhooks rule included', () => {
      expect(stack.events.unroutedRules).toEqual([]);
      expect(Object.keys(stack.events.rules).sort()).toEqual(EVENT_RULES.map((rule) => rule.name).sort());
      template.resourceCountIs('AWS::Events::Rule', EVENT_RULES.length);
      expect(
        Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('so the rule is not deployed')),
      ).toHaveLength(0);
    });

    it.each(
      EVENT_RULES.filter((rule) => rule.target === 'reconcile' || rule.target === 'orchestration').map(
        (rule) => [rule.name, rule] as const,
      ),
    )(
      'routes %s on its bus, with its pattern, to its function, with retries and a dead-letter queue',
      (_name, rule) => {
        template.hasResourceProperties('AWS::Events::Rule', {
          Description: rule.description,
          EventBusName:
            rule.bus === 'drover' ? { Ref: Match.stringLikeRegexp('^EventsBus') } : Match.absent(),
          EventPattern: {
            source: rule.pattern.source,
            'detail-type': rule.pattern['detail-type'] ?? Match.absent(),
          },
          Targets: [
            {
              Id: Match.anyValue(),
              Arn: {
                'Fn::GetAtt': [
                  droverFunction(template, rule.target === 'orchestration' ? 'orchestrator' : 'reconcile').id,
                  'Arn',
                ],
              },
              DeadLetterConfig: {
                Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsDeadLetterQueue'), 'Arn'] },
              },
              RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
            },
          ],
        });
      },
    );
  });

  describe('webhooks', () => {
    const rule = EVENT_RULES.find((r) => r.name === 'webhooks-on-drover-events')!;
    const ruleId = () =>
      Object.keys(
        template.findResources('AWS::Events::Rule', { Properties: { Description: rule.description } }),
      )[0]!;

    it('queues webhook work on an SSE-SQS queue whose records are hidden for 6 x the dispatcher timeout', () => {
      const queue = template.toJSON().Resources[queueId(template, 'WebhooksQueue')];
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      expect(queue.Properties.KmsMasterKeyId).toBeUndefined();
      const timeout = droverFunction(template, 'dispatcher').properties.Timeout;
      expect(timeout).toBe(DISPATCHER_TIMEOUT.toSeconds());
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
    });

    it('parks a record after 5 receives in a dead-letter queue that keeps it 14 days', () => {
      const dlq = queueId(template, 'WebhooksDeadLetterQueue');
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
      });
      expect(template.toJSON().Resources[dlq].Properties).toEqual({
        MessageRetentionPeriod: 14 * 86_400,
        SqsManagedSseEnabled: true,
      });
    });

    it.each(['WebhooksQueue', 'WebhooksDeadLetterQueue'])('refuses plain-HTTP access to %s', (prefix) => {
      const id = queueId(template, prefix);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('routes every Drover event, whole, to the queue, retrying for a day before the events DLQ', () => {
      expect(rule).toMatchObject({ bus: 'drover', target: 'webhooks' });
      expect(rule.pattern['detail-type']).toBeUndefined();
      template.hasResourceProperties('AWS::Events::Rule', {
        Description: rule.description,
        EventBusName: { Ref: Match.stringLikeRegexp('^EventsBus') },
        EventPattern: { source: rule.pattern.source, 'detail-type': Match.absent() },
        Targets: [
          {
            Id: Match.anyValue(),
            Arn: { 'Fn::GetAtt': [queueId(template, 'WebhooksQueue'), 'Arn'] },
            // The dispatcher reads the EventBridge envelope: no Input, InputPath or transformer.
            Input: Match.absent(),
            InputPath: Match.absent(),
            InputTransformer: Match.absent(),
            DeadLetterConfig: {
              Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EventsDeadLetterQueue'), 'Arn'] },
            },
            RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          },
        ],
      });
    });

    it('lets EventBridge send to the queue on behalf of that rule only (aws:SourceArn)', () => {
      const id = queueId(template, 'WebhooksQueue');
      const [policy] = Object.values(
        template.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: id }] } }),
      );
      const allows = (
        policy!.Properties.PolicyDocument.Statement as (Statement & { Principal: unknown })[]
      ).filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        expect.objectContaining({
          Principal: { Service: 'events.amazonaws.com' },
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Resource: { 'Fn::GetAtt': [id, 'Arn'] },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId(), 'Arn'] } } },
        }),
      ]);
    });

    it('runs the dispatcher on nodejs22.x, arm64, for a minute, outside any VPC', () => {
      const fn = droverFunction(template, 'dispatcher').properties;
      expect(fn).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: 60,
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.VpcConfig).toBeUndefined();
    });

    it('feeds the dispatcher from the queue in batches of 10, reporting failed records only', () => {
      // The webhook queue's and the sweep's reconcile queue's (below).
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: droverFunction(template, 'dispatcher').id },
        EventSourceArn: { 'Fn::GetAtt': [queueId(template, 'WebhooksQueue'), 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    it('lets the dispatcher consume the queue, and only the dispatcher', () => {
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']) {
        // The reconciler consumes the sweep's queue, not this one (see the sweep's tests).
        expect(functionsAllowed(template, action)).toEqual(['dispatcher', 'reconcile']);
        const webhookQueue = JSON.stringify({ 'Fn::GetAtt': [queueId(template, 'WebhooksQueue'), 'Arn'] });
        const onIt = FUNCTION_NAMES.filter((name) =>
          withAction(statementsOf(template, name), action).some(
            (s) => JSON.stringify(s.Resource) === webhookQueue,
          ),
        );
        expect(onIt).toEqual(['dispatcher']);
      }
    });

    it('lets the dispatcher (delayed retries) and the webhooks group (redeliver) queue work, on that queue', () => {
      const queueArn = { 'Fn::GetAtt': [queueId(template, 'WebhooksQueue'), 'Arn'] };
      const senders = FUNCTION_NAMES.filter((name) =>
        withAction(statementsOf(template, name), 'sqs:SendMessage').some(
          (grant) => JSON.stringify(grant.Resource) === JSON.stringify(queueArn),
        ),
      );
      expect(senders.sort()).toEqual(['dispatcher', 'webhooks']);
      // The reconciler sends too, to its own DLQ (failed asynchronous invocations), nothing else.
      // The reconciler sends to the sweep's queue too (its sweep tick).
      expect(functionsAllowed(template, 'sqs:SendMessage')).toEqual(['dispatcher', 'reconcile', 'webhooks']);
    });

    it('lets the dispatcher read and write the table and its indexes, and open secrets but not seal them', () => {
      const statements = statementsOf(template, 'dispatcher');
      const [table] = withAction(statements, 'dynamodb:Query');
      expect(JSON.stringify(table!.Resource)).toContain('/index/*');
      expect(actionsOf(statements)).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      );
      expect(actionsOf(statements)).not.toContain('kms:Encrypt');
      expect(actionsOf(statements)).not.toContain('events:PutEvents');
    });

    it('lets DynamoDB expire deliveries: TTL on expiresAt is enabled', () => {
      expect(TABLE.timeToLiveAttribute).toBe('expiresAt');
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
    });
  });

  describe('agent token key', () => {
    it('is generated by Secrets Manager as 64 letters and digits, valid base64 of 48 bytes', () => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
      });
    });

    it('reaches the agent group and the reconciler only, as a dynamic reference resolved at deploy', () => {
      const holders = FUNCTION_NAMES.filter(
        (name) => 'AGENT_TOKEN_KEY' in droverFunction(template, name).properties.Environment.Variables,
      );
      expect(holders.sort()).toEqual(['agent', 'agentChannel', 'reconcile']);
      for (const name of holders) {
        const value = JSON.stringify(
          droverFunction(template, name).properties.Environment.Variables.AGENT_TOKEN_KEY,
        );
        expect(value).toContain('{{resolve:secretsmanager:');
        expect(value).toMatch(/AgentTokenKeySecret/);
      }
    });
  });

  describe('function environments', () => {
    const COMMON = ['NODE_OPTIONS', 'DROVER_STAGE', 'POWERTOOLS_SERVICE_NAME'];
    const AUTH = ['AUTH_ISSUER', 'AUTH_JWKS_URL'];
    const AGENT_KEY = ['AGENT_TOKEN_KEY', 'AGENT_TOKEN_KEY_VERSION'];
    // Groups with a paginated list sign their cursors (middleware/cursor-signing.ts).
    const CURSOR = ['CURSOR_KEY'];
    const SCHEDULES = [
      'SCHEDULE_GROUP_NAME',
      'SCHEDULER_ROLE_ARN',
      'RECONCILE_FUNCTION_ARN',
      'RECONCILE_DLQ_ARN',
    ];
    // What each function is told (beyond COMMON), and which builders of ports-from-environment
    // it relies on: a name missing here fails the build below, a name too many fails the list.
    const EXPECTED: Partial<Record<FunctionName, { variables: string[]; builds: (() => unknown)[] }>> = {
      account: {
        variables: [...AUTH, 'TABLE_NAME'],
        builds: [fromEnv.storeFromEnvironment, fromEnv.authenticatorFromEnvironment],
      },
      environments: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
        ],
      },
      roles: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
        ],
      },
      // Global Variables are items in the table.
      variables: {
        variables: [...AUTH, 'TABLE_NAME'],
        builds: [fromEnv.storeFromEnvironment, fromEnv.authenticatorFromEnvironment],
      },
      credentials: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'SECRETS_KEY_ID'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.secretBoxFromEnvironment,
        ],
      },
      farms: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'EVENT_BUS_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.publisherFromEnvironment,
        ],
      },
      // A GCE audit log push finds the server and publishes CloudInstanceChanged; without the
      // gcePush context it is told no push account, so every push is refused.
      'cloud-events': {
        variables: ['TABLE_NAME', 'EVENT_BUS_NAME'],
        builds: [fromEnv.storeFromEnvironment, fromEnv.publisherFromEnvironment],
      },
      // Deciding a lease extension request publishes its farm event.
      policies: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'EVENT_BUS_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.publisherFromEnvironment,
        ],
      },
      lifecycle: {
        variables: [...AUTH, 'TABLE_NAME', 'EVENT_BUS_NAME', ...SCHEDULES],
        builds: [
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.publisherFromEnvironment,
          fromEnv.schedulerFromEnvironment,
        ],
      },
      servers: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'EVENT_BUS_NAME', 'SECRETS_KEY_ID'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.publisherFromEnvironment,
          fromEnv.secretBoxFromEnvironment,
        ],
      },
      agent: {
        variables: [...AGENT_KEY, 'TABLE_NAME', 'EVENT_BUS_NAME', 'AGENT_CHANNEL_ENDPOINT'],
        builds: [
          fromEnv.storeFromEnvironment,
          fromEnv.agentTokensFromEnvironment,
          fromEnv.publisherFromEnvironment,
          () => fromEnv.agentNotifierFromEnvironment(fromEnv.storeFromEnvironment),
        ],
      },
      agentChannel: {
        variables: [...AGENT_KEY, 'TABLE_NAME'],
        builds: [fromEnv.storeFromEnvironment, fromEnv.agentTokensFromEnvironment],
      },
      orchestration: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
        ],
      },
      meta: { variables: [], builds: [] },
      audit: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
        ],
      },
      // With another issuer trusted (as here) no user pool: Drover's users only (USER_POOL_ID: see identity).
      access: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'SIGN_UP', 'OPERATOR_TOKEN_SHA256'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.userDirectoryFromEnvironment,
          fromEnv.signInFromEnvironment,
        ],
      },
      webhooks: {
        variables: [...AUTH, ...CURSOR, 'TABLE_NAME', 'SECRETS_KEY_ID', 'WEBHOOK_QUEUE_URL'],
        builds: [
          fromEnv.cursorKeyFromEnvironment,
          fromEnv.storeFromEnvironment,
          fromEnv.authenticatorFromEnvironment,
          fromEnv.secretBoxFromEnvironment,
          webhookDepsFromEnvironment,
        ],
      },
      // Hosted mode (the SSRF rules) is the default: WEBHOOK_HOSTED_MODE stays unset in AWS.
      dispatcher: {
        variables: ['TABLE_NAME', 'SECRETS_KEY_ID', 'WEBHOOK_QUEUE_URL'],
        builds: [fromEnv.storeFromEnvironment, fromEnv.secretBoxFromEnvironment, webhookDepsFromEnvironment],
      },
      orchestrator: {
        variables: ['TABLE_NAME', 'AGENT_CHANNEL_ENDPOINT'],
        builds: [
          fromEnv.storeFromEnvironment,
          () => fromEnv.agentNotifierFromEnvironment(fromEnv.storeFromEnvironment),
        ],
      },
      reconcile: {
        variables: [
          ...AGENT_KEY,
          'TABLE_NAME',
          'EVENT_BUS_NAME',
          'SECRETS_KEY_ID',
          ...SCHEDULES,
          'AGENT_API_URL',
          'AGENT_CHANNEL_URL',
          'AGENT_DOWNLOAD_URL',
          'AGENT_BUNDLE_SHA256',
          'AGENT_CHANNEL_ENDPOINT',
          'QUIET_SWEEP_EVERY',
          'RECONCILE_QUEUE_URL',
        ],
        builds: [
          fromEnv.storeFromEnvironment,
          fromEnv.secretBoxFromEnvironment,
          fromEnv.publisherFromEnvironment,
          fromEnv.schedulerFromEnvironment,
          fromEnv.agentTokensFromEnvironment,
          fromEnv.agentApiUrlFromEnvironment,
          fromEnv.agentDownloadFromEnvironment,
          // Connected agents do not poll: the reconciler re-nudges executions left queued.
          () => fromEnv.agentNotifierFromEnvironment(fromEnv.storeFromEnvironment),
          // The sweep tick (composition/sweep.ts).
          sweepDepsFromEnvironment,
        ],
      },
    };
    // Stand-ins for values CloudFormation resolves at deploy time; the key has the shape
    // Secrets Manager generates (64 letters and digits).
    const SAMPLE: Record<string, string> = { AGENT_TOKEN_KEY: `${'Drover0'.repeat(8)}agentKey` };
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    });

    it.each(FUNCTION_NAMES)('tells the %s function what it uses and nothing more', (name) => {
      const variables = Object.keys(droverFunction(template, name).properties.Environment.Variables);
      const expected = EXPECTED[name];
      if (!expected) throw new Error(`say what the ${name} function is told in EXPECTED`);
      expect(variables.sort()).toEqual([...COMMON, ...expected.variables].sort());
    });

    it.each(FUNCTION_NAMES)('lets the %s function build its ports from its environment alone', (name) => {
      const variables = droverFunction(template, name).properties.Environment.Variables as Record<
        string,
        unknown
      >;
      for (const key of Object.keys(process.env))
        if (
          /^(AUTH_|AGENT_|TABLE_|SECRETS_|EVENT_|SCHEDULE|RECONCILE_|WEBHOOK_|CURSOR_|SIGN_UP|OPERATOR_)/.test(
            key,
          )
        )
          delete process.env[key];
      for (const [key, value] of Object.entries(variables)) {
        process.env[key] =
          SAMPLE[key] ?? (typeof value === 'string' ? value : `https://sample.example.com/${key}`);
      }
      for (const build of EXPECTED[name]?.builds ?? []) expect(build).not.toThrow();
    });

    it.each(['webhooks', 'dispatcher'] as const)(
      'lets the %s function queue webhook work on the queue its environment names, in hosted mode',
      async (name) => {
        const variables = droverFunction(template, name).properties.Environment.Variables;
        expect(variables.WEBHOOK_QUEUE_URL).toEqual({ Ref: queueId(template, 'WebhooksQueue') });
        expect(variables.DROVER_HOSTED).toBeUndefined();
        for (const key of Object.keys(process.env)) if (key.startsWith('WEBHOOK_')) delete process.env[key];
        for (const key of Object.keys(variables)) process.env[key] = `https://sample.example.com/${key}`;
        expect(egressPolicyFromEnvironment().hosted).toBe(true);
        // SQS has no local emulator here: check the call the adapter makes, not a delivery.
        const sqs = mockClient(SQSClient);
        try {
          sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
          await webhookDepsFromEnvironment().deliveryQueue.enqueue(
            { kind: 'attempt', accountId: 'acc1', deliveryId: 'dlv1' },
            30_000,
          );
          expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toMatchObject({
            QueueUrl: 'https://sample.example.com/WEBHOOK_QUEUE_URL',
            DelaySeconds: 30,
          });
        } finally {
          sqs.restore();
        }
      },
    );

    it('builds the reconciler its ports without an issuer, and gives it no authenticator', async () => {
      const variables = droverFunction(template, 'reconcile').properties.Environment.Variables;
      for (const key of Object.keys(process.env)) if (key.startsWith('AUTH_')) delete process.env[key];
      for (const key of Object.keys(variables))
        process.env[key] = SAMPLE[key] ?? `https://sample.example.com/${key}`;
      const deps = reconcileDepsFromEnvironment();
      expect(deps.store).toBeDefined();
      expect(deps.scheduler).toBeDefined();
      expect(deps.agentApiUrl).toBe('https://sample.example.com/AGENT_API_URL');
      const token = deps.agentTokens.issue({ accountId: 'acc1', farmId: 'farm1', serverId: 'srv1' });
      expect(deps.agentTokens.verify(token)).toEqual({
        accountId: 'acc1',
        farmId: 'farm1',
        serverId: 'srv1',
      });
      expect('authenticator' in deps).toBe(false);
    });
  });

  describe('web', () => {
    it('serves the portal from a private bucket through CloudFront with origin access control', () => {
      template.resourceCountIs('AWS::CloudFront::Distribution', 1);
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          Logging: Match.anyValue(),
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: Match.anyValue(),
          }),
        }),
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/portal/' }),
      });
    });

    it('forwards /api/* to the HTTP API uncached', () => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          CacheBehaviors: [
            Match.objectLike({
              PathPattern: '/api/*',
              AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
              CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            }),
          ],
        }),
      });
    });

    it('publishes drover-agent with the portal and tells the reconciler its URL and sha256', () => {
      const bundle = path.join(REPO_ROOT, 'dist/agent-site', AGENT_SITE_KEY);
      const sha256 = createHash('sha256').update(readFileSync(bundle)).digest('hex');
      const variables = droverFunction(template, 'reconcile').properties.Environment.Variables;
      expect(variables.AGENT_BUNDLE_SHA256).toBe(sha256);
      expect(variables.AGENT_DOWNLOAD_URL).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [expect.stringMatching(/^WebDistribution/), 'DomainName'] },
            '/agent/drover-agent.mjs',
          ],
        ],
      });
      // The bundle is the agent program itself, built for Node 22 at synth.
      expect(readFileSync(bundle, 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
      // Served by the default (S3) behaviour: cached, invalidated with the portal on every deployment.
      template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
      expect(deployedAssets(template)).toHaveLength(2);
    });

    it('deploys the portal export when it exists, and skips it with a warning when not', () => {
      template.resourceCountIs('Custom::CDKBucketDeployment', 1);
      expect(deployedAssets(template)).toHaveLength(2);
      const { stack: bare, template: bareTemplate } = synth({
        portalAssetsPath: 'test/infra/fixtures/no-portal',
      });
      // drover-agent is published all the same: servers download it from the web origin.
      bareTemplate.resourceCountIs('Custom::CDKBucketDeployment', 1);
      expect(deployedAssets(bareTemplate)).toHaveLength(1);
      expect(
        Annotations.fromStack(bare).findWarning('*', Match.stringLikeRegexp('portal bucket stays empty')),
      ).toHaveLength(1);
    });
  });

  describe('identity', () => {
    it('signs users in by email in a pool only admins add users to, with immutable account and user ids', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'account_id', Mutable: false, AttributeDataType: 'String' }),
          Match.objectLike({ Name: 'user_id', Mutable: false, AttributeDataType: 'String' }),
        ]),
      });
    });

    it('asks for strong passwords and offers TOTP MFA', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      });
    });

    it('has a public app client (no secret) signing in with SRP or, relayed by the API, a password', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
        PreventUserExistenceErrors: 'ENABLED',
      });
    });

    it('uses the Plus plan with full threat protection in prod, and protects the pool', () => {
      const { template: prod } = synth({ stage: 'prod' });
      prod.hasResource('AWS::Cognito::UserPool', {
        Properties: Match.objectLike({
          UserPoolTier: 'PLUS',
          UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
          DeletionProtection: 'ACTIVE',
        }),
        DeletionPolicy: 'Retain',
      });
    });

    it("gives the API the pool's issuer and client as audience unless authIssuer overrides it", () => {
      const { template: own } = synth({ authIssuer: undefined });
      const pool = Object.keys(own.findResources('AWS::Cognito::UserPool'))[0]!;
      const client = Object.keys(own.findResources('AWS::Cognito::UserPoolClient'))[0]!;
      const env = droverFunction(own, 'access').properties.Environment.Variables;
      expect(JSON.stringify(env.AUTH_ISSUER)).toContain('cognito-idp.');
      expect(JSON.stringify(env.AUTH_ISSUER)).toContain(pool);
      expect(env.AUTH_AUDIENCE).toEqual({ Ref: client });
      const overridden = droverFunction(template, 'access').properties.Environment.Variables;
      expect(overridden.AUTH_ISSUER).toBe('https://issuer.example.com');
    });

    describe('with its own pool', () => {
      let own: ReturnType<typeof synth>;
      let pool: string;
      beforeAll(() => {
        own = synth({ authIssuer: undefined });
        pool = Object.keys(own.template.findResources('AWS::Cognito::UserPool'))[0]!;
      });

      it('tells the access group the pool its users are created in, and the app client sign-in uses', () => {
        const env = droverFunction(own.template, 'access').properties.Environment.Variables;
        expect(env.USER_POOL_ID).toEqual({ Ref: pool });
        const client = Object.keys(own.template.findResources('AWS::Cognito::UserPoolClient'))[0]!;
        expect(env.USER_POOL_CLIENT_ID).toEqual({ Ref: client });
      });

      it('lets the access group, only, call the admin actions the user directory uses, on that pool', () => {
        const cognitoActions = (name: FunctionName) =>
          actionsOf(statementsOf(own.template, name)).filter((a) => a.startsWith('cognito-idp:'));
        expect(cognitoActions('access').sort()).toEqual(
          [
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminDeleteUser',
            'cognito-idp:AdminDisableUser',
            'cognito-idp:AdminSetUserPassword',
          ].sort(),
        );
        for (const statement of withAction(
          statementsOf(own.template, 'access'),
          'cognito-idp:AdminCreateUser',
        ))
          expect(statement.Resource).toEqual({ 'Fn::GetAtt': [pool, 'Arn'] });
        expect(FUNCTION_NAMES.filter((name) => cognitoActions(name).length > 0)).toEqual(['access']);
      });

      it('builds the Cognito directory from that environment (its calls name the pool)', async () => {
        process.env.USER_POOL_ID = 'eu-west-1_Sample';
        const cognito = mockClient(CognitoIdentityProviderClient);
        try {
          cognito.on(AdminCreateUserCommand).resolves({});
          await fromEnv.userDirectoryFromEnvironment().createUser({
            accountId: 'acc-01m89m5r49vdr8r9ak7dmexzks',
            userId: 'usr-01m89m5r49fqq8wnfdc7dxrx32',
            email: 'new@example.com',
            name: 'New',
          });
          expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
            UserPoolId: 'eu-west-1_Sample',
            Username: 'new@example.com',
          });
        } finally {
          cognito.restore();
          delete process.env.USER_POOL_ID;
        }
      });

      it('builds the Cognito sign-in from that environment (its calls name the app client)', async () => {
        process.env.USER_POOL_CLIENT_ID = 'sampleclientid0000000000001';
        const cognito = mockClient(CognitoIdentityProviderClient);
        try {
          cognito
            .on(InitiateAuthCommand)
            .resolves({ AuthenticationResult: { IdToken: 'id', ExpiresIn: 3600 } });
          await fromEnv.signInFromEnvironment().signIn('new@example.com', 'Sample-password-1');
          expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toMatchObject({
            ClientId: 'sampleclientid0000000000001',
            AuthFlow: 'USER_PASSWORD_AUTH',
          });
        } finally {
          cognito.restore();
          delete process.env.USER_POOL_CLIENT_ID;
        }
      });

      it('finds nothing unacknowledged by cdk-nag', () => {
        expect(nagViolations(own.stack)).toEqual([]);
      });
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('finds nothing unacknowledged in the default deployment', () => {
      expect(nagViolations(stack)).toEqual([]);
    });

    it('finds nothing unacknowledged in a prod stage with its environment, domain and own table key', () => {
      const { stack: prod } = synth({
        stage: 'prod',
        account: '123456789012',
        region: 'eu-west-1',
        portalDomain: 'drover.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        tableEncryption: 'customer-managed',
      });
      expect(nagViolations(prod)).toEqual([]);
    });

    it('reports no errors from the constructs themselves', () => {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    });
  });

  describe('stages', () => {
    it('suffixes names and protects data in prod', () => {
      const { stack: prod, template: prodTemplate } = synth({ stage: 'prod' });
      expect(prod.stackName).toBe('Drover-prod');
      prodTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: 'drover-prod' });
      prodTemplate.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'drover-farms-prod' });
      prodTemplate.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('lets a dev stage be deleted with its table', () => {
      const { template: dev } = synth({ stage: 'dev' });
      dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    });
  });
});
