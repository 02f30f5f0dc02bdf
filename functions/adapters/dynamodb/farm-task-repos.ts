// Farm tasks and their runs in the farm's partition (deleted with the farm). A task that will run
// carries gsi1 keys in one "due" partition, sorted by its next run time, so the runner's sweep is
// one Query for what is due across every account; a paused task drops the keys (a sparse index).
// One partition is enough for a sweep per minute: it is read once a minute and written once per
// run or edit, far below a partition's 1,000 writes a second.
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FarmTask, FarmTaskRun } from '../../domain/schemas/farm-task';
import type { FarmTaskRepo, FarmTaskRunRepo } from '../../ports/farm-task-store';
import type { ItemExpiry } from './item-expiry';
import { farmPartition } from './keys';
import type { VersionedItems } from './versioned-items';

const DUE_PARTITION = 'TASKS#DUE';
const taskKey = (acc: string, farm: string, id: string) => ({
  pk: farmPartition(acc, farm),
  sk: `TASK#${id}`,
});

function taskKeys(task: FarmTask) {
  const key = taskKey(task.accountId, task.farmId, task.id);
  if (task.paused || !task.nextRunAt) return key;
  return {
    ...key,
    gsi1pk: DUE_PARTITION,
    gsi1sk: `${task.nextRunAt}#${task.accountId}#${task.farmId}#${task.id}`,
  };
}

export function createFarmTaskRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): { farmTasks: FarmTaskRepo; farmTaskRuns: FarmTaskRunRepo } {
  const farmTasks: FarmTaskRepo = {
    get: ({ accountId, farmId }, id) => items.get<FarmTask>(taskKey(accountId, farmId, id)),
    listByFarm: ({ accountId, farmId }) => items.all<FarmTask>(farmPartition(accountId, farmId), 'TASK#'),
    create: (task) => items.create('FarmTask', taskKeys(task), task, 'Task'),
    update: (task, expected) => items.update('FarmTask', taskKeys(task), task, expected, 'Task'),
    delete: ({ accountId, farmId }, id, expected) =>
      items.delete(taskKey(accountId, farmId, id), 'Task', expected),
    async listDue(now, limit) {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upTo',
          // '~' sorts after every character an id or a timestamp holds: every task due at `now`.
          ExpressionAttributeValues: { ':pk': DUE_PARTITION, ':upTo': `${now.toISOString()}~` },
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => item.doc as FarmTask);
    },
  };

  const farmTaskRuns: FarmTaskRunRepo = {
    async put(run) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: farmPartition(run.accountId, run.farmId),
            // Run ids are ULIDs: the sort key orders a task's runs by time.
            sk: `TRUN#${run.taskId}#${run.id}`,
            type: 'FarmTaskRun',
            expiresAt: await expiry.expiresAt(run.accountId, 'farmEventDays', run.startedAt),
            doc: run,
          },
        }),
      );
    },
    listByTask: ({ accountId, farmId }, taskId, page) =>
      items.page<FarmTaskRun>(farmPartition(accountId, farmId), `TRUN#${taskId}#`, page.limit, page.cursor, {
        scanForward: false,
      }),
  };
  return { farmTasks, farmTaskRuns };
}
