// The orchestration repositories on dynalite: script versions are immutable and survive an
// interrupted save, executions are created once per id, and every listing the API and the agent
// need is one query in the promised order.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import { orchestrationKeys } from '../../../functions/adapters/dynamodb/orchestration-repos';
import { Conflict, PreconditionFailed } from '../../../functions/domain/errors';
import { newId } from '../../../functions/domain/ids';
import type { Execution, Script, ScriptVersion } from '../../../functions/domain/schemas/orchestration';
import type { Store } from '../../../functions/ports/store';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';

let dynamo: LocalDynamo;
let store: Store;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynalite();
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(client, 'drover');
  db = createDocumentClient({ tableName: 'drover', endpoint: dynamo.endpoint });
  store = createDynamoStore(db, 'drover');
});
afterAll(async () => {
  await dynamo?.stop();
});

const T0 = '2026-11-25T10:00:00.000Z';

function script(accountId: string, n: number, body: string): Script {
  return {
    id: 'scr-00000000000000000000000001',
    accountId,
    name: 'hello',
    description: '',
    body,
    interpreterHint: 'sh',
    blocking: true,
    timeoutSeconds: 300,
    latestVersion: n,
    version: n,
    createdAt: T0,
    updatedAt: `2026-11-25T10:0${n}:00.000Z`,
  };
}
const versionOf = (s: Script): ScriptVersion => ({
  scriptId: s.id,
  number: s.latestVersion,
  body: s.body,
  interpreterHint: s.interpreterHint,
  createdAt: s.updatedAt,
  createdBy: 'usr-1',
});

function execution(accountId: string, over: Partial<Execution> = {}): Execution {
  return {
    id: newId('execution'),
    accountId,
    environmentId: 'env-00000000000000000000000001',
    farmId: 'farm-00000000000000000000000001',
    farmRoleId: 'fr-00000000000000000000000001',
    serverId: 'srv-00000000000000000000000001',
    ruleId: 'rule-00000000000000000000000001',
    scriptId: 'scr-00000000000000000000000001',
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
    createdAt: T0,
    startedAt: null,
    endedAt: null,
    exitCode: null,
    timedOut: false,
    durationMs: null,
    stdoutTail: '',
    stderrTail: '',
    version: 1,
    ...over,
  };
}

describe('ScriptRepo', () => {
  it('keeps every saved version, newest first, and refuses a stale save', async () => {
    const acc = newId('account');
    const v1 = script(acc, 1, 'echo one');
    await store.scripts.saveVersion(v1, versionOf(v1), null);
    const v2 = script(acc, 2, 'echo two');
    await store.scripts.saveVersion(v2, versionOf(v2), 1);
    const stale = script(acc, 2, 'echo lost');
    await expect(store.scripts.saveVersion(stale, versionOf(stale), 1)).rejects.toBeInstanceOf(
      PreconditionFailed,
    );

    expect((await store.scripts.get({ accountId: acc }, v1.id))?.body).toBe('echo two');
    expect((await store.scripts.getVersion({ accountId: acc }, v1.id, 1))?.body).toBe('echo one');
    expect((await store.scripts.getVersion({ accountId: acc }, v1.id, 2))?.body).toBe('echo two');
    const versions = await store.scripts.listVersions({ accountId: acc }, v1.id, { limit: 10 });
    expect(versions.items.map((v) => [v.number, v.body])).toEqual([
      [2, 'echo two'],
      [1, 'echo one'],
    ]);
  });

  it('answers for a version whose item an interrupted save never wrote, and writes it on the next save', async () => {
    const acc = newId('account');
    const v1 = script(acc, 1, 'echo one');
    await store.scripts.saveVersion(v1, versionOf(v1), null);
    // The crash: the script document moved to version 2, its version item was never written.
    const v2 = script(acc, 2, 'echo two');
    await store.scripts.update(v2, 1);

    expect((await store.scripts.getVersion({ accountId: acc }, v1.id, 2))?.body).toBe('echo two');
    const v3 = script(acc, 3, 'echo three');
    await store.scripts.saveVersion(v3, versionOf(v3), 2);
    const versions = await store.scripts.listVersions({ accountId: acc }, v1.id, { limit: 10 });
    expect(versions.items.map((v) => v.body)).toEqual(['echo three', 'echo two', 'echo one']);
  });

  it('deletes a script with its versions', async () => {
    const acc = newId('account');
    const v1 = script(acc, 1, 'echo one');
    await store.scripts.saveVersion(v1, versionOf(v1), null);
    await store.scripts.delete({ accountId: acc }, v1.id, 1);
    expect(await store.scripts.get({ accountId: acc }, v1.id)).toBeUndefined();
    expect(await store.scripts.getVersion({ accountId: acc }, v1.id, 1)).toBeUndefined();
  });
});

