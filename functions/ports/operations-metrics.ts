// OperationsMetrics: the figures an operator watches (infra/README.md, "Metrics"). In AWS they
// are CloudWatch metrics written as EMF log lines (Powertools Metrics) under the `Drover`
// namespace, which the alarms and the dashboard read; locally nothing is written.
// Services count through this port so they do not know how figures are shipped.

export const METRICS_NAMESPACE = 'Drover';

/** Every metric name Drover emits; infra/constructs/alarms.ts reads the same constants. */
export const METRIC = {
  /** One per reconcile pass; dimension `result` (applied, no-op, busy, gone, failed). */
  reconcilePasses: 'ReconcilePasses',
  /** A pass that threw (its farm gets a ReconcileFailed event). No dimension: the alarm's figure. */
  reconcileFailures: 'ReconcileFailures',
  /** Actions a pass planned; dimension `kind` (launch, terminate, …). */
  reconcileActions: 'ReconcileActions',
  /** Cloud calls that failed; dimension `kind` (the CloudError kind: Throttled, Unavailable, …). */
  cloudErrors: 'CloudErrors',
  /** Cloud calls refused for rate (a subset of CloudErrors, without dimension, for the alarm). */
  cloudThrottles: 'CloudThrottles',
  /** Cloud locations a pass observed; dimension `read`: snapshot (no call), listed (the whole location), direct (its farm). */
  inventoryReads: 'InventoryReads',
  /** Seconds from a server's instance found gone to its replacement Running. */
  healingLatency: 'HealingLatency',
  /** How long (seconds) a farm has been degraded, emitted at each pass while it is. */
  farmDegradedSeconds: 'FarmDegradedSeconds',
  /** Webhook attempts that reached an answer or gave up (succeeded, will retry, failed). */
  webhookDeliveries: 'WebhookDeliveries',
  /** Those of them that did not succeed. */
  webhookFailures: 'WebhookFailures',
  /** Agents that opened the WebSocket push channel. */
  agentConnections: 'AgentConnections',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
export type MetricUnitName = 'Count' | 'Seconds';

export interface OperationsMetrics {
  /** Adds `value` to a metric; with a dimension, the figure is kept apart under it. */
  add(
    name: MetricName,
    value: number,
    unit?: MetricUnitName,
    dimension?: { name: string; value: string },
  ): void;
}

/** The local runtime's and tests' default: figures go nowhere. */
export const noOperationsMetrics: OperationsMetrics = { add: () => {} };

/** The `service` dimension Powertools adds to every figure (its default dimension). */
export const METRICS_SERVICE = 'drover';
