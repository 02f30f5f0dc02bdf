// What a custom event fired through the API looks like (POST …/events, drover-agent fire): a name
// no Drover event has, and a bounded JSON payload. The API contract and the service share it.
import { z } from 'zod';
import { JsonPayload } from './bounded-numbers';
import { LIFECYCLE_EVENTS, TEST_EVENT_NAME } from './webhook';

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
  'CloudInstanceChanged',
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
    // TextEncoder, not Buffer: the portal's client checks this schema in the browser before sending.
    payload: JsonPayload.default({}).refine(
      (p) => new TextEncoder().encode(JSON.stringify(p)).length <= CUSTOM_EVENT_PAYLOAD_MAX_BYTES,
      `at most ${CUSTOM_EVENT_PAYLOAD_MAX_BYTES} bytes of JSON`,
    ),
    /** Optional: the server the event is about (rules targeting the triggering server run there). */
    serverId: z.string().optional(),
  })
  .strict()
  .meta({ id: 'CustomEventInput' });
export type CustomEventInput = z.infer<typeof CustomEventInput>;
