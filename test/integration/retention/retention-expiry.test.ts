// Items that pile up expire by their account's retention settings: every writer of audit
// entries, farm events, executions (and their refs), webhook deliveries and reconcile summaries
// goes through the DynamoDB store, which sets the table's TTL attribute `expiresAt` (epoch
// seconds) to the item's creation time plus the account's days for its kind. Read here as the
// raw items on dynalite, the way DynamoDB's TTL will read them.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import { keys } from '../../../functions/adapters/dynamodb/keys';
import { orchestrationKeys } from '../../../functions/adapters/dynamodb/orchestration-repos';
import { TABLE } from '../../../functions/adapters/dynamodb/table';
import { PreconditionFailed } from '../../../functions/domain/errors';
import { newId } from '../../../functions/domain/ids';
import type { AuditEntry } from '../../../functions/domain/schemas/audit';
import type { Execution } from '../../../functions/domain/schemas/orchestration';
import {
  DEFAULT_RETENTION,
  type RetentionInput,
  type RetentionKind,
} from '../../../functions/domain/schemas/retention';
import type { Delivery } from '../../../functions/domain/schemas/webhook';
import type { Store } from '../../../functions/ports/store';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

let dynamo: LocalDynamo;
let db: DynamoDBDocumentClient;
let store: Store;

const DAY = 86_400;
const CREATED = '2026-11-20T08:30:00.000Z';
const CREATED_S = Date.parse(CREATED) / 1000;

beforeAll(async () => {
  dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, 'retention');
  db = createDocumentClient({ tableName: 'retention', endpoint: dynamo.endpoint });
  store = createDynamoStore(db, 'retention');
});
afterAll(() => dynamo?.stop());

async function rawItem(key: { pk: string; sk: string }): Promise<Record<string, unknown>> {
  const out = await db.send(new GetCommand({ TableName: 'retention', Key: key, ConsistentRead: true }));
  expect(out.Item, `${key.pk} ${key.sk}`).toBeDefined();
  return out.Item!;
}

/** One item of each kind for `accountId`, created at CREATED; answers the raw items' expiresAt by kind. */
async function writeOneOfEach(
  accountId: string,
  writer: Store = store,
): Promise<Record<RetentionKind, number>> {
  const farmId = newId('farm');
  const environmentId = newId('environment');

  const audit: AuditEntry = {
    id: `aud-${ulid(Date.parse(CREATED)).toLowerCase()}`,
    accountId,
    environmentId: null,
    at: CREATED,
    actor: { userId: 'usr-a', via: 'user' },
    source: { client: 'api' },
    action: 'updateFarm',
    resource: { type: 'farm', id: farmId },
    changes: [],
    outcome: 200,
  };
  await writer.audit.append(audit);

  const eventId = `evt-${ulid()}`;
  await writer.farmEvents.append({
    id: eventId,
    accountId,
    environmentId,
    farmId,
    farmRoleId: null,
    serverId: null,
    name: 'HostUp',
    message: '',
    actor: 'system',
    payload: {},
    at: CREATED,
  });

  const execution = anExecution(accountId, environmentId, farmId);
  await writer.executions.create(execution);
  // An update (the agent reporting output) keeps the expiry of the execution's creation.
  await writer.executions.update({ ...execution, status: 'running', stdoutTail: 'hello\n', version: 2 }, 1);

  const delivery = aDelivery(accountId, environmentId);
  await writer.deliveries.create(delivery);

  await writer.reconciles.saveSummary(
    { accountId, farmId },
    { convergence: 'converged', reasons: [], lastReconcileAt: CREATED, recheckAt: null, cloudCalls: {} },
  );

  const executionItem = await rawItem(orchestrationKeys.execution(execution));
  const executionRef = await rawItem(orchestrationKeys.executionRef(accountId, execution.id));
  // The ref that finds an execution by id goes with it, not before or after.
  expect(executionRef.expiresAt).toBe(executionItem.expiresAt);
  expect((executionItem.doc as Execution).stdoutTail).toBe('hello\n');
  return {
    auditDays: (await rawItem(keys.audit(accountId, audit.id))).expiresAt as number,
    farmEventDays: (await rawItem(keys.farmEvent(accountId, farmId, eventId))).expiresAt as number,
    executionDays: executionItem.expiresAt as number,
    webhookDeliveryDays: (await rawItem(keys.delivery(accountId, delivery.id))).expiresAt as number,
    reconcileSummaryDays: (await rawItem({ pk: `ACC#${accountId}#FARM#${farmId}`, sk: 'SUMMARY' }))
      .expiresAt as number,
  };
}

