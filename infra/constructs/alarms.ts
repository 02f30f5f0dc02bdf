// What pages the operator (infra/README.md, "Alarms and dashboard"): CloudWatch alarms on the
// figures that say Drover is not doing its job, all sent to one SNS topic (KMS-encrypted; an
// email subscription with `-c alarmEmail=`), and one dashboard with the same figures.
//   - every dead-letter queue holding a message (work given up on);
//   - each function's errors and throttles;
//   - the HTTP API's 5xx share of requests;
//   - reconcile passes that failed (the reconciler's EMF metric ReconcileFailures);
//   - the webhook failure rate (WebhookFailures / WebhookDeliveries);
//   - a farm degraded for longer than `degradedFarmMinutes` (FarmDegradedSeconds, its maximum).
// The Drover figures are EMF metrics written by the functions (functions/ports/operations-metrics.ts).
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  METRIC,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricName,
} from '../../functions/ports/operations-metrics';

export interface AlarmsProps {
  /** Each dead-letter queue, by a name for its alarm. */
  deadLetterQueues: Record<string, IQueue>;
  /** Each Drover function, by a name for its alarms. */
  functions: Record<string, IFunction>;
  httpApi: HttpApi;
  /** Subscribed to the topic when given (it must confirm the subscription). */
  alarmEmail?: string;
  /** How long a farm may stay degraded before the alarm goes off. */
  degradedFarmMinutes: number;
  /** Names the dashboard. */
  dashboardName: string;
}

/** The API's 5xx share (percent) above which the alarm goes off, over two 5-minute periods. */
export const API_5XX_PERCENT = 5;
/** The webhook failure rate (percent) above which the alarm goes off, over three 5-minute periods. */
export const WEBHOOK_FAILURE_PERCENT = 25;

const FIVE_MINUTES = Duration.minutes(5);

export function droverMetric(name: MetricName, statistic = 'Sum', period = FIVE_MINUTES): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic,
    period,
  });
}

/** Every series of a metric kept apart by a dimension (result, kind), found by a SEARCH. */
function byDimension(name: MetricName, dimension: string, label: string): IMetric {
  return new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},service,${dimension}} MetricName="${name}"', 'Sum', 300)`,
    label,
    period: FIVE_MINUTES,
  });
}

/** The API's 5xx share of requests, in percent (alarmed on and graphed). */
function api5xxShare(httpApi: HttpApi): MathExpression {
  return new MathExpression({
    expression: 'IF(requests > 0, 100 * errors / requests, 0)',
    usingMetrics: {
      errors: httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      requests: httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
    },
    label: 'API 5xx %',
    period: FIVE_MINUTES,
  });
}

/** The share of webhook attempts that failed, in percent (alarmed on and graphed). */
function webhookFailureShare(): MathExpression {
  return new MathExpression({
    expression: 'IF(deliveries > 0, 100 * failures / deliveries, 0)',
    usingMetrics: {
      failures: droverMetric(METRIC.webhookFailures),
      deliveries: droverMetric(METRIC.webhookDeliveries),
    },
    label: 'Webhook failure %',
    period: FIVE_MINUTES,
  });
}

