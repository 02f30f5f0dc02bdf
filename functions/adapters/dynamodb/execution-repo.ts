// Orchestration executions (orchestration-keys.ts has the layout). An execution (its output is in
// its document) and its ref expire together (TTL `expiresAt`): the account's executionDays after
// the execution's creation, set on every write of either.
//
// Why executions look like this (five access patterns, two GSIs, no transactions in dynalite):
// - A farm's executions sit in the farm's partition, newest first by sort key, read consistently
//   (the portal's farm page, `drover logs --farm`); deleting the farm takes them with it. The
//   reconciler reads that partition by the SRV# prefix only; it asks gsi1 for each server's open
//   tasks (usually none) to settle those an agent stopped reporting on.
// - The agent's poll (a server's open tasks) must be one cheap Query whatever the server's
//   history: gsi1's sort key starts with O# while the execution is queued or running and F# once
//   finished, so `begins_with O#` reads only open tasks, oldest first, in (order, rule) order; the
//   same partition read backwards lists a server's executions, open ones first, each newest first.
//   GSIs are eventually consistent: a task may show up in the poll a few milliseconds after its
//   event was handled (the catch-up poll covers that; the synchronous BeforeHostUp path hands the
//   created executions back to its caller).
// - gsi2 lists a script's executions across farms.
// - `/executions/{id}` knows only the id: a small immutable ref item maps it to the farm and the
//   creation time (hence the sort key). The ref is written first, conditionally: it is what makes
//   `create` refuse an id twice. A crash between the two writes leaves a ref without its
//   execution; the next create of that id (a redelivered event) finds the gap and fills it.
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Execution } from '../../domain/schemas/orchestration';
import type { ExecutionRepo } from '../../ports/orchestration-store';
import type { ItemExpiry } from './item-expiry';
import { farmPartition } from './keys';
import {
  executionItem,
  orchestrationKeys,
  scriptExecutionsPartition,
  serverExecutionsPartition,
} from './orchestration-keys';
import { type PartitionQuery, queryPartitionPage } from './partition-page';
import { putNewItem } from './put-new-item';
import type { VersionedItems } from './versioned-items';

interface ExecutionRef {
  farmId: string;
  createdAt: string;
}

export function createExecutionRepo(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): ExecutionRepo {
  const expiresAt = (e: Pick<Execution, 'accountId' | 'createdAt'>) =>
    expiry.expiresAt(e.accountId, 'executionDays', e.createdAt);
  const queryPage = (q: PartitionQuery, page: { limit: number; cursor?: string }) =>
    queryPartitionPage<Execution>(db, tableName, q, page);
  const table: ExecutionTable = { db, tableName, items, expiresAt };
  const getRef = (acc: string, id: string) => readRef(table, acc, id);

  return {
    async get({ accountId }, id) {
      const ref = await getRef(accountId, id);
      if (!ref) return undefined;
      return items.get<Execution>(
        orchestrationKeys.execution({ accountId, id, farmId: ref.farmId, createdAt: ref.createdAt }),
      );
    },

    async create(execution) {
      const e = await claimRef(table, execution);
      await putNewItem(
        db,
        tableName,
        { ...executionItem(e), type: 'execution', version: e.version, expiresAt: await expiresAt(e), doc: e },
        `Execution ${e.id}`,
      );
    },

    update: async (e, expected) =>
      items.update('execution', executionItem(e), e, expected, `Execution ${e.id}`, {
        expiresAt: await expiresAt(e),
      }),

    async listOpenForServer({ accountId, serverId }) {
      const open: Execution[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage(
          { index: 'gsi1', pk: serverExecutionsPartition(accountId, serverId), prefix: 'O#', forward: true },
          { limit: 100, cursor },
        );
        open.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return open;
    },

    listByServer: ({ accountId, serverId }, page) =>
      queryPage(
        { index: 'gsi1', pk: serverExecutionsPartition(accountId, serverId), prefix: '', forward: false },
        page,
      ),

    listByFarm: ({ accountId, farmId }, page) =>
      queryPage({ pk: farmPartition(accountId, farmId), prefix: 'EXE#', forward: false }, page),

    listByScript: ({ accountId }, scriptId, page) =>
      queryPage(
        { index: 'gsi2', pk: scriptExecutionsPartition(accountId, scriptId), prefix: '', forward: false },
        page,
      ),
  };
}

interface ExecutionTable {
  db: DynamoDBDocumentClient;
  tableName: string;
  items: VersionedItems;
  expiresAt: (e: Pick<Execution, 'accountId' | 'createdAt'>) => Promise<number>;
}

async function readRef(
  { db, tableName }: ExecutionTable,
  acc: string,
  id: string,
): Promise<ExecutionRef | undefined> {
  const out = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: orchestrationKeys.executionRef(acc, id),
      ConsistentRead: true,
    }),
  );
  return out.Item as ExecutionRef | undefined;
}

// Writes the ref, or finds the one a crashed create left without its execution and takes its
// farm and creation time; any other existing ref is a Conflict.
async function claimRef(table: ExecutionTable, e: Execution): Promise<Execution> {
  try {
    const ref = { farmId: e.farmId, createdAt: e.createdAt, expiresAt: await table.expiresAt(e) };
    const keys = orchestrationKeys.executionRef(e.accountId, e.id);
    await putNewItem(
      table.db,
      table.tableName,
      { ...keys, type: 'executionRef', ...ref },
      `Execution ${e.id}`,
    );
    return e;
  } catch (err) {
    if (!(err instanceof Conflict)) throw err;
    const ref = await readRef(table, e.accountId, e.id);
    if (!ref) throw err;
    const healed = { ...e, farmId: ref.farmId, createdAt: ref.createdAt };
    if (await table.items.get(orchestrationKeys.execution(healed))) throw err;
    return healed;
  }
}
