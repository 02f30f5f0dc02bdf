// A farm role's scaling state on the single table, in its farm's partition (deleted with it):
//
//   scaling state   ACC#<acc>#FARM#<farm>   SCALING#<farmRoleId>   { memory, decisions, changes, evaluatedAt }
//
// Fifty decision records of five rules stay far below the 400 KB item limit (≈ 1 KB each).
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ScalingState, ScalingStateRepo } from '../../ports/scaling-state';
import { farmPartition } from './keys';

const keyOf = (farm: { accountId: string; farmId: string }, farmRoleId: string) => ({
  pk: farmPartition(farm.accountId, farm.farmId),
  sk: `SCALING#${farmRoleId}`,
});

export function createScalingStateRepo(db: DynamoDBDocumentClient, tableName: string): ScalingStateRepo {
  return {
    async get(farm, farmRoleId) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: keyOf(farm, farmRoleId) }));
      return out.Item?.state as ScalingState | undefined;
    },
    async put(farm, farmRoleId, state) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keyOf(farm, farmRoleId), type: 'scalingState', state },
        }),
      );
    },
  };
}
