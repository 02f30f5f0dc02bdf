// dynalite with Drover's single table and the Store over it, for the local runtime; and the one
// scan only the local runtime makes: the farms to pick up at start (in AWS, each farm's schedule
// persists by itself as its sweep entry; here too, but the start-up pass and the sweep's timer need the list).
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../functions/adapters/dynamodb/dynamo-store';
import { createSweepRepo } from '../functions/adapters/dynamodb/sweep-repo';
import { DEFAULT_TABLE_NAME } from '../functions/adapters/dynamodb/table';
import type { FarmSweepEntries } from '../functions/ports/farm-sweep';
import type { Store } from '../functions/ports/store';
import { startDynalite } from './dynamo-local';

export interface LocalTable {
  endpoint: string;
  tableName: string;
  store: Store;
  /** The sweep's entries, as the AWS FarmScheduler keeps them. */
  sweepEntries: FarmSweepEntries;
  /** Every farm whose status is not Terminated, by account. */
  farmsNotTerminated(): Promise<{ accountId: string; farmId: string }[]>;
  stop(): Promise<void>;
}

/** dynalite in memory, or kept under `<dataDir>/dynamodb` when `persistent`; the table made if missing. */
export async function startLocalTable(dataDir: string, persistent: boolean): Promise<LocalTable> {
  const dynamo = await startDynalite(persistent ? { path: join(dataDir, 'dynamodb') } : {});
  const tableName = DEFAULT_TABLE_NAME;
  const rawDynamo = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(rawDynamo, tableName);
  const db = createDocumentClient({ tableName, endpoint: dynamo.endpoint });
  return {
    endpoint: dynamo.endpoint,
    tableName,
    store: createDynamoStore(db, tableName),
    sweepEntries: createSweepRepo(db, tableName),
    farmsNotTerminated: () => farmsNotTerminated(rawDynamo, tableName),
    stop: () => dynamo.stop(),
  };
}

async function farmsNotTerminated(client: DynamoDBClient, tableName: string) {
  const farms: { accountId: string; farmId: string }[] = [];
  let start: Record<string, never> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#t = :farm',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':farm': { S: 'farm' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const doc = unmarshall(item).doc as { id: string; accountId: string; status: string };
      if (doc.status !== 'Terminated') farms.push({ accountId: doc.accountId, farmId: doc.id });
    }
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return farms;
}
