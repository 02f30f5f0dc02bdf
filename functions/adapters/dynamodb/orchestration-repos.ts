// Scripts, orchestration rules and executions on the single table.
//
//   script          ACC#<acc>                  SCRIPT#<scr>
//   script version  ACC#<acc>#SCR#<scr>        V#<number, 8 digits>            (immutable)
//   rule            ACC#<acc>                  RULE#<rule>
//   execution       ACC#<acc>#FARM#<farm>      EXE#<createdAt>#<exe>
//                     gsi1: ACC#<acc>#SRV#<srv>#EXE / O|F#<createdAt>#<order>#<rule>#<exe>
//                     gsi2: ACC#<acc>#SCR#<scr>#EXE / <createdAt>#<exe>
//   execution ref   ACC#<acc>#EXE#<exe>        META  { farmId, createdAt }     (immutable)
// An execution (its output is in its document) and its ref expire together (TTL `expiresAt`):
// the account's executionDays after the execution's creation, set on every write of either.
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
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors';
import type { Page, PageQuery } from '../../domain/schemas/common';
import type { Execution, ScriptVersion } from '../../domain/schemas/orchestration';
import type { ExecutionRepo, OrchestrationRuleRepo, ScriptRepo } from '../../ports/orchestration-store';
import type { ItemExpiry } from './item-expiry';
import { farmPartition } from './keys';
import { decodeCursor, encodeCursor } from './pages';
import type { VersionedItems } from './versioned-items';

const OPEN_STATUSES = new Set<Execution['status']>(['queued', 'running']);

export const orchestrationKeys = {
  script: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `SCRIPT#${id}` }),
  scriptVersion: (acc: string, id: string, n: number) => ({
    pk: scriptVersionsPartition(acc, id),
    sk: `V#${String(n).padStart(8, '0')}`,
  }),
  rule: (acc: string, id: string) => ({ pk: `ACC#${acc}`, sk: `RULE#${id}` }),
  executionRef: (acc: string, id: string) => ({ pk: `ACC#${acc}#EXE#${id}`, sk: 'META' }),
  execution: (e: Pick<Execution, 'accountId' | 'farmId' | 'createdAt' | 'id'>) => ({
    pk: farmPartition(e.accountId, e.farmId),
    sk: `EXE#${e.createdAt}#${e.id}`,
  }),
};

const scriptVersionsPartition = (acc: string, id: string) => `ACC#${acc}#SCR#${id}`;
const serverExecutionsPartition = (acc: string, srv: string) => `ACC#${acc}#SRV#${srv}#EXE`;
const scriptExecutionsPartition = (acc: string, scr: string) => `ACC#${acc}#SCR#${scr}#EXE`;

function executionItem(e: Execution) {
  const open = OPEN_STATUSES.has(e.status);
  return {
    ...orchestrationKeys.execution(e),
    gsi1pk: serverExecutionsPartition(e.accountId, e.serverId),
    gsi1sk: `${open ? 'O' : 'F'}#${e.createdAt}#${String(e.order).padStart(5, '0')}#${e.ruleId}#${e.id}`,
    gsi2pk: scriptExecutionsPartition(e.accountId, e.scriptId),
    gsi2sk: `${e.createdAt}#${e.id}`,
  };
}

interface ExecutionRef {
  farmId: string;
  createdAt: string;
}

