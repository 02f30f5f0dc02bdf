// Store: the persistence port. Every method is scoped to an account; an item of another
// account is simply not found. Writes of versioned specs are conditional on `expectedVersion`
// and throw PreconditionFailed when it is stale.

import type { Account, AccountSuspension } from '../domain/schemas/account';
import type { Page, PageQuery } from '../domain/schemas/common';
import type { CloudCredentials } from '../domain/schemas/credentials';
import type { Environment } from '../domain/schemas/environment';
import type { Farm } from '../domain/schemas/farm';
import type { FarmEvent } from '../domain/schemas/farm-event';
import type { Role } from '../domain/schemas/role';
import type { Server } from '../domain/schemas/server';
import type { Delivery, Webhook, WebhookEndpoint } from '../domain/schemas/webhook';
import type { AclRoleRepo, ApiTokenRepo, TeamRepo, UserRepo } from './access-store';
import type { AgentConnectionRepo, AgentMetricsRepo } from './agent-store';
import type { AttemptCounterRepo } from './attempt-counters';
import type { AuditRepo } from './audit-store';
import type { FarmTaskRepo, FarmTaskRunRepo } from './farm-task-store';
import type { Inventory } from './inventory';
import type { ExecutionRepo, OrchestrationRuleRepo, ScriptRepo } from './orchestration-store';
import type { LeaseExtensionRepo, PolicyRepo } from './policy-store';
import type { AccountScope, EnvironmentScope, FarmScope, VersionedRepo } from './repo-scopes';
import type { RetentionRepo } from './retention-store';
import type { MetricSampleRepo } from './scaling-metrics';
import type { ScalingStateRepo } from './scaling-state';
import type { VariableRepo } from './variable-store';

/** Stored credentials: the public part and the sealed secret. */
export interface StoredCredentials {
  credentials: CloudCredentials;
  sealedSecret: string;
}

export interface AccountRepo {
  get(accountId: string): Promise<Account | undefined>;
  create(account: Account): Promise<void>;
  /** Every account, for the platform operator (oldest first). */
  list(page: PageQuery): Promise<Page<Account>>;
  /** Suspends (or, with null, resumes) the account. NotFound when there is no such account. */
  setSuspension(accountId: string, suspension: AccountSuspension | null): Promise<void>;
  /** Deletes every item of the account, the account itself last (so a purge cut short can be repeated). */
  purge(accountId: string): Promise<void>;
}

export interface CredentialsRepo {
  get(scope: EnvironmentScope, id: string): Promise<StoredCredentials | undefined>;
  list(scope: EnvironmentScope, page: PageQuery): Promise<Page<CloudCredentials>>;
  create(item: StoredCredentials): Promise<void>;
  update(item: StoredCredentials, expectedVersion: number): Promise<void>;
  delete(scope: EnvironmentScope, id: string, expectedVersion?: number): Promise<void>;
}

/** Farm names are unique in an environment (case-insensitive); create and update enforce it with Conflict. */
export interface FarmRepo {
  get(scope: AccountScope, id: string): Promise<Farm | undefined>;
  findByName(scope: EnvironmentScope, name: string): Promise<Farm | undefined>;
  listByEnvironment(scope: EnvironmentScope, page: PageQuery): Promise<Page<Farm>>;
  create(farm: Farm): Promise<void>;
  /** `previousName` is the stored name, so a rename can release it. */
  update(farm: Farm, expectedVersion: number, previousName: string): Promise<void>;
  /** Deletes the farm, its name, servers and events. */
  delete(scope: AccountScope, id: string, expectedVersion?: number): Promise<void>;
}

export interface ServerRepo {
  get(scope: FarmScope, id: string): Promise<Server | undefined>;
  listByFarm(scope: FarmScope): Promise<Server[]>;
  create(server: Server): Promise<void>;
  update(server: Server, expectedVersion: number): Promise<void>;
  findByInstanceId(platform: string, instanceId: string): Promise<Server | undefined>;
}

export interface FarmEventRepo {
  append(event: FarmEvent): Promise<void>;
  /** Newest first. */
  list(scope: FarmScope, page: PageQuery): Promise<Page<FarmEvent>>;
}

