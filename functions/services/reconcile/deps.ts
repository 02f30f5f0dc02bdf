// What a reconcile needs, as ports.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CapacityBackoff, PlanOptions } from '../../domain/planning';
import type { AgentNotifier } from '../../ports/agent-notifier';
import type { Clock } from '../../ports/clock';
import type { CloudDriverFactory } from '../../ports/cloud-driver';
import type { EventPublisher } from '../../ports/event-publisher';
import type { FarmScheduler } from '../../ports/farm-scheduler';
import type { AgentTokens } from '../../ports/identity';
import type { OperationsMetrics } from '../../ports/operations-metrics';
import type { ScalingMetricReaders } from '../../ports/scaling-metrics';
import type { SecretBox } from '../../ports/secret-box';
import type { Store } from '../../ports/store';
import type { InventoryTiming } from './inventory-reads';
import type { AgentDownload } from './user-data';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ReconcileRepos = Pick<
  Store,
  | 'audit'
  | 'credentials'
  | 'environments'
  | 'executions'
  | 'farmEvents'
  | 'farms'
  | 'inventory'
  | 'orchestrationRules'
  | 'policies'
  | 'reconciles'
  | 'roles'
  | 'scalingStates'
  | 'metricSamples'
  | 'servers'
  | 'variables'
>;

export interface ReconcileDeps {
  store: ReconcileRepos;
  secrets: SecretBox;
  drivers: CloudDriverFactory;
  clock: Clock;
  publisher: EventPublisher;
  scheduler: FarmScheduler;
  agentTokens: AgentTokens;
  /** The API URL agents report to, written into each server's user data. */
  agentApiUrl: string;
  /** The agents' WebSocket URL when it is not the API's own `/v1/agent/connect` (AWS: the WebSocket API). */
  agentChannelUrl?: string;
  /** Where user data downloads drover-agent and its sha256 (AWS: the web origin; locally: the API). */
  agentDownload?: AgentDownload;
  logger: Logger;
  /** Nudges the agents of servers whose executions wait queued too long (none: the agents' reconnects catch up). */
  notifier?: AgentNotifier;
  /** The operator's figures (EMF in Lambda); none when absent (the local runtime, most tests). */
  metrics?: OperationsMetrics;
  planOptions?: Partial<PlanOptions>;
  /** How long a pass may hold the farm's lease (a crashed pass's lease runs out after it). */
  leaseMs?: number;
  /** How long a farm role that found no capacity waits before launching again (doubling). */
  capacityBackoff?: CapacityBackoff;
  /** How old the shared inventory snapshot may be, and its listing's claim and wait (inventory-reads.ts). */
  inventoryTiming?: Partial<InventoryTiming>;
  /** Readers of the metric sources the control plane fetches (sqs, http); agent, custom and pushed read the store. */
  scalingReaders?: ScalingMetricReaders;
  /** How often a farm role's scaling rules are evaluated (default EVALUATION_PERIOD_MS, a minute). */
  scalingPeriodMs?: number;
  /** Every how many sweep ticks a quiet farm whose clouds send events is looked at (QUIET_SWEEP_EVERY; default 5). */
  quietSweepEvery?: number;
}