/** The two rates both an alarm and the dashboard show: one expression each, shared. */
interface Shares {
  api5xx: MathExpression;
  webhookFailures: MathExpression;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  private readonly notify: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = this.createTopic(props.alarmEmail);
    this.notify = new SnsAction(this.topic);
    const shares: Shares = { api5xx: api5xxShare(props.httpApi), webhookFailures: webhookFailureShare() };
    this.alarmOnQueuesAndFunctions(props);
    this.alarmOnDroverFigures(props, shares);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.dashboard.addWidgets(...dashboardWidgets(props, this.alarms, shares));
  }

  private createTopic(alarmEmail: string | undefined): Topic {
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Drover alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'Topic', {
      displayName: 'Drover alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
    return topic;
  }

  private alarm(
    alarmId: string,
    description: string,
    metric: IMetric,
    threshold: number,
    periods = 1,
  ): Alarm {
    const created = new Alarm(this, alarmId, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: periods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(this.notify);
    this.alarms.push(created);
    return created;
  }

  private alarmOnQueuesAndFunctions(props: AlarmsProps): void {
    for (const [name, queue] of Object.entries(props.deadLetterQueues))
      this.alarm(
        `${name}NotEmpty`,
        `Drover: the ${name} dead-letter queue holds messages (work given up on; read them, fix, redrive)`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
        0,
      );
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(
        `${name}Errors`,
        `Drover: the ${name} function failed`,
        fn.metricErrors({ period: FIVE_MINUTES }),
        0,
      );
      this.alarm(
        `${name}Throttles`,
        `Drover: the ${name} function was throttled (account or reserved concurrency)`,
        fn.metricThrottles({ period: FIVE_MINUTES }),
        0,
      );
    }
  }

  private alarmOnDroverFigures(props: AlarmsProps, shares: Shares): void {
    this.alarm(
      'Api5xxRate',
      `Drover: more than ${API_5XX_PERCENT}% of API requests answered 5xx`,
      shares.api5xx,
      API_5XX_PERCENT,
      2,
    );
    this.alarm(
      'ReconcileFailures',
      'Drover: reconcile passes failed (each farm concerned has a ReconcileFailed event)',
      droverMetric(METRIC.reconcileFailures),
      0,
    );
    this.alarm(
      'WebhookFailureRate',
      `Drover: more than ${WEBHOOK_FAILURE_PERCENT}% of webhook attempts failed for 15 minutes`,
      shares.webhookFailures,
      WEBHOOK_FAILURE_PERCENT,
      3,
    );
    this.alarm(
      'FarmDegraded',
      `Drover: a farm has been degraded for more than ${props.degradedFarmMinutes} minutes (see its reconcile summary)`,
      droverMetric(METRIC.farmDegradedSeconds, 'Maximum', Duration.minutes(1)),
      props.degradedFarmMinutes * 60,
    );
  }
}

/** The dashboard: the alarms' states, then the figures behind them. */
function dashboardWidgets(props: AlarmsProps, alarms: Alarm[], shares: Shares): IWidget[] {
  return [
    new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 }),
    new GraphWidget({
      title: 'Reconcile passes by result',
      left: [byDimension(METRIC.reconcilePasses, 'result', '')],
      right: [droverMetric(METRIC.reconcileFailures)],
      width: 12,
    }),
    new GraphWidget({
      title: 'Reconcile actions by kind',
      left: [byDimension(METRIC.reconcileActions, 'kind', '')],
      width: 12,
    }),
    new GraphWidget({
      title: 'Cloud errors by kind, throttles',
      left: [byDimension(METRIC.cloudErrors, 'kind', '')],
      right: [droverMetric(METRIC.cloudThrottles)],
      width: 12,
    }),
    new GraphWidget({
      title: 'Healing latency (s) and longest degraded farm (s)',
      left: [droverMetric(METRIC.healingLatency, 'p90'), droverMetric(METRIC.healingLatency, 'Maximum')],
      right: [droverMetric(METRIC.farmDegradedSeconds, 'Maximum')],
      width: 12,
    }),
    new GraphWidget({
      title: 'Webhook deliveries, failures and failure %',
      left: [droverMetric(METRIC.webhookDeliveries), droverMetric(METRIC.webhookFailures)],
      right: [shares.webhookFailures],
      width: 12,
    }),
    new GraphWidget({
      title: 'API requests and 5xx %, agent connections',
      left: [props.httpApi.metricCount({ period: FIVE_MINUTES }), droverMetric(METRIC.agentConnections)],
      right: [shares.api5xx],
      width: 12,
    }),
    new GraphWidget({
      title: 'Function errors and throttles',
      left: Object.entries(props.functions).map(([name, fn]) =>
        fn.metricErrors({ period: FIVE_MINUTES, label: `${name} errors` }),
      ),
      right: Object.entries(props.functions).map(([name, fn]) =>
        fn.metricThrottles({ period: FIVE_MINUTES, label: `${name} throttles` }),
      ),
      width: 12,
    }),
    new GraphWidget({
      title: 'Dead-letter queues',
      left: Object.entries(props.deadLetterQueues).map(([name, queue]) =>
        queue.metricApproximateNumberOfMessagesVisible({ label: name, statistic: 'Maximum' }),
      ),
      width: 12,
    }),
  ];
}