export function createOrchestrationRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): { scripts: ScriptRepo; orchestrationRules: OrchestrationRuleRepo; executions: ExecutionRepo } {
  const expiresAt = (e: Pick<Execution, 'accountId' | 'createdAt'>) =>
    expiry.expiresAt(e.accountId, 'executionDays', e.createdAt);

  async function queryPage<T>(
    q: { index?: 'gsi1' | 'gsi2'; pk: string; prefix: string; forward: boolean },
    page: PageQuery,
  ): Promise<Page<T>> {
    const [pkName, skName] = q.index ? [`${q.index}pk`, `${q.index}sk`] : ['pk', 'sk'];
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: q.index,
        // DynamoDB refuses an empty begins_with prefix: no prefix means the whole partition.
        KeyConditionExpression: q.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: q.prefix ? { '#pk': pkName, '#sk': skName } : { '#pk': pkName },
        ExpressionAttributeValues: q.prefix ? { ':pk': q.pk, ':prefix': q.prefix } : { ':pk': q.pk },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { attribute: pkName, value: q.pk }),
        ScanIndexForward: q.forward,
        ConsistentRead: q.index ? undefined : true,
      }),
    );
    return {
      items: (out.Items ?? []).map((item) => item.doc as T),
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }

  async function putNew(item: Record<string, unknown>, what: string): Promise<void> {
    try {
      await db.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new Conflict(`${what} already exists`);
      throw err;
    }
  }

  const versionItem = (acc: string, v: ScriptVersion) => ({
    ...orchestrationKeys.scriptVersion(acc, v.scriptId, v.number),
    type: 'scriptVersion',
    doc: v,
  });

  const scripts: ScriptRepo = {
    get: ({ accountId }, id) => items.get(orchestrationKeys.script(accountId, id)),
    list: ({ accountId }, page) => items.page(`ACC#${accountId}`, 'SCRIPT#', page.limit, page.cursor),
    create: (s) => items.create('script', orchestrationKeys.script(s.accountId, s.id), s, 'Script'),
    update: (s, expected) =>
      items.update('script', orchestrationKeys.script(s.accountId, s.id), s, expected, 'Script'),
    async delete({ accountId }, id, expected) {
      await items.delete(orchestrationKeys.script(accountId, id), 'Script', expected);
      await deletePartition(scriptVersionsPartition(accountId, id));
    },

    // The script document is written first, conditionally: only the writer that wins it may write
    // version N, so two concurrent saves can never overwrite each other's version item. A crash
    // between the two writes leaves version N unwritten while the script document still holds its
    // fields; getVersion answers from the document then, and the next save writes the item.
    async saveVersion(script, version, expectedVersion) {
      if (expectedVersion === null) {
        await scripts.create(script);
      } else {
        const previous = await scripts.get(script, script.id);
        if (previous && previous.version === expectedVersion)
          await putIfMissing(script.accountId, versionOfScript(previous));
        await scripts.update(script, expectedVersion);
      }
      await putIfMissing(script.accountId, version);
    },

    async getVersion({ accountId }, scriptId, n) {
      const stored = await items.get<ScriptVersion>(orchestrationKeys.scriptVersion(accountId, scriptId, n));
      if (stored) return stored;
      const script = await scripts.get({ accountId }, scriptId);
      return script && script.latestVersion === n ? versionOfScript(script) : undefined;
    },

    async listVersions({ accountId }, scriptId, page) {
      const out = await queryPage<ScriptVersion>(
        { pk: scriptVersionsPartition(accountId, scriptId), prefix: 'V#', forward: false },
        page,
      );
      // The newest version may be missing after an interrupted save (see saveVersion).
      if (!page.cursor) {
        const script = await scripts.get({ accountId }, scriptId);
        if (script && out.items[0]?.number !== script.latestVersion)
          out.items.unshift(versionOfScript(script));
      }
      return out;
    },
  };

  async function putIfMissing(acc: string, v: ScriptVersion): Promise<void> {
    try {
      await putNew(versionItem(acc, v), 'Script version');
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
    }
  }

  async function deletePartition(pk: string): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      const batch = out.Items ?? [];
      for (let i = 0; i < batch.length; i += 25) {
        await db.send(
          new BatchWriteCommand({
            RequestItems: { [tableName]: batch.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) },
          }),
        );
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }

  const orchestrationRules: OrchestrationRuleRepo = {
    get: ({ accountId }, id) => items.get(orchestrationKeys.rule(accountId, id)),
    list: ({ accountId }, page) => items.page(`ACC#${accountId}`, 'RULE#', page.limit, page.cursor),
    listAll: ({ accountId }) => items.all(`ACC#${accountId}`, 'RULE#'),
    create: (r) => items.create('orchestrationRule', orchestrationKeys.rule(r.accountId, r.id), r, 'Rule'),
    update: (r, expected) =>
      items.update('orchestrationRule', orchestrationKeys.rule(r.accountId, r.id), r, expected, 'Rule'),
    delete: ({ accountId }, id, expected) =>
      items.delete(orchestrationKeys.rule(accountId, id), 'Rule', expected),
  };

  async function getRef(acc: string, id: string): Promise<ExecutionRef | undefined> {
    const out = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: orchestrationKeys.executionRef(acc, id),
        ConsistentRead: true,
      }),
    );
    return out.Item as ExecutionRef | undefined;
  }

  const executions: ExecutionRepo = {
    async get({ accountId }, id) {
      const ref = await getRef(accountId, id);
      if (!ref) return undefined;
      return items.get<Execution>(
        orchestrationKeys.execution({ accountId, id, farmId: ref.farmId, createdAt: ref.createdAt }),
      );
    },

    async create(execution) {
      let e = execution;
      try {
        await putNew(
          {
            ...orchestrationKeys.executionRef(e.accountId, e.id),
            type: 'executionRef',
            farmId: e.farmId,
            createdAt: e.createdAt,
            expiresAt: await expiresAt(e),
          },
          `Execution ${e.id}`,
        );
      } catch (err) {
        if (!(err instanceof Conflict)) throw err;
        const ref = await getRef(e.accountId, e.id);
        if (!ref) throw err;
        const healed = { ...e, farmId: ref.farmId, createdAt: ref.createdAt };
        if (await items.get(orchestrationKeys.execution(healed))) throw err;
        e = healed;
      }
      await putNew(
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
        const page = await queryPage<Execution>(
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

  return { scripts, orchestrationRules, executions };
}

function versionOfScript(s: {
  id: string;
  latestVersion: number;
  body: string;
  interpreterHint: ScriptVersion['interpreterHint'];
  updatedAt: string;
  updatedBy?: string;
}): ScriptVersion {
  return {
    scriptId: s.id,
    number: s.latestVersion,
    body: s.body,
    interpreterHint: s.interpreterHint,
    createdAt: s.updatedAt,
    createdBy: s.updatedBy ?? '',
  };
}
