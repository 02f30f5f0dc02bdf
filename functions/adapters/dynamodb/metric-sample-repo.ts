// Scaling samples on the single table, in the farm's partition (deleted with it):
//
//   server report   ACC#<acc>#FARM#<farm>   MS#S#<iso at>#<srv>          values by metricKey
//   pushed value    ACC#<acc>#FARM#<farm>   MS#P#<farmRoleId>#<iso at>#<ulid>
//
// The time sits in the sort key, so a rule's window is one range Query. No window is longer than
// an hour, so each item expires (TTL `expiresAt`) an hour and ten minutes after its time; until
// TTL gets to it, the range read skips it anyway.
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { MetricSampleRepo, SampleStream, StoredSampleSet } from '../../ports/scaling-metrics';
import { farmPartition } from './keys';

/** Longer than the longest rule window (3600 s). */
export const SAMPLE_KEEP_MS = 70 * 60_000;

const prefixOf = (stream: SampleStream) =>
  stream.kind === 'servers' ? 'MS#S#' : `MS#P#${stream.farmRoleId}#`;
const iso = (ms: number) => new Date(ms).toISOString();

export function createMetricSampleRepo(db: DynamoDBDocumentClient, tableName: string): MetricSampleRepo {
  return {
    async append(farm, stream, set) {
      const suffix = stream.kind === 'servers' ? (set.serverId ?? 'none') : ulid(set.at);
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: farmPartition(farm.accountId, farm.farmId),
            sk: `${prefixOf(stream)}${iso(set.at)}#${suffix}`,
            type: 'metricSample',
            at: set.at,
            ...(set.serverId ? { serverId: set.serverId } : {}),
            values: set.values,
            expiresAt: Math.floor((set.at + SAMPLE_KEEP_MS) / 1000),
          },
        }),
      );
    },
    async list(farm, stream, window) {
      const prefix = prefixOf(stream);
      const out: StoredSampleSet[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': farmPartition(farm.accountId, farm.farmId),
              // ISO times sort as text; '~' sorts after every id that follows the time.
              ':from': `${prefix}${iso(window.fromMs)}`,
              ':to': `${prefix}${iso(window.toMs)}~`,
            },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          if (item.at <= window.fromMs || item.at > window.toMs) continue;
          out.push({ at: item.at, serverId: item.serverId, values: item.values });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },
  };
}
