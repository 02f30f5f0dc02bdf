// Reads what the plan's BeforeHostTerminate holds depend on (the planning domain says which:
// terminate-holds.ts) and marks the held terminates. A plan without terminates of live servers
// reads nothing, so a quiet pass stays quiet.
import {
  type FarmAction,
  holdTerminates,
  type TerminateHoldFacts,
  terminateHoldQuestions,
} from '../../domain/planning';
import type { Farm } from '../../domain/schemas/farm';
import type { Execution } from '../../domain/schemas/orchestration';
import type { Server } from '../../domain/schemas/server';
import type { Store } from '../../ports/store';

export async function withTerminateHolds(
  store: Pick<Store, 'orchestrationRules' | 'executions'>,
  farm: Farm,
  servers: readonly Server[],
  actions: FarmAction[],
  now: Date,
): Promise<FarmAction[]> {
  const byId = new Map(servers.map((s) => [s.id, s]));
  const questions = terminateHoldQuestions(actions, byId);
  if (!questions.rules && questions.openExecutionsOf.length === 0) return actions;
  const facts: TerminateHoldFacts = {
    rules: questions.rules ? await store.orchestrationRules.listAll({ accountId: farm.accountId }) : [],
    openExecutions: new Map(
      await Promise.all(
        questions.openExecutionsOf.map(
          async (serverId): Promise<[string, Execution[]]> => [
            serverId,
            await store.executions.listOpenForServer({
              accountId: farm.accountId,
              farmId: farm.id,
              serverId,
            }),
          ],
        ),
      ),
    ),
  };
  return holdTerminates(actions, { farm, servers: byId, facts, now });
}
