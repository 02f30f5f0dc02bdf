// The operator's alarms, topic and dashboard in the Drover stack (infra/constructs/alarms.ts),
// and the webhook dispatcher's bounded concurrency: asserted on the synthesized template, and
// cdk-nag finds nothing in the alarms' resources. Bundling is off, as in stack.test.ts.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { API_5XX_PERCENT, WEBHOOK_FAILURE_PERCENT } from '../../infra/constructs/alarms';
import { WEBHOOK_MAX_CONCURRENCY } from '../../infra/constructs/webhooks';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));

function synth(context: Record<string, unknown> = {}) {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: 'test/infra/fixtures/portal',
      authIssuer: 'https://issuer.example.com',
      ...context,
    },
  });
  const config = readConfig(app.node);
  const stack = new DroverStack(app, config.stackName, { config });
  return { stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Properties: Record<string, unknown> }>;
let stack: DroverStack;
let template: Template;
let alarms: Resources;

beforeAll(() => {
  ({ stack, template } = synth({ alarmEmail: 'ops@example.com' }));
  alarms = template.findResources('AWS::CloudWatch::Alarm') as Resources;
}, 120_000);

function alarmsOn(metricName: string) {
  return Object.values(alarms).filter((a) => a.Properties.MetricName === metricName);
}

function mathAlarm(expressionPart: string) {
  return Object.values(alarms).find((a) =>
    (a.Properties.Metrics as { Expression?: string }[] | undefined)?.some((m) =>
      m.Expression?.includes(expressionPart),
    ),
  );
}

describe('alarm topic', () => {
  it('is encrypted with its own rotated key, refuses plain HTTP, and mails the address given', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Drover alarms',
      KmsMasterKeyId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Encrypts the Drover alarm topic',
      EnableKeyRotation: true,
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    template.hasOutput('AlarmTopicArn', {});
  });

  it('has no subscription without -c alarmEmail', () => {
    const { template: plain } = synth();
    plain.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('receives every alarm', () => {
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    for (const alarm of Object.values(alarms))
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
  });
});

describe('alarms', () => {
  it('go off when any dead-letter queue holds a message', () => {
    const dlq = alarmsOn('ApproximateNumberOfMessagesVisible');
    expect(dlq).toHaveLength(3);
    for (const alarm of dlq)
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    const queues = new Set(dlq.map((a) => JSON.stringify((a.Properties.Dimensions as unknown[])[0])));
    expect(queues.size).toBe(3);
  });

  it('watch errors and throttles of every Drover function', () => {
    const functions = Object.keys(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^Drover') },
      }),
    );
    expect(functions.length).toBeGreaterThan(5);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarmsOn(metric).map(
        (a) => ((a.Properties.Dimensions as { Value: { Ref: string } }[])[0]!.Value as { Ref: string }).Ref,
      );
      expect(watched.sort()).toEqual([...functions].sort());
    }
  });

  it('watch the API 5xx share of requests', () => {
    const alarm = mathAlarm('100 * errors / requests');
    expect(alarm?.Properties).toMatchObject({ Threshold: API_5XX_PERCENT, EvaluationPeriods: 2 });
    const names = (
      alarm!.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[]
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' }),
        expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' }),
      ]),
    );
  });

  it('watch failed reconcile passes through the reconciler EMF metric', () => {
    expect(alarmsOn('ReconcileFailures')[0]?.Properties).toMatchObject({
      Namespace: 'Drover',
      Dimensions: [{ Name: 'service', Value: 'drover' }],
      Statistic: 'Sum',
      Threshold: 0,
    });
  });

  it('watch the webhook failure rate (failures / deliveries)', () => {
    const alarm = mathAlarm('100 * failures / deliveries');
    expect(alarm?.Properties).toMatchObject({ Threshold: WEBHOOK_FAILURE_PERCENT, EvaluationPeriods: 3 });
    const names = (
      alarm!.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    expect(names.sort()).toEqual(['WebhookDeliveries', 'WebhookFailures']);
  });

  it('watch a farm degraded for longer than degradedFarmMinutes (default 15)', () => {
    expect(alarmsOn('FarmDegradedSeconds')[0]?.Properties).toMatchObject({
      Namespace: 'Drover',
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 15 * 60,
    });
    const { template: patient } = synth({ degradedFarmMinutes: '45' });
    patient.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FarmDegradedSeconds',
      Threshold: 45 * 60,
    });
    expect(() => synth({ degradedFarmMinutes: '0' })).toThrow(/degradedFarmMinutes/);
  });
});

describe('dashboard', () => {
  it('shows the alarms and the Drover figures', () => {
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard') as Resources;
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(stack.resolve(Object.values(dashboards)[0]!.Properties.DashboardBody));
    for (const name of [
      'ReconcilePasses',
      'ReconcileActions',
      'CloudErrors',
      'CloudThrottles',
      'HealingLatency',
      'FarmDegradedSeconds',
      'WebhookDeliveries',
      'WebhookFailures',
      'AgentConnections',
      'ApproximateNumberOfMessagesVisible',
    ])
      expect(body).toContain(name);
  });
});

describe('webhook dispatcher concurrency', () => {
  it('is bounded on its SQS event source', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: WEBHOOK_MAX_CONCURRENCY },
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing in the alarms, their topic and key', () => {
    const violations = new AwsSolutionsChecks()
      .validateScope(stack.alarms)
      .violations.map((v) => ({ rule: v.ruleName, at: v.violatingResources.map((r) => r.constructPath) }));
    expect(violations).toEqual([]);
  });
});
