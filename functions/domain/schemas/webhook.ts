// Webhooks: endpoints (where to POST, signed with a per-endpoint secret), webhooks (which events
// go to which endpoints, with farm filters and an attempt limit), and deliveries (one per event
// and endpoint, with every attempt). The signing secret is write-never: the server generates it,
// returns it once (create, rotate), and stores it sealed; no other response carries it.
import { z } from 'zod';
import { Description, idOf, Name, Timestamp, Versioned } from './common';

export const WEBHOOK_LIMITS = {
  urlMax: 2048,
  headersMax: 20,
  headerValueMax: 1024,
  timeoutSecondsMin: 1,
  timeoutSecondsMax: 10,
  timeoutSecondsDefault: 5,
  endpointsPerWebhookMax: 20,
  eventsPerWebhookMax: 100,
  farmFiltersMax: 100,
  attemptsMin: 1,
  attemptsMax: 10,
  attemptsDefault: 6,
  /** How long a rotated-out secret keeps signing (both signatures are sent meanwhile). */
  overlapSecondsMax: 7 * 24 * 3600,
  overlapSecondsDefault: 24 * 3600,
  responseExcerptBytes: 1024,
  attemptsKept: 50,
} as const;

/**
 * Events Drover publishes (docs/architecture.md §6): Scalr's server lifecycle names, and the farm and
 * platform events Drover adds. A webhook may also name a custom event, or `*` for every event.
 */
export const LIFECYCLE_EVENTS = [
  'BeforeInstanceLaunch',
  'InstanceLaunchFailed',
  'HostInit',
  'HostInitFailed',
  'BeforeHostUp',
  'HostUp',
  'IPAddressChanged',
  'VolumeAttached',
  'RebootComplete',
  'ResumeComplete',
  'BeforeHostTerminate',
  'HostDown',
  'FarmLaunched',
  'FarmTerminated',
  'FarmSuspended',
  'FarmResumed',
  'ServerReplaced',
  'ScaleOut',
  'ScaleIn',
  'PolicyViolation',
  'LeaseExpiring',
  'ReconcileFailed',
] as const;

/** The event name of "send test event". */
export const TEST_EVENT_NAME = 'WebhookTest';
export const ANY_EVENT = '*';

/** A lifecycle name, a custom name (letters and digits, as Scalr's custom events), or `*`. */
export const WebhookEventName = z
  .string()
  .regex(/^(\*|[A-Za-z][A-Za-z0-9]{0,63})$/, 'must be an event name (letters and digits) or *');

// Headers a customer may not set: hop-by-hop (RFC 9110 §7.6.1), the ones the sender computes,
// and the Drover-* namespace, so a custom header can never spoof a signature or delivery id.
const RESERVED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-type',
]);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

