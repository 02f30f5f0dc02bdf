// Lambda entry point of the orchestrator, invoked by the EventBridge rule
// `orchestration-on-drover-events` (EVENT_RULES) with every Drover event. It creates the
// executions the account's rules ask for and nudges the agents concerned. A failure throws:
// EventBridge's asynchronous invocation retries it, which is safe because execution ids are
// derived from (event, rule, server) and a second run creates nothing twice.

import { createLogger } from '../adapters/observability/logger';
import { orchestrationDepsFromEnvironment } from '../composition/orchestration';
import type { DroverEvent } from '../ports/event-publisher';
import { EVENT_SOURCE } from '../ports/event-publisher';
import { type OrchestrationDeps, orchestrateEvent } from '../services/orchestration/orchestrate-event';
import { atLambdaEdge } from './lambda-edge';

const logger = createLogger('drover-orchestration');
let deps: OrchestrationDeps | undefined;

/** The Drover event an EventBridge envelope carries, or null when it is not one. */
export function droverEventOf(envelope: unknown): DroverEvent | null {
  if (!envelope || typeof envelope !== 'object') return null;
  const e = envelope as Record<string, unknown>;
  const detail = e.detail as Record<string, unknown> | undefined;
  if (e.source !== EVENT_SOURCE || !detail) return null;
  const ok =
    typeof detail.id === 'string' &&
    typeof detail.name === 'string' &&
    typeof detail.accountId === 'string' &&
    typeof detail.environmentId === 'string';
  return ok ? (detail as unknown as DroverEvent) : null;
}

export async function handleEvent(d: OrchestrationDeps, envelope: unknown) {
  const event = droverEventOf(envelope);
  if (!event) {
    logger.warn('not a Drover event; ignored');
    return { created: 0 };
  }
  const outcome = await orchestrateEvent(d, event);
  if (outcome.created.length > 0 || outcome.unresolved.length > 0 || outcome.cancelled > 0)
    logger.info('orchestrated', {
      eventId: event.id,
      event: event.name,
      created: outcome.created.length,
      alreadyThere: outcome.alreadyThere,
      cancelled: outcome.cancelled,
      unresolved: outcome.unresolved,
    });
  return {
    created: outcome.created.length,
    alreadyThere: outcome.alreadyThere,
    cancelled: outcome.cancelled,
  };
}

async function handleInvocation(envelope: unknown) {
  deps ??= orchestrationDepsFromEnvironment();
  return handleEvent(deps, envelope);
}

// Logs under the event's correlation id: the request or pass that published it.
export const handler = atLambdaEdge(handleInvocation, { logger });
