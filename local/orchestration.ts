// The local runtime's orchestrator: the stand-in for the `orchestration-on-drover-events` rule and
// its Lambda. The in-process bus routes every Drover event here (the same EVENT_RULES entry infra/
// deploys) and the same service runs (orchestrateEvent). A failed run is retried a few times, as
// EventBridge retries an asynchronous invocation, then logged.
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  correlationIdOfEvent,
  withCorrelationId,
} from '../functions/adapters/observability/correlation-context';
import { droverEventOf } from '../functions/handlers/orchestration';
import type { AgentNotifier } from '../functions/ports/agent-notifier';
import type { Clock } from '../functions/ports/clock';
import type { Store } from '../functions/ports/store';
import {
  type OrchestrationDeps,
  orchestrateEvent,
} from '../functions/services/orchestration/orchestrate-event';
import type { InProcessEventBus } from './event-bus';

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;

export interface LocalOrchestration {
  deps: OrchestrationDeps;
  /** Resolves when no event is being orchestrated (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Without a push channel, agents find their tasks by polling. */
const pollOnly: AgentNotifier = { notify: async () => {} };

export function startLocalOrchestration(
  bus: InProcessEventBus,
  base: { store: Store; clock: Clock; logger: Logger },
  notifier: AgentNotifier = pollOnly,
): LocalOrchestration {
  const deps: OrchestrationDeps = { store: base.store, clock: base.clock, notifier };
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  async function run(envelope: unknown): Promise<void> {
    const event = droverEventOf(envelope);
    if (!event) return;
    for (let attempt = 1; attempt <= ATTEMPTS && !stopped; attempt++) {
      try {
        await orchestrateEvent(deps, event);
        return;
      } catch (error) {
        if (attempt === ATTEMPTS || stopped) {
          base.logger.error('orchestration failed', {
            eventId: event.id,
            event: event.name,
            error: error as Error,
          });
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * attempt));
      }
    }
  }

  bus.route('orchestration', (envelope) => {
    if (stopped) return;
    // Under the event's correlation id, as the orchestration Lambda logs.
    const work = withCorrelationId(correlationIdOfEvent(envelope), () => run(envelope)).finally(() =>
      inFlight.delete(work),
    );
    inFlight.add(work);
  });

  return {
    deps,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      await Promise.all([...inFlight]);
    },
  };
}