export const WebhookHeaders = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > WEBHOOK_LIMITS.headersMax)
      ctx.addIssue({ code: 'custom', message: `at most ${WEBHOOK_LIMITS.headersMax} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      const value = headers[name]!;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
      if (!HEADER_NAME.test(name)) issue('is not a valid header name');
      else if (RESERVED_HEADERS.has(lower)) issue('is set by Drover or is hop-by-hop; it cannot be custom');
      else if (lower.startsWith('drover-')) issue('Drover-* headers are reserved for the signature');
      else if (seen.has(lower)) issue('is given twice (header names are case-insensitive)');
      else if (value.length > WEBHOOK_LIMITS.headerValueMax)
        issue(`must be at most ${WEBHOOK_LIMITS.headerValueMax} characters`);
      else if (/[\r\n\0]/.test(value)) issue('must not contain line breaks');
      seen.add(lower);
    }
  });

export const WebhookUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(WEBHOOK_LIMITS.urlMax)
  // Refinements still run after a failed format check, hence canParse.
  .refine((u) => {
    if (!URL.canParse(u)) return true;
    const parsed = new URL(u);
    return !parsed.username && !parsed.password;
  }, 'must not carry a user name or password (use a custom header)');

export const WebhookEndpointInput = z
  .object({
    url: WebhookUrl,
    description: Description,
    enabled: z.boolean().default(true),
    headers: WebhookHeaders,
    timeoutSeconds: z
      .number()
      .int()
      .min(WEBHOOK_LIMITS.timeoutSecondsMin)
      .max(WEBHOOK_LIMITS.timeoutSecondsMax)
      .default(WEBHOOK_LIMITS.timeoutSecondsDefault),
  })
  .strict()
  .meta({ id: 'WebhookEndpointInput' });
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointInput>;

/**
 * How every answer shows a custom header's value: values are write-only, like the signing secret
 * (they are often credentials for the receiver). Sent back on PUT, the mask keeps the stored value.
 */
export const WEBHOOK_HEADER_MASK = '******';

export const WebhookEndpoint = WebhookEndpointInput.extend({
  headers: z.record(z.string(), z.string()).meta({
    description: `Custom header names as set; every value reads as ${WEBHOOK_HEADER_MASK} (write-only)`,
  }),
  id: idOf('webhookEndpoint'),
  accountId: idOf('account'),
  environmentId: idOf('environment'),
  /** The secret's last four characters, to tell secrets apart. */
  secretHint: z.string(),
  secretRotatedAt: Timestamp,
  /** Until then the previous secret signs too (a second `v1=`); null when there is none. */
  previousSecretExpiresAt: Timestamp.nullable(),
})
  .extend(Versioned.shape)
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The only shape that carries the secret: the answer to create and to rotate-secret. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  signingSecret: z.string().meta({ description: 'Shown once: store it now' }),
}).meta({ id: 'WebhookEndpointWithSecret' });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const RotateSecretInput = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(WEBHOOK_LIMITS.overlapSecondsMax)
      .default(WEBHOOK_LIMITS.overlapSecondsDefault),
  })
  .strict()
  .meta({ id: 'RotateSecretInput' });
export type RotateSecretInput = z.infer<typeof RotateSecretInput>;

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .superRefine((list, ctx) => {
      list.forEach((value, i) => {
        if (list.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'is repeated' });
      });
    });

export const WebhookInput = z
  .object({
    name: Name,
    description: Description,
    enabled: z.boolean().default(true),
    endpointIds: uniqueList(idOf('webhookEndpoint'), WEBHOOK_LIMITS.endpointsPerWebhookMax).min(
      1,
      'name at least one endpoint',
    ),
    events: uniqueList(WebhookEventName, WEBHOOK_LIMITS.eventsPerWebhookMax).min(
      1,
      'name at least one event',
    ),
    /** Only events of these farms (empty: every farm, and events with no farm). */
    farmIds: uniqueList(idOf('farm'), WEBHOOK_LIMITS.farmFiltersMax).default([]),
    /** Only events of these farm roles (empty: every farm role). */
    farmRoleIds: uniqueList(idOf('farmRole'), WEBHOOK_LIMITS.farmFiltersMax).default([]),
    maxAttempts: z
      .number()
      .int()
      .min(WEBHOOK_LIMITS.attemptsMin)
      .max(WEBHOOK_LIMITS.attemptsMax)
      .default(WEBHOOK_LIMITS.attemptsDefault),
  })
  .strict()
  .meta({ id: 'WebhookInput' });
export type WebhookInput = z.infer<typeof WebhookInput>;

export const Webhook = WebhookInput.extend({
  id: idOf('webhook'),
  accountId: idOf('account'),
  environmentId: idOf('environment'),
})
  .extend(Versioned.shape)
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const AttemptOutcome = z.enum(['in-flight', 'succeeded', 'failed', 'refused', 'interrupted']);
export type AttemptOutcome = z.infer<typeof AttemptOutcome>;

/** One HTTP attempt: written before the call (in-flight) and completed after it. */
export const DeliveryAttempt = z
  .object({
    number: z.number().int().positive(),
    outcome: AttemptOutcome,
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().nullable(),
    /** The first KiB of the response body. */
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    /** When the next attempt is due (null: none will follow). */
    nextRetryAt: Timestamp.nullable(),
  })
  .meta({ id: 'DeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryStatus = z.enum(['pending', 'delivering', 'retrying', 'succeeded', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** The event as a delivery carries it (the body's `event`). */
export const DeliveredEvent = z
  .object({
    id: z.string(),
    name: z.string(),
    environmentId: z.string(),
    farmId: z.string().optional(),
    farmRoleId: z.string().optional(),
    serverId: z.string().optional(),
    actor: z.string(),
    message: z.string(),
    payload: z.record(z.string(), z.unknown()),
    at: Timestamp,
  })
  .meta({ id: 'DeliveredEvent' });
export type DeliveredEvent = z.infer<typeof DeliveredEvent>;

/** One event to one endpoint; its id is derived from both, so every retry carries the same one. */
export const Delivery = z
  .object({
    id: idOf('delivery'),
    accountId: idOf('account'),
    environmentId: idOf('environment'),
    endpointId: idOf('webhookEndpoint'),
    /** The webhook it is listed under (the first that matched), and every webhook that matched. */
    webhookId: idOf('webhook').nullable(),
    webhookIds: z.array(idOf('webhook')),
    event: DeliveredEvent,
    status: DeliveryStatus,
    /** Attempts allowed in all (a redelivery raises it). */
    attemptLimit: z.number().int().positive(),
    /** Attempts per round: the first delivery, and each redelivery. */
    attemptsPerRound: z.number().int().positive(),
    attemptCount: z.number().int().min(0),
    /** The latest attempts, oldest first (at most 50 are kept). */
    attempts: z.array(DeliveryAttempt),
    nextAttemptAt: Timestamp.nullable(),
    version: z.number().int().positive(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;
