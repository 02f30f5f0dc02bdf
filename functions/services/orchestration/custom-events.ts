// Custom events: a user (or a script, through the agent) fires a named event on a farm. It is
// recorded in the farm's event log and published on the bus like any Drover event, so
// orchestration rules and webhooks that name it follow it. Names Drover itself raises are
// refused: a custom event must never pass for a lifecycle fact (nor trigger a reconcile).
import { z } from 'zod';
import { InvalidInput, NotFound } from '../../domain/errors';
import { JsonPayload } from '../../domain/schemas/bounded-numbers';
import { FarmEvent } from '../../domain/schemas/farm-event';
import { LIFECYCLE_EVENTS, TEST_EVENT_NAME } from '../../domain/schemas/webhook';
import type { Clock } from '../../ports/clock';
import type { EventPublisher } from '../../ports/event-publisher';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { farmEvent, recordEvents } from '../reconcile/farm-events';

export const CUSTOM_EVENT_PAYLOAD_MAX_BYTES = 16 * 1024;

/** Names Drover raises itself besides the lifecycle events (requests, reports, internal facts). */
const INTERNAL_EVENTS = [
  TEST_EVENT_NAME,
  'FarmLaunchRequested',
  'FarmTerminateRequested',
  'FarmSuspendRequested',
  'FarmResumeRequested',
  'FarmSpecChanged',
  'ServerTerminateRequested',
  'BeforeHostUpFailed',
  'BeforeHostTerminateEnded',
  'OrphanTerminated',
  'RebootBegin',
];
const RESERVED = new Set<string>([...LIFECYCLE_EVENTS, ...INTERNAL_EVENTS].map((n) => n.toLowerCase()));

/** Letters and digits, like Scalr's custom events, so a webhook can subscribe to the name too. */
export const CustomEventInput = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'letters and digits, starting with a letter, at most 64')
      .refine((n) => !RESERVED.has(n.toLowerCase()), 'is an event Drover raises itself; pick another name'),
    payload: JsonPayload.default({}).refine(
      (p) => Buffer.byteLength(JSON.stringify(p)) <= CUSTOM_EVENT_PAYLOAD_MAX_BYTES,
      `at most ${CUSTOM_EVENT_PAYLOAD_MAX_BYTES} bytes of JSON`,
    ),
    /** Optional: the server the event is about (rules targeting the triggering server run there). */
    serverId: z.string().optional(),
  })
  .strict()
  .meta({ id: 'CustomEventInput' });
export type CustomEventInput = z.infer<typeof CustomEventInput>;

interface Deps {
  store: Store;
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
