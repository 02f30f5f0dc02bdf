// The sweep's ports (the reconcile function runs it on its schedule's tick): the sweep's entries on
// the table and the reconcile queue it hands due farms to. No cloud SDK: it reads entries and sends messages.
import { createSqsFarmDispatch } from '../adapters/sqs/sqs-farm-dispatch';
import { systemClock } from '../ports/clock';
import type { SweepDeps } from '../services/reconcile/sweep-due-farms';
import { required, sweepEntriesFromEnvironment } from './ports-from-environment';

/** The sweep's schedule runs once a minute (infra/constructs/sweep.ts): that minute is its tick. */
export const SWEEP_TICK_MS = 60_000;

export function sweepDepsFromEnvironment(): SweepDeps {
  return {
    entries: sweepEntriesFromEnvironment(),
    dispatch: createSqsFarmDispatch({ queueUrl: required('RECONCILE_QUEUE_URL') }),
    clock: systemClock,
    tickMs: SWEEP_TICK_MS,
  };
}
