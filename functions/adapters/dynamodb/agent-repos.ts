// The agent's items on the single table.
//
//   metrics          ACC#<acc>#FARM#<farm>   AGENT#METRICS#<srv>         (overwritten each minute)
//   connection       ACC#<acc>#FARM#<farm>   AGENT#CONN#<srv>#<conn>     (listed per server)
//   connection ref   AGENTCONN#<conn>        META { accountId, farmId, serverId }
//
// Both sit in the farm's partition (deleted with it) under a prefix the reconciler's SRV# reads
// never touch. $disconnect knows only the connection id, hence the ref item.
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AgentMetrics } from '../../domain/schemas/agent-protocol';
import type { AgentConnectionRepo, AgentMetricsRepo } from '../../ports/agent-store';
import type { AgentIdentity } from '../../ports/identity';
import { farmPartition } from './keys';

const keysOf = {
  metrics: (a: AgentIdentity) => ({
    pk: farmPartition(a.accountId, a.farmId),
    sk: `AGENT#METRICS#${a.serverId}`,
  }),
  connection: (a: AgentIdentity, conn: string) => ({
    pk: farmPartition(a.accountId, a.farmId),
    sk: `AGENT#CONN#${a.serverId}#${conn}`,
  }),
  connectionRef: (conn: string) => ({ pk: `AGENTCONN#${conn}`, sk: 'META' }),
};

export function createAgentRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
): { agentMetrics: AgentMetricsRepo; agentConnections: AgentConnectionRepo } {
  const agentMetrics: AgentMetricsRepo = {
    async put(agent, metrics) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keysOf.metrics(agent), type: 'agentMetrics', doc: metrics },
        }),
      );
    },
    async get(agent) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: keysOf.metrics(agent) }));
      return out.Item?.doc as AgentMetrics | undefined;
    },
  };

  const agentConnections: AgentConnectionRepo = {
    async add(agent, connectionId, connectedAt) {
      const identity = { accountId: agent.accountId, farmId: agent.farmId, serverId: agent.serverId };
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keysOf.connectionRef(connectionId), type: 'agentConnectionRef', ...identity },
        }),
      );
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keysOf.connection(agent, connectionId),
            type: 'agentConnection',
            connectionId,
            connectedAt,
          },
        }),
      );
    },
    async remove(connectionId) {
      const ref = await db.send(
        new GetCommand({ TableName: tableName, Key: keysOf.connectionRef(connectionId) }),
      );
      if (ref.Item) {
        const agent = ref.Item as AgentIdentity;
        await db.send(
          new DeleteCommand({ TableName: tableName, Key: keysOf.connection(agent, connectionId) }),
        );
      }
      await db.send(new DeleteCommand({ TableName: tableName, Key: keysOf.connectionRef(connectionId) }));
    },
    async listForServer(agent) {
      const prefix = `AGENT#CONN#${agent.serverId}#`;
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': farmPartition(agent.accountId, agent.farmId),
            ':prefix': prefix,
          },
          ProjectionExpression: 'connectionId',
        }),
      );
      return (out.Items ?? []).map((i) => i.connectionId as string);
    },
  };

  return { agentMetrics, agentConnections };
}
