// The Store port on one DynamoDB table. Every method builds its keys from the caller's
// account id, so no query can reach another tenant's items.
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PageQuery } from '../../domain/schemas/common';
import type { Environment } from '../../domain/schemas/environment';
import type { FarmEvent } from '../../domain/schemas/farm-event';
import type { Role } from '../../domain/schemas/role';
import type { Server } from '../../domain/schemas/server';
import type { Store, StoredCredentials } from '../../ports/store';
import { createAccessRepos } from './access-repos';
import { createAccountRepo } from './account-repo';
import { createAgentRepos } from './agent-repos';
import { createAttemptCounterRepo } from './attempt-counter-repo';
import { createAuditRepo } from './audit-repo';
import { createFarmRepo } from './farm-repo';
import { ItemExpiry, RETENTION_CACHE_MS } from './item-expiry';
import { farmPartition, keys } from './keys';
import { createOrchestrationRepos } from './orchestration-repos';
import { createPolicyRepos } from './policy-repos';
import { createReconcileStateRepo } from './reconcile-state-repo';
import { createRetentionRepo } from './retention-repo';
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

    environments: {
      get: ({ accountId }, id) => items.get<Environment>(keys.environment(accountId, id)),
      list: ({ accountId }, page: PageQuery) =>
        items.page<Environment>(`ACC#${accountId}`, 'ENV#', page.limit, page.cursor),
      create: (env) =>
        items.create('environment', keys.environment(env.accountId, env.id), env, 'Environment'),
      update: (env, expected) =>
        items.update('environment', keys.environment(env.accountId, env.id), env, expected, 'Environment'),
      delete: ({ accountId }, id, expected) =>
        items.delete(keys.environment(accountId, id), 'Environment', expected),
    },

    credentials: {
      async get({ accountId, environmentId }, id) {
        return items.get<StoredCredentials & { version: number }>(
          keys.credentials(accountId, environmentId, id),
        );
      },
      async list({ accountId, environmentId }, page) {
        const out = await items.page<StoredCredentials>(
          `ACC#${accountId}#ENV#${environmentId}`,
          'CRED#',
          page.limit,
          page.cursor,
        );
        return { items: out.items.map((s) => s.credentials), nextCursor: out.nextCursor };
      },
      create: (stored) => {
        const c = stored.credentials;
        return items.create(
          'credentials',
          keys.credentials(c.accountId, c.environmentId, c.id),
          { ...stored, version: c.version },
          'Cloud credentials',
        );
      },
      update: (stored, expected) => {
        const c = stored.credentials;
        return items.update(
          'credentials',
          keys.credentials(c.accountId, c.environmentId, c.id),
          { ...stored, version: c.version },
          expected,
          'Cloud credentials',
        );
      },
      delete: ({ accountId, environmentId }, id, expected) =>
        items.delete(keys.credentials(accountId, environmentId, id), 'Cloud credentials', expected),
    },

    roles: {
      get: ({ accountId }, id) => items.get<Role>(keys.role(accountId, id)),
      list: ({ accountId }, page) => items.page<Role>(`ACC#${accountId}`, 'ROLE#', page.limit, page.cursor),
      create: (role) => items.create('role', keys.role(role.accountId, role.id), role, 'Role'),
      update: (role, expected) =>
        items.update('role', keys.role(role.accountId, role.id), role, expected, 'Role'),
      delete: ({ accountId }, id, expected) => items.delete(keys.role(accountId, id), 'Role', expected),
    },

    farms: createFarmRepo(db, tableName, items),

    servers: {
      get: ({ accountId, farmId }, id) => items.get<Server>(keys.server(accountId, farmId, id)),
      listByFarm: ({ accountId, farmId }) => items.all<Server>(farmPartition(accountId, farmId), 'SRV#'),
      create: (s) => items.create('server', serverKeys(s), s, 'Server'),
      update: (s, expected) => items.update('server', serverKeys(s), s, expected, 'Server'),
      async findByInstanceId(platform, instanceId) {
        const out = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.serverByInstance(platform, instanceId).gsi2pk },
            Limit: 1,
          }),
        );
        return out.Items?.[0]?.doc as Server | undefined;
      },
    },

    farmEvents: {
      async append(event: FarmEvent) {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.farmEvent(event.accountId, event.farmId, event.id),
              type: 'farmEvent',
              expiresAt: await expiry.expiresAt(event.accountId, 'farmEventDays', event.at),
              doc: event,
            },
          }),
        );
      },
      list: ({ accountId, farmId }, page) =>
        items.page<FarmEvent>(farmPartition(accountId, farmId), 'EVT#', page.limit, page.cursor, {
          scanForward: false,
        }),
    },
    reconciles: createReconcileStateRepo(db, tableName, expiry),
    audit: createAuditRepo(db, tableName, expiry),
    ...createWebhookRepos(db, tableName, items, expiry),
    ...createPolicyRepos(db, tableName, items),
    ...createOrchestrationRepos(db, tableName, items, expiry),
    ...createAgentRepos(db, tableName),
    ...createAccessRepos(db, tableName, items),
    variables: createVariableRepo(items),
    retention,
  };
}

function serverKeys(s: Server) {
  return {
    ...keys.server(s.accountId, s.farmId, s.id),
    ...(s.instanceId ? keys.serverByInstance(s.platform, s.instanceId) : {}),
  };
}
