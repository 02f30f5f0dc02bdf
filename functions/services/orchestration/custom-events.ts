// Custom events: a user (or a script, through the agent) fires a named event on a farm. It is
// recorded in the farm's event log and published on the bus like any Drover event, so
// orchestration rules and webhooks that name it follow it. Names Drover itself raises are
// refused: a custom event must never pass for a lifecycle fact (nor trigger a reconcile).
import { InvalidInput, NotFound } from '../../domain/errors';
import type { CustomEventInput } from '../../domain/schemas/custom-event';
import { FarmEvent } from '../../domain/schemas/farm-event';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { farmEvent, recordEvents } from '../farm-events';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type CustomEventsRepos = Pick<Store, 'farmEvents' | 'farms' | 'servers'>;

interface Deps {
  store: CustomEventsRepos;
  clock: Clock;
  publisher: EventPublisher;
}

export async function fireCustomEvent(
  deps: Deps,
  principal: Principal,
  farmId: string,
  input: CustomEventInput,
): Promise<FarmEvent> {
  const farm = await deps.store.farms.get({ accountId: principal.accountId }, farmId);
  if (!farm) throw new NotFound(`Farm ${farmId} not found`);
  const server = input.serverId
    ? await deps.store.servers.get({ accountId: principal.accountId, farmId }, input.serverId)
    : undefined;
  if (input.serverId && !server)
    throw new InvalidInput('No such server in this farm', [
      { in: 'body', path: 'serverId', message: `no server ${input.serverId} in farm ${farm.name}` },
    ]);
  const event = farmEvent(input.name, farm, deps.clock.now(), {
    ...(server ? { server } : {}),
    actor: principal.userId,
    message: `Custom event ${input.name}`,
    payload: input.payload,
  });
  await recordEvents(deps, [event]);
  return FarmEvent.parse({
    ...event,
    farmRoleId: event.farmRoleId ?? null,
    serverId: event.serverId ?? null,
  });
}
