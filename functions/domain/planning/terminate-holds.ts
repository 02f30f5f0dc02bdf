// The BeforeHostTerminate hold as a plan decision. A live server's terminate leaves its instance
// running while its own BeforeHostTerminate scripts may still run (orchestration/terminate-hold.ts
// holds the timing rule). The first pass — the one writing Pending Terminate — holds when an
// enabled rule could queue such a script (the orchestrator has not seen the event yet); a farm
// without such rules terminates as fast as ever. Later passes hold while blocking executions are
// open on the server and the cap has not passed. The reconcile asks which facts it needs
// (terminateHoldQuestions), reads them, and annotates the plan (holdTerminates).

import { BEFORE_TERMINATE_EVENT, ruleScopeContains } from '../orchestration/match-rules';
import {
  beforeTerminateHoldUntil,
  HOLDABLE_STATUSES,
  wasLiveWhenTerminated,
} from '../orchestration/terminate-hold';
import type { StoredFarmRole } from '../schemas/farm';
import type { Execution, OrchestrationRule } from '../schemas/orchestration';
import type { Server } from '../schemas/server';
import type { FarmAction, Terminate, TerminateHold } from './actions';

/** What a hold depends on: the rules that could queue scripts (first pass), or the open executions (later ones). */
type HoldBasis = 'rules' | 'open-executions' | null;

function holdBasis(action: Terminate, server: Server | undefined): HoldBasis {
  if (!server) return null;
  if (action.recordStatus !== null) return HOLDABLE_STATUSES.includes(server.status) ? 'rules' : null;
  return server.status === 'Pending Terminate' && wasLiveWhenTerminated(server.timestamps)
    ? 'open-executions'
    : null;
}

export interface TerminateHoldQuestions {
  /** Whether the account's orchestration rules are needed. */
  rules: boolean;
  /** Servers whose open executions are needed. */
  openExecutionsOf: string[];
}

export interface TerminateHoldFacts {
  /** The account's orchestration rules (all of them; only enabled BeforeHostTerminate ones count). */
  rules: readonly OrchestrationRule[];
  /** Open executions by server id. */
  openExecutions: ReadonlyMap<string, readonly Execution[]>;
}

const terminates = (actions: readonly FarmAction[]) =>
  actions.filter((a): a is Terminate => a.type === 'terminate');

/** Which reads the plan's terminates need; none for a plan without terminates of live servers. */
export function terminateHoldQuestions(
  actions: readonly FarmAction[],
  servers: ReadonlyMap<string, Server>,
): TerminateHoldQuestions {
  const questions: TerminateHoldQuestions = { rules: false, openExecutionsOf: [] };
  for (const action of terminates(actions)) {
    const basis = holdBasis(action, servers.get(action.serverId));
    if (basis === 'rules') questions.rules = true;
    if (basis === 'open-executions') questions.openExecutionsOf.push(action.serverId);
  }
  return questions;
}

/** The plan's actions with every terminate that waits for BeforeHostTerminate scripts marked `hold`. */
export function holdTerminates(
  actions: readonly FarmAction[],
  context: {
    farm: { environmentId: string; farmRoles: readonly Pick<StoredFarmRole, 'id' | 'roleId'>[] };
    servers: ReadonlyMap<string, Server>;
    facts: TerminateHoldFacts;
    now: Date;
  },
): FarmAction[] {
  return actions.map((action) => {
    if (action.type !== 'terminate') return action;
    const hold = holdOf(action, context);
    return hold ? { ...action, hold } : action;
  });
}

function holdOf(
  action: Terminate,
  { farm, servers, facts, now }: Parameters<typeof holdTerminates>[1],
): TerminateHold | null {
  const server = servers.get(action.serverId);
  const basis = holdBasis(action, server);
  if (!server || basis === null) return null;
  if (basis === 'rules') {
    const roleId = farm.farmRoles.find((fr) => fr.id === server.farmRoleId)?.roleId;
    const event = {
      id: '',
      name: BEFORE_TERMINATE_EVENT,
      accountId: server.accountId,
      environmentId: farm.environmentId,
      farmId: server.farmId,
      farmRoleId: server.farmRoleId,
      ...(roleId ? { roleId } : {}),
      serverId: server.id,
    };
    const queues = facts.rules.some(
      (r) => r.enabled && r.event === BEFORE_TERMINATE_EVENT && ruleScopeContains(r, event),
    );
    return queues ? { until: null } : null;
  }
  const open = facts.openExecutions.get(server.id) ?? [];
  const until = beforeTerminateHoldUntil(open, server.timestamps['Pending Terminate'], now);
  return until === null ? null : { until: new Date(until).toISOString() };
}
