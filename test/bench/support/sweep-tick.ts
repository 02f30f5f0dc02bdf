// The sweep at fleet size, and what a quiet farm's month costs with it as built (README "The sweep").
// The tick is the part of the loop that grows with the farm count rather than with changes: it
// reads every sweep entry each minute. Measured here on dynalite with the real sweep service and
// repository (capacity from DynamoDB's own ConsumedCapacity), the dispatch counting what it would
// send; seeding entries is cheap, so 10,000 farms fit where seeding 10,000 whole farms does not.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createSweepRepo, sweepEntryKey } from '../../../functions/adapters/dynamodb/sweep-repo';
import { DEFAULT_QUIET_EVERY } from '../../../functions/domain/planning/sweep-cadence';
import { sweepDueFarms } from '../../../functions/services/reconcile/sweep-due-farms';
import { startDynalite } from '../../../local/dynamo-local';
import { countedDocumentClient, DynamoCounts } from '../../support/counted-store';
import { MINUTES_PER_MONTH, LIST_PRICES as P } from './list-prices';

export interface SweepTick {
  farms: number;
  ms: number;
  rru: number;
  queries: number;
  dispatched: number;
}

/** One tick over `farms` quiet farms (every DEFAULT_QUIET_EVERY minutes), averaged over that many ticks. */
export async function sweepTicks(fleets: readonly number[]): Promise<SweepTick[]> {
  const dynamo = await startDynalite();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const ticks: SweepTick[] = [];
  try {
    for (const farms of fleets) {
      const table = `sweep-${farms}`;
      await createTableIfMissing(raw, table);
      const counts = new DynamoCounts();
      const { db, destroy } = countedDocumentClient(dynamo.endpoint, counts);
      await seedEntries(db, table, farms);
      const seededReads = counts.readUnits;
      const seededQueries = counts.requests.QueryCommand ?? 0;
      const entries = createSweepRepo(db, table);
      let dispatched = 0;
      const started = performance.now();
      for (let minute = 0; minute < DEFAULT_QUIET_EVERY; minute++) {
        const result = await sweepDueFarms({
          entries,
          dispatch: {
            dispatch: async (requests) => {
              dispatched += requests.length;
            },
          },
          clock: { now: () => new Date(Date.UTC(2026, 11, 7, 12, minute)) },
          tickMs: 60_000,
        });
        if (result.entries !== farms) throw new Error(`the tick read ${result.entries} of ${farms} entries`);
      }
      ticks.push({
        farms,
        ms: (performance.now() - started) / DEFAULT_QUIET_EVERY,
        rru: (counts.readUnits - seededReads) / DEFAULT_QUIET_EVERY,
        queries: ((counts.requests.QueryCommand ?? 0) - seededQueries) / DEFAULT_QUIET_EVERY,
        dispatched: dispatched / DEFAULT_QUIET_EVERY,
      });
      destroy();
    }
  } finally {
    raw.destroy();
    await dynamo.stop();
  }
  return ticks;
}

async function seedEntries(db: ReturnType<typeof countedDocumentClient>['db'], table: string, farms: number) {
  const items = Array.from({ length: farms }, (_, i) => {
    const farm = {
      accountId: `acc-${String(i % 97).padStart(26, '0')}`,
      farmId: `farm-${String(i).padStart(26, '0')}`,
    };
    return { ...sweepEntryKey(farm), type: 'sweep', ...farm, every: DEFAULT_QUIET_EVERY };
  });
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
  }
}

/**
 * A quiet farm's month with the sweep as built: a pass every `every` minutes, delivered through the
 * reconcile queue (SendMessageBatch of ten, the event source's receive and delete of ten: 3 SQS
 * requests per ten passes, one Lambda invocation per ten), and its share of the tick (one Scheduler
 * invocation and one Lambda invocation a minute for the fleet, the tick's reads per farm).
 */
export function sweptFarmMonth(
  pass: { rru: number; wru: number; kms: number; events: number; lambdaSeconds: number },
  every: number,
  tick: SweepTick,
  logBytesPerInvocation: number,
  reconcileGb: number,
) {
  const passes = MINUTES_PER_MONTH / every;
  const passInvocations = passes / 10;
  const tickShare = MINUTES_PER_MONTH / tick.farms;
  const lines: [string, number][] = [
    ['Lambda requests', (passInvocations + tickShare) * P.lambdaRequest],
    [
      'Lambda GB-s',
      (passes * pass.lambdaSeconds + (tickShare * tick.ms) / 1000) * reconcileGb * P.lambdaGbSecondArm,
    ],
    ['DynamoDB reads', (passes * pass.rru + MINUTES_PER_MONTH * (tick.rru / tick.farms)) * P.dynamoRru],
    ['DynamoDB writes', passes * pass.wru * P.dynamoWru],
    ['KMS Decrypt', passes * pass.kms * P.kmsRequest],
    ['Scheduler invocations', tickShare * P.schedulerInvocation],
    ['SQS requests', passInvocations * 3 * P.sqsRequest],
    ['EventBridge events', passes * pass.events * P.eventBridgeEvent],
    ['CloudWatch Logs', (((passInvocations + tickShare) * logBytesPerInvocation) / 1e9) * P.logsGb],
  ];
  return { lines, total: lines.reduce((n, [, x]) => n + x, 0) };
}
