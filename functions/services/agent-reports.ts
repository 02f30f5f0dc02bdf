// What a server's agent reports: HostInit (the agent started), BeforeHostUp (its boot scripts
// are about to run), HostUp (the server is ready:
// Initializing → Running), BeforeHostUpFailed (a blocking boot script failed: the server
// fails and is replaced), RebootComplete. The agent's token names its server; it can report
// on nothing else.
import { NotFound, PreconditionFailed } from '../domain/errors';
import type { Server, ServerStatus } from '../domain/schemas/server';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { AgentIdentity } from '../ports/identity';
import type { Store } from '../ports/store';
import { farmEvent, recordEvents } from './farm-events';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type AgentReportsRepos = Pick<Store, 'farmEvents' | 'farms' | 'servers'>;

interface Deps {
  store: AgentReportsRepos;
  clock: Clock;
  publisher: EventPublisher;
}

export interface AgentReport {
  name: 'HostInit' | 'BeforeHostUp' | 'HostUp' | 'BeforeHostUpFailed' | 'RebootComplete';
  message: string;
  payload: Record<string, unknown>;
}

/** Which statuses each report moves a server from, and to. */
const MOVES: Record<AgentReport['name'], { from: ServerStatus[]; to: ServerStatus | null }> = {
  HostInit: { from: ['Pending Launch', 'Pending'], to: 'Initializing' },
  // The agent is about to run the BeforeHostUp scripts (the orchestrator queues them on this event).
  BeforeHostUp: { from: ['Pending Launch', 'Pending', 'Initializing'], to: null },
  HostUp: { from: ['Pending Launch', 'Pending', 'Initializing'], to: 'Running' },
  BeforeHostUpFailed: { from: ['Pending Launch', 'Pending', 'Initializing'], to: 'Failed' },
  RebootComplete: { from: ['Running'], to: null },
};

/** The reconciler may write the same server at the same moment: re-read and apply again. */
export async function reportAgentEvent(deps: Deps, agent: AgentIdentity, report: AgentReport) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyReport(deps, agent, report);
    } catch (err) {
      if (!(err instanceof PreconditionFailed) || attempt >= 3) throw err;
    }
  }
}

async function applyReport(deps: Deps, agent: AgentIdentity, report: AgentReport) {
  const scope = { accountId: agent.accountId, farmId: agent.farmId };
  const farm = await deps.store.farms.get({ accountId: agent.accountId }, agent.farmId);
  const current = await deps.store.servers.get(scope, agent.serverId);
  if (!farm || !current) throw new NotFound('This server is not known');
  const move = MOVES[report.name];
  if (!move.from.includes(current.status))
    return { accepted: false, status: current.status, event: undefined };
  const now = deps.clock.now();
  let server: Server = current;
  if (move.to) {
    server = {
      ...current,
      status: move.to,
      statusReason: report.message || `${report.name} reported by the agent`,
      timestamps: { ...current.timestamps, [move.to]: now.toISOString() },
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    await deps.store.servers.update(server, current.version);
  }
  const event = farmEvent(report.name, farm, now, {
    server,
    actor: 'agent',
    message: report.message,
    payload: report.payload,
  });
  await recordEvents(deps, [event]);
  return { accepted: true, status: server.status, event };
}
