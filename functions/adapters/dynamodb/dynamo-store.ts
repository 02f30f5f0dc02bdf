// The Store port on one DynamoDB table. Every method builds its keys from the caller's
// account id, so no query can reach another tenant's items.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../ports/store';
import { createAccessRepos } from './access-repos';
import { createAccountRepo } from './account-repo';
import { createAgentRepos } from './agent-repos';
import { createAttemptCounterRepo } from './attempt-counter-repo';
import { createAuditRepo } from './audit-repo';
import { createCredentialsRepo } from './credentials-repo';
import { createEnvironmentRepo, createRoleRepo } from './environment-and-role-repos';
import { createFarmRepo } from './farm-repo';
import { createFarmTaskRepos } from './farm-task-repos';
import { createInventoryRepo } from './inventory-repo';
import { ItemExpiry, RETENTION_CACHE_MS } from './item-expiry';
import { createMetricSampleRepo } from './metric-sample-repo';
import { createOrchestrationRepos } from './orchestration-repos';
import { createPolicyRepos } from './policy-repos';
import { createReconcileStateRepo } from './reconcile-state-repo';
import { createRetentionRepo } from './retention-repo';
import { createScalingStateRepo } from './scaling-state-repo';
import { createFarmEventRepo, createServerRepo } from './server-and-event-repos';
import { createVariableRepo } from './variable-repo';
import { VersionedItems } from './versioned-items';
import { createWebhookRepos } from './webhook-repos';

export function createDynamoStore(
  db: DynamoDBDocumentClient,
  tableName: string,
  options: { retentionCacheMs?: number } = {},
): Store {
  const items = new VersionedItems(db, tableName);
  // Items that pile up (audit, farm events, executions, deliveries, summaries) expire by the
  // account's retention settings; item-expiry.ts says how they are read and cached.
  const retention = createRetentionRepo(items, (accountId) => expiry.forget(accountId));
  const expiry = new ItemExpiry(retention.get, options.retentionCacheMs ?? RETENTION_CACHE_MS);

  return {
    accounts: createAccountRepo(db, tableName, items),
    attempts: createAttemptCounterRepo(db, tableName),

    environments: createEnvironmentRepo(items),
    credentials: createCredentialsRepo(items),
    roles: createRoleRepo(items),
    farms: createFarmRepo(db, tableName, items),
    servers: createServerRepo(db, tableName, items),
    farmEvents: createFarmEventRepo(db, tableName, items, expiry),
    reconciles: createReconcileStateRepo(db, tableName, expiry),
    inventory: createInventoryRepo(db, tableName),
    audit: createAuditRepo(db, tableName, expiry),
    ...createWebhookRepos(db, tableName, items, expiry),
    ...createPolicyRepos(db, tableName, items),
    ...createOrchestrationRepos(db, tableName, items, expiry),
    ...createAgentRepos(db, tableName),
    metricSamples: createMetricSampleRepo(db, tableName),
    scalingStates: createScalingStateRepo(db, tableName),
    ...createAccessRepos(db, tableName, items),
    variables: createVariableRepo(items),
    ...createFarmTaskRepos(db, tableName, items, expiry),
    retention,
  };
}
