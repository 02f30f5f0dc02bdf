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

export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Drover alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Drover alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number, periods = 1) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues))
      alarm(
        `${name}NotEmpty`,
        `Drover: the ${name} dead-letter queue holds messages (work given up on; read them, fix, redrive)`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(1) }),
        0,
      );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        `Drover: the ${name} function failed`,
        fn.metricErrors({ period: FIVE_MINUTES }),
        0,
      );
      alarm(
        `${name}Throttles`,
        `Drover: the ${name} function was throttled (account or reserved concurrency)`,
        fn.metricThrottles({ period: FIVE_MINUTES }),
        0,
      );
    }
    const api5xx = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        requests: props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      label: 'API 5xx %',
      period: FIVE_MINUTES,
    });
    alarm(
      'Api5xxRate',
      `Drover: more than ${API_5XX_PERCENT}% of API requests answered 5xx`,
      api5xx,
      API_5XX_PERCENT,
      2,
    );
    alarm(
      'ReconcileFailures',
      'Drover: reconcile passes failed (each farm concerned has a ReconcileFailed event)',
      droverMetric(METRIC.reconcileFailures),
      0,
    );
    const webhookFailureRate = new MathExpression({
      expression: 'IF(deliveries > 0, 100 * failures / deliveries, 0)',
      usingMetrics: {
        failures: droverMetric(METRIC.webhookFailures),
        deliveries: droverMetric(METRIC.webhookDeliveries),
      },
      label: 'Webhook failure %',
      period: FIVE_MINUTES,
    });
    alarm(
      'WebhookFailureRate',
      `Drover: more than ${WEBHOOK_FAILURE_PERCENT}% of webhook attempts failed for 15 minutes`,
      webhookFailureRate,
      WEBHOOK_FAILURE_PERCENT,
      3,
    );
    alarm(
      'FarmDegraded',
      `Drover: a farm has been degraded for more than ${props.degradedFarmMinutes} minutes (see its reconcile summary)`,
      droverMetric(METRIC.farmDegradedSeconds, 'Maximum', Duration.minutes(1)),
      props.degradedFarmMinutes * 60,
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
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
        right: [webhookFailureRate],
        width: 12,
      }),
      new GraphWidget({
        title: 'API requests and 5xx %, agent connections',
        left: [props.httpApi.metricCount({ period: FIVE_MINUTES }), droverMetric(METRIC.agentConnections)],
        right: [api5xx],
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
    );
  }
}