/** The reconciler's per-farm bookkeeping: a lease so two passes never act at once, and the last pass's summary. */
export interface ReconcileStateRepo {
  /** Takes the farm's lease until `until` if it is free (or expired at `now`); false if another holder has it. */
  acquireLease(scope: FarmScope, holder: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(scope: FarmScope, holder: string): Promise<void>;
  saveSummary(scope: FarmScope, summary: ReconcileSummary): Promise<void>;
  getSummary(scope: FarmScope): Promise<ReconcileSummary | undefined>;
}

export interface ReconcileSummary {
  convergence: 'converged' | 'converging' | 'degraded' | 'stopped';
  reasons: string[];
  lastReconcileAt: string;
  recheckAt: string | null;
  /** Cloud API calls the last pass made, by kind (list, launch, terminate…). */
  cloudCalls: Record<string, number>;
  /** Farm roles held from launching after finding no capacity, by farm role id. */
  capacityHolds?: Record<string, { until: string; backoffMs: number }>;
  /** Farm roles whose launches policies refuse, by farm role id: the violations' signature (one PolicyViolation event per change). */
  policyRefusals?: Record<string, string>;
  /** The lease a LeaseExpiring event was published for (once per lease). */
  leaseWarnedFor?: string;
  /** When the farm's current degraded spell began (the FarmDegradedSeconds metric); absent unless degraded. */
  degradedSince?: string;
}

/** A webhook endpoint with its signing secrets, sealed (the previous one during a rotation's overlap). */
export interface StoredWebhookEndpoint {
  endpoint: WebhookEndpoint;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
}

export interface WebhookEndpointRepo {
  get(scope: EnvironmentScope, id: string): Promise<StoredWebhookEndpoint | undefined>;
  list(scope: EnvironmentScope, page: PageQuery): Promise<Page<WebhookEndpoint>>;
  /** Every endpoint of an environment with its sealed secrets (the dispatcher's view). */
  listAll(scope: EnvironmentScope): Promise<StoredWebhookEndpoint[]>;
  create(item: StoredWebhookEndpoint): Promise<void>;
  update(item: StoredWebhookEndpoint, expectedVersion: number): Promise<void>;
  delete(scope: EnvironmentScope, id: string, expectedVersion?: number): Promise<void>;
}

export interface WebhookRepo extends VersionedRepo<Webhook, EnvironmentScope> {
  /** Every webhook of an environment (the dispatcher matches events against them). */
  listAll(scope: EnvironmentScope): Promise<Webhook[]>;
}

/** Deliveries are addressed by account and id; a webhook's are listed newest first. */
export interface DeliveryRepo {
  get(scope: AccountScope, id: string): Promise<Delivery | undefined>;
  /** Fails with Conflict if the id exists (a delivery id is derived from its event and endpoint). */
  create(delivery: Delivery): Promise<void>;
  update(delivery: Delivery, expectedVersion: number): Promise<void>;
  listByWebhook(scope: AccountScope, webhookId: string, page: PageQuery): Promise<Page<Delivery>>;
}

export interface Store {
  accounts: AccountRepo;
  environments: VersionedRepo<Environment, AccountScope>;
  credentials: CredentialsRepo;
  roles: VersionedRepo<Role, AccountScope>;
  farms: FarmRepo;
  servers: ServerRepo;
  farmEvents: FarmEventRepo;
  reconciles: ReconcileStateRepo;
  /** What the clouds run per location, shared by the farms there (inventory.ts). */
  inventory: Inventory;
  webhookEndpoints: WebhookEndpointRepo;
  webhooks: WebhookRepo;
  deliveries: DeliveryRepo;
  policies: PolicyRepo;
  leaseExtensions: LeaseExtensionRepo;
  audit: AuditRepo;
  scripts: ScriptRepo;
  orchestrationRules: OrchestrationRuleRepo;
  executions: ExecutionRepo;
  agentMetrics: AgentMetricsRepo;
  /** Scaling samples the agents report and the API is pushed (scaling-metrics.ts). */
  metricSamples: MetricSampleRepo;
  /** Each scaling farm role's memory and recent decisions (scaling-state.ts). */
  scalingStates: ScalingStateRepo;
  agentConnections: AgentConnectionRepo;
  users: UserRepo;
  teams: TeamRepo;
  aclRoles: AclRoleRepo;
  apiTokens: ApiTokenRepo;
  variables: VariableRepo;
  /** Throttle counters of the public routes (sign-in, sign-up). */
  attempts: AttemptCounterRepo;
  retention: RetentionRepo;
  /** Farm-level scheduled tasks and their runs (farm-task-store.ts). */
  farmTasks: FarmTaskRepo;
  farmTaskRuns: FarmTaskRunRepo;
}