describe('OrchestrationRuleRepo', () => {
  it('lists every rule of an account and none of another', async () => {
    const acc = newId('account');
    const rule = (id: string) => ({
      id,
      accountId: acc,
      scope: { kind: 'account' as const },
      event: 'HostUp',
      target: 'triggering-server' as const,
      scriptId: 'scr-00000000000000000000000001',
      scriptVersion: null,
      order: 100,
      blocking: null,
      timeoutSeconds: null,
      runAs: 'root',
      abortOnFailure: false,
      enabled: true,
      description: '',
      version: 1,
      createdAt: T0,
      updatedAt: T0,
    });
    await store.orchestrationRules.create(rule(newId('orchestrationRule')));
    await store.orchestrationRules.create(rule(newId('orchestrationRule')));
    expect(await store.orchestrationRules.listAll({ accountId: acc })).toHaveLength(2);
    expect(await store.orchestrationRules.listAll({ accountId: newId('account') })).toEqual([]);
  });
});

describe('ExecutionRepo', () => {
  it('creates an execution once: the same id again is a Conflict', async () => {
    const acc = newId('account');
    const e = execution(acc);
    await store.executions.create(e);
    await expect(
      store.executions.create({ ...e, createdAt: '2026-11-25T10:05:00.000Z' }),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await store.executions.get({ accountId: acc }, e.id)).toEqual(e);
    const farm = await store.executions.listByFarm({ accountId: acc, farmId: e.farmId }, { limit: 10 });
    expect(farm.items).toHaveLength(1);
  });

  it('lists a server’s open tasks oldest first in rule order, and drops them once finished', async () => {
    const acc = newId('account');
    const scope = {
      accountId: acc,
      farmId: 'farm-00000000000000000000000001',
      serverId: 'srv-00000000000000000000000001',
    };
    const late = execution(acc, { order: 10, createdAt: '2026-11-25T10:01:00.000Z' });
    const second = execution(acc, { order: 200 });
    const first = execution(acc, { order: 5 });
    const otherServer = execution(acc, { serverId: 'srv-00000000000000000000000002' });
    for (const e of [late, second, first, otherServer]) await store.executions.create(e);

    expect((await store.executions.listOpenForServer(scope)).map((e) => e.id)).toEqual([
      first.id,
      second.id,
      late.id,
    ]);

    const done = { ...first, status: 'succeeded' as const, exitCode: 0, version: 2 };
    await store.executions.update(done, 1);
    await expect(store.executions.update({ ...done, version: 2 }, 1)).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect((await store.executions.listOpenForServer(scope)).map((e) => e.id)).toEqual([second.id, late.id]);
    const history = await store.executions.listByServer(scope, { limit: 10 });
    expect(history.items.map((e) => e.id)).toEqual([late.id, second.id, first.id]);
  });

  it('lists a farm’s and a script’s executions newest first, page by page', async () => {
    const acc = newId('account');
    const farmId = 'farm-00000000000000000000000009';
    const made: Execution[] = [];
    for (let i = 0; i < 5; i++) {
      const e = execution(acc, { farmId, createdAt: `2026-11-25T10:0${i}:00.000Z` });
      made.push(e);
      await store.executions.create(e);
    }
    const newestFirst = made.map((e) => e.id).reverse();
    const first = await store.executions.listByFarm({ accountId: acc, farmId }, { limit: 3 });
    const rest = await store.executions.listByFarm(
      { accountId: acc, farmId },
      { limit: 3, cursor: first.nextCursor },
    );
    expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(newestFirst);
    const byScript = await store.executions.listByScript({ accountId: acc }, made[0]?.scriptId ?? '', {
      limit: 10,
    });
    expect(byScript.items.map((e) => e.id)).toEqual(newestFirst);
  });

  it('fills in an execution whose first create was interrupted after its reference was written', async () => {
    const acc = newId('account');
    const e = execution(acc);
    // What a crash between the two writes leaves: the reference, no execution.
    await db.send(
      new PutCommand({
        TableName: 'drover',
        Item: {
          ...orchestrationKeys.executionRef(acc, e.id),
          type: 'executionRef',
          farmId: e.farmId,
          createdAt: e.createdAt,
        },
      }),
    );
    expect(await store.executions.get({ accountId: acc }, e.id)).toBeUndefined();
    // The redelivered event builds the execution again, later: it lands where the reference points.
    await store.executions.create({ ...e, createdAt: '2026-11-25T11:00:00.000Z' });
    expect(await store.executions.get({ accountId: acc }, e.id)).toEqual(e);
    await expect(store.executions.create(e)).rejects.toBeInstanceOf(Conflict);
  });

  it('does not read another account’s execution', async () => {
    const e = execution(newId('account'));
    await store.executions.create(e);
    expect(await store.executions.get({ accountId: newId('account') }, e.id)).toBeUndefined();
  });
});