const expected = (days: RetentionInput): Record<RetentionKind, number> => ({
  auditDays: CREATED_S + days.auditDays * DAY,
  farmEventDays: CREATED_S + days.farmEventDays * DAY,
  executionDays: CREATED_S + days.executionDays * DAY,
  webhookDeliveryDays: CREATED_S + days.webhookDeliveryDays * DAY,
  reconcileSummaryDays: CREATED_S + days.reconcileSummaryDays * DAY,
});

describe('data retention on the table', () => {
  it('has the TTL attribute the writers set', () => {
    expect(TABLE.timeToLiveAttribute).toBe('expiresAt');
  });

  it('gives an account that never saved settings the defaults (version 0)', async () => {
    const acc = newId('account');
    expect(await store.retention.get(acc)).toEqual({
      accountId: acc,
      ...DEFAULT_RETENTION,
      version: 0,
      updatedAt: null,
    });
    expect(await writeOneOfEach(acc)).toEqual(expected(DEFAULT_RETENTION));
  });

  it("sets each kind's expiresAt from the account's own settings", async () => {
    const acc = newId('account');
    const other = newId('account');
    const days: RetentionInput = {
      auditDays: 731,
      farmEventDays: 8,
      executionDays: 2,
      webhookDeliveryDays: 3,
      reconcileSummaryDays: 9,
    };
    await store.retention.save({ accountId: acc, ...days, version: 1, updatedAt: CREATED }, 0);
    expect(await writeOneOfEach(acc)).toEqual(expected(days));
    // Another account's settings are its own: still the defaults.
    expect(await writeOneOfEach(other)).toEqual(expected(DEFAULT_RETENTION));
  });

  it('applies a changed retention to the items written afterwards; earlier ones keep theirs', async () => {
    const acc = newId('account');
    const before = await writeOneOfEach(acc);
    const days = { ...DEFAULT_RETENTION, auditDays: 90, executionDays: 1 };
    await store.retention.save({ accountId: acc, ...days, version: 1, updatedAt: CREATED }, 0);
    const after = await writeOneOfEach(acc);
    expect(after).toEqual(expected(days));
    expect(before).toEqual(expected(DEFAULT_RETENTION));
  });

  it('lets another process see a change once its cached copy is older than its cache time', async () => {
    const acc = newId('account');
    // A second store is another Lambda: it has read the defaults and keeps them for its cache time.
    const otherProcess = createDynamoStore(db, 'retention', { retentionCacheMs: 200 });
    expect((await writeOneOfEach(acc, otherProcess)).executionDays).toBe(
      expected(DEFAULT_RETENTION).executionDays,
    );
    const days = { ...DEFAULT_RETENTION, executionDays: 5 };
    await store.retention.save({ accountId: acc, ...days, version: 1, updatedAt: CREATED }, 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await writeOneOfEach(acc, otherProcess)).executionDays).toBe(expected(days).executionDays);
  });

  it('refuses a save based on a stale version, the first one included', async () => {
    const acc = newId('account');
    await store.retention.save({ accountId: acc, ...DEFAULT_RETENTION, version: 1, updatedAt: CREATED }, 0);
    await expect(
      store.retention.save({ accountId: acc, ...DEFAULT_RETENTION, version: 1, updatedAt: CREATED }, 0),
    ).rejects.toBeInstanceOf(PreconditionFailed);
    await expect(
      store.retention.save({ accountId: acc, ...DEFAULT_RETENTION, version: 3, updatedAt: CREATED }, 2),
    ).rejects.toBeInstanceOf(PreconditionFailed);
  });
});

function anExecution(accountId: string, environmentId: string, farmId: string): Execution {
  return {
    id: newId('execution'),
    accountId,
    environmentId,
    farmId,
    farmRoleId: newId('farmRole'),
    serverId: newId('server'),
    ruleId: newId('orchestrationRule'),
    scriptId: newId('script'),
    scriptName: 'hello',
    scriptVersion: 1,
    eventId: 'evt-1',
    eventName: 'HostUp',
    triggeringServerId: null,
    order: 100,
    blocking: true,
    abortOnFailure: false,
    timeoutSeconds: 300,
    runAs: 'root',
    status: 'queued',
    createdAt: CREATED,
    startedAt: null,
    endedAt: null,
    exitCode: null,
    timedOut: false,
    durationMs: null,
    stdoutTail: '',
    stderrTail: '',
    version: 1,
  };
}

function aDelivery(accountId: string, environmentId: string): Delivery {
  return {
    id: newId('delivery'),
    accountId,
    environmentId,
    endpointId: newId('webhookEndpoint'),
    webhookId: newId('webhook'),
    webhookIds: [],
    event: {
      id: 'evt-1',
      name: 'HostUp',
      environmentId,
      actor: 'system',
      message: '',
      payload: {},
      at: CREATED,
    },
    status: 'pending',
    attemptLimit: 6,
    attemptsPerRound: 6,
    attemptCount: 0,
    attempts: [],
    nextAttemptAt: null,
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}
