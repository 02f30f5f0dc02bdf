// A custom event raised from a server by a script (`drover-agent fire <name>`): recorded in the
// farm's event log and published like any other event, about the agent's own server, so webhooks
// and orchestration rules follow it. Lifecycle names are Drover's to raise, not a script's.
import { InvalidInput, NotFound } from '../domain/errors';
import { LIFECYCLE_EVENTS } from '../domain/schemas/webhook';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { AgentIdentity } from '../ports/identity';
import type { Store } from '../ports/store';
import { farmEvent, recordEvents } from './farm-events';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type AgentCustomEventsRepos = Pick<Store, 'farmEvents' | 'farms' | 'servers'>;

interface Deps {
  store: AgentCustomEventsRepos;
  clock: Clock;
  publisher: EventPublisher;
}

export async function fireAgentCustomEvent(
  deps: Deps,
  agent: AgentIdentity,
  input: { name: string; payload: Record<string, unknown> },
) {
  if ((LIFECYCLE_EVENTS as readonly string[]).includes(input.name))
    throw new InvalidInput(`${input.name} is a Drover event; a script may fire custom events only`, [
      { in: 'body', path: 'name', message: 'a lifecycle event name' },
    ]);
  const [farm, server] = await Promise.all([
    deps.store.farms.get({ accountId: agent.accountId }, agent.farmId),
    deps.store.servers.get({ accountId: agent.accountId, farmId: agent.farmId }, agent.serverId),
  ]);
  if (!farm || !server) throw new NotFound('This server is not known');
  const event = farmEvent(input.name, farm, deps.clock.now(), {
    server,
    actor: 'agent',
    message: `${input.name} fired on ${server.id}`,
    payload: input.payload,
  });
  await recordEvents(deps, [event]);
  return { eventId: event.id, name: event.name };
}
