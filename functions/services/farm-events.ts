// Builds Drover events about a farm and its servers, and records them: the farm's event log
// first (so the timeline is complete even if the bus is down), then the bus. Every service that
// tells of a farm (lifecycle, saves, agent reports, orchestration, the reconciler) goes through it.
import { monotonicFactory } from 'ulid';
import type { Farm } from '../domain/schemas/farm';
import type { Server } from '../domain/schemas/server';
import type { DroverEvent, EventPublisher } from '../ports/event-publisher';
import type { Store } from '../ports/store';

/** Monotonic within a process, so events of one pass keep their order in the farm's log. */
const eventId = monotonicFactory();

export function farmEvent(
  name: string,
  farm: Pick<Farm, 'id' | 'accountId' | 'environmentId'>,
  at: Date,
  details: {
    server?: Pick<Server, 'id' | 'farmRoleId'>;
    farmRoleId?: string;
    message?: string;
    payload?: Record<string, unknown>;
    actor?: string;
  } = {},
): DroverEvent {
  const farmRoleId = details.server?.farmRoleId ?? details.farmRoleId;
  return {
    id: eventId(at.getTime()),
    name,
    accountId: farm.accountId,
    environmentId: farm.environmentId,
    farmId: farm.id,
    ...(farmRoleId ? { farmRoleId } : {}),
    ...(details.server ? { serverId: details.server.id } : {}),
    actor: details.actor ?? 'system',
    message: details.message ?? '',
    payload: details.payload ?? {},
    at: at.toISOString(),
  };
}

export async function recordEvents(
  deps: { store: Pick<Store, 'farmEvents'>; publisher: EventPublisher },
  events: DroverEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await Promise.all(
    events.map((e) =>
      deps.store.farmEvents.append({
        id: e.id,
        accountId: e.accountId,
        environmentId: e.environmentId,
        farmId: e.farmId!,
        farmRoleId: e.farmRoleId ?? null,
        serverId: e.serverId ?? null,
        name: e.name,
        message: e.message,
        actor: e.actor,
        payload: e.payload,
        at: e.at,
      }),
    ),
  );
  await deps.publisher.publish(events);
}
