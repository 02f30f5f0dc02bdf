// The webhook forms' state as typed (text for numbers, one `Name: value` header per line, custom
// event names in one text box) and its conversion to the shared WebhookEndpointInput and
// WebhookInput, which the forms then validate with the API's own schemas.
import {
  LIFECYCLE_EVENTS,
  WEBHOOK_LIMITS,
  type Webhook,
  type WebhookEndpoint,
} from '../../functions/domain/schemas/webhook';

export interface EndpointDraft {
  url: string;
  description: string;
  enabled: boolean;
  /** One `Name: value` per line. */
  headers: string;
  timeoutSeconds: string;
}

export const emptyEndpoint = (): EndpointDraft => ({
  url: '',
  description: '',
  enabled: true,
  headers: '',
  timeoutSeconds: String(WEBHOOK_LIMITS.timeoutSecondsDefault),
});

export function endpointDraftOf(endpoint: WebhookEndpoint): EndpointDraft {
  return {
    url: endpoint.url,
    description: endpoint.description,
    enabled: endpoint.enabled,
    headers: Object.entries(endpoint.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    timeoutSeconds: String(endpoint.timeoutSeconds),
  };
}

/** Text to a number, keeping what is not one as NaN so the schema says "must be a number". */
const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The input for the API, or the error of the headers field when a line has no `:`. */
export function toEndpointInput(draft: EndpointDraft): { input: unknown } | { headersError: string } {
  const headers: Record<string, string> = {};
  const lines = draft.headers.split('\n').map((line) => line.trim());
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { headersError: `line ${i + 1}: write a header as Name: value` };
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return {
    input: {
      url: draft.url.trim(),
      description: draft.description,
      enabled: draft.enabled,
      headers,
      timeoutSeconds: numberOf(draft.timeoutSeconds),
    },
  };
}

export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

export interface WebhookDraft {
  name: string;
  description: string;
  enabled: boolean;
  endpointIds: string[];
  /** Ticked lifecycle events (and `*` for every event). */
  events: string[];
  /** Custom event names, separated by commas or spaces. */
  customEvents: string;
  farmIds: string[];
  farmRoleIds: string[];
  maxAttempts: string;
}

export const emptyWebhook = (): WebhookDraft => ({
  name: '',
  description: '',
  enabled: true,
  endpointIds: [],
  events: [],
  customEvents: '',
  farmIds: [],
  farmRoleIds: [],
  maxAttempts: String(WEBHOOK_LIMITS.attemptsDefault),
});

const KNOWN = new Set<string>([...LIFECYCLE_EVENTS, '*']);

export function webhookDraftOf(webhook: Webhook): WebhookDraft {
  return {
    name: webhook.name,
    description: webhook.description,
    enabled: webhook.enabled,
    endpointIds: [...webhook.endpointIds],
    events: webhook.events.filter((e) => KNOWN.has(e)),
    customEvents: webhook.events.filter((e) => !KNOWN.has(e)).join(', '),
    farmIds: [...webhook.farmIds],
    farmRoleIds: [...webhook.farmRoleIds],
    maxAttempts: String(webhook.maxAttempts),
  };
}

export function toWebhookInput(draft: WebhookDraft): unknown {
  const custom = draft.customEvents
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    name: draft.name,
    description: draft.description,
    enabled: draft.enabled,
    endpointIds: draft.endpointIds,
    events: [...draft.events, ...custom],
    farmIds: draft.farmIds,
    farmRoleIds: draft.farmRoleIds,
    maxAttempts: numberOf(draft.maxAttempts),
  };
}

/** Adds or removes one value of a checkbox list. */
export function toggled(list: string[], value: string, on: boolean): string[] {
  return on ? (list.includes(value) ? list : [...list, value]) : list.filter((v) => v !== value);
}
