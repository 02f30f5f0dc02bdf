// OperationsMetrics on Powertools Metrics: EMF log lines that CloudWatch turns into metrics in
// the `Drover` namespace. Figures without a dimension are buffered and written once when the
// invocation ends (the logMetrics middleware); a figure with a dimension is written at once as
// its own EMF line (singleMetric), so one invocation can count several kinds without their
// dimensions mixing.
// Configuration is read once at module load: POWERTOOLS_METRICS_DISABLED=true (set by the
// local runtime and the tests) keeps stdout quiet; Lambda functions leave it unset.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE, type OperationsMetrics } from '../../ports/operations-metrics';

export function createPowertoolsMetrics(serviceName = METRICS_SERVICE): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
}

export function operationsMetricsOf(metrics: Metrics): OperationsMetrics {
  return {
    add(name, value, unit = 'Count', dimension) {
      const powertoolsUnit = unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count;
      if (!dimension) {
        metrics.addMetric(name, powertoolsUnit, value);
        return;
      }
      const single = metrics.singleMetric();
      single.addDimension(dimension.name, dimension.value);
      single.addMetric(name, powertoolsUnit, value);
    },
  };
}
