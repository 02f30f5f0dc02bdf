// The Drover stack's template, asserted on the resources that carry the design (keys, indexes,
// runtime, routes, bus, schedule group, distribution), and cdk-nag's AwsSolutions pack run over
// it: every finding is either fixed or acknowledged next to its resource with a reason.
// Bundling is off here (`aws:cdk:bundling-stacks: []`); `npx cdk synth` runs esbuild for real.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../functions/adapters/dynamodb/table';
import { API_GROUPS, API_ROUTES } from '../../functions/handlers/api/routes';
import { readConfig } from '../../infra/config';
import { DroverStack, type DroverStackProps } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const PORTAL_FIXTURE = 'test/infra/fixtures/portal';
const RECONCILE_FIXTURE = 'test/infra/fixtures/reconcile.ts';

function synth(
  context: Record<string, unknown> = {},
  props: Pick<DroverStackProps, 'reconcileEntry' | 'apiHandlersDir'> = {},
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

describe('the Drover stack', () => {
  let stack: DroverStack;
  let template: Template;
  beforeAll(() => {
    ({ stack, template } = synth({}, { reconcileEntry: RECONCILE_FIXTURE }));
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
    it.each(API_GROUPS)('runs the %s group as one Lambda on nodejs22.x, arm64, traced', (group) => {
      const found = functionsByDescription(template, `Drover API: ${group} routes`);
      expect(Object.keys(found)).toHaveLength(1);
      const fn = Object.values(found)[0]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            TABLE_NAME: expect.anything(),
            SECRETS_KEY_ID: expect.anything(),
            AUTH_ISSUER: 'https://issuer.example.com',
            AUTH_JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
          },
        },
      });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    });

    it('gives every Drover function its own log group with a retention period', () => {
      const logGroups = template.findResources('AWS::Logs::LogGroup');
      const drover = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) =>
        String(fn.Properties.Description).startsWith('Drover'),
      );
      expect(drover).toHaveLength(API_GROUPS.length + 1);
      const own = new Set(drover.map((fn) => fn.Properties.LoggingConfig.LogGroup.Ref));
      expect(own.size).toBe(drover.length);
      for (const id of own) expect(logGroups[id]!.Properties.RetentionInDays).toBe(30);
    });

    it('declares one HTTP API route per RouteDef of the routing table', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      template.resourceCountIs('AWS::ApiGatewayV2::Route', API_ROUTES.length);
      for (const route of API_ROUTES) {
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

    it('lets only the credentials group use the secrets key, with Encrypt and Decrypt only', () => {
      const policies = template.findResources('AWS::IAM::Policy');
      const kmsUsers = Object.entries(policies)
        .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('kms:Encrypt'))
        .map(([id]) => id);
      expect(kmsUsers).toHaveLength(1);
      expect(kmsUsers[0]).toMatch(/^ApiCredentialsFunctionRole/);
      expect(JSON.stringify(policies[kmsUsers[0]!]!.Properties.PolicyDocument)).not.toMatch(
        /kms:[A-Za-z]*\*/,
      );
    });

    it('skips a group whose handler module is missing, with a warning, and keeps the others', () => {
      const partial = synth({}, { apiHandlersDir: 'test/infra/fixtures/api' });
      expect(partial.stack.api.missingGroups).toEqual(API_GROUPS.filter((g) => g !== 'meta'));
      partial.template.resourceCountIs(
        'AWS::ApiGatewayV2::Route',
        API_ROUTES.filter((r) => r.group === 'meta').length,
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

    it('runs the reconcile function on EC2 state changes, with a dead-letter queue', () => {
      const fns = functionsByDescription(
        template,
        'Drover reconcile: one observe-diff-act pass over one farm',
      );
      expect(Object.keys(fns)).toHaveLength(1);
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
        Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } })],
      });
    });

    it('names the schedule group, role and DLQ in the farms function, which may manage schedules', () => {
      const farms = Object.values(functionsByDescription(template, 'Drover API: farms routes'))[0]!;
      expect(Object.keys(farms.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining([
          'SCHEDULE_GROUP_NAME',
          'SCHEDULER_ROLE_ARN',
          'RECONCILE_DLQ_ARN',
          'RECONCILE_FUNCTION_ARN',
        ]),
      );
    });

    it('builds no function and no EC2 rule while the reconcile handler does not exist', () => {
      const { template: without } = synth({}, { reconcileEntry: 'functions/handlers/no-such-reconcile.ts' });
      expect(
        Object.keys(
          functionsByDescription(without, 'Drover reconcile: one observe-diff-act pass over one farm'),
        ),
      ).toHaveLength(0);
      without.resourceCountIs('AWS::Events::Rule', 0);
      without.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
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

    it('deploys the portal export when it exists, and skips it with a warning when not', () => {
      template.resourceCountIs('Custom::CDKBucketDeployment', 1);
      const { stack: bare, template: bareTemplate } = synth({
        portalAssetsPath: 'test/infra/fixtures/no-portal',
      });
      bareTemplate.resourceCountIs('Custom::CDKBucketDeployment', 0);
      expect(
        Annotations.fromStack(bare).findWarning('*', Match.stringLikeRegexp('portal bucket stays empty')),
      ).toHaveLength(1);
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('finds nothing unacknowledged in the default deployment', () => {
      expect(nagViolations(stack)).toEqual([]);
    });

    it('finds nothing unacknowledged in a prod stage with its environment, domain and own table key', () => {
      const { stack: prod } = synth(
        {
          stage: 'prod',
          account: '123456789012',
          region: 'eu-west-1',
          portalDomain: 'drover.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          tableEncryption: 'customer-managed',
        },
        { reconcileEntry: RECONCILE_FIXTURE },
      );
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
