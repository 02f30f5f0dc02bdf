// `--wait`: poll a farm's status until it reaches the goal of the action that was asked for,
// showing progress on stderr. Giving up (the timeout, or Ctrl-C) is not a failure of the farm:
// it exits 8, "still pending", so a script can tell it apart from an error.
import type { FarmStatusView } from '../functions/domain/schemas';
import type { ApiClient } from './api';
import { formatDuration } from './duration';
import { ApiError, ApiUnreachable, CliError } from './errors';
import { ExitCode } from './exit-codes';
import { type Io, progress } from './output';

export type FarmGoal = 'converged' | 'Terminated' | 'Suspended';

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
}

export function goalReached(goal: FarmGoal, view: FarmStatusView): boolean {
  if (goal === 'converged') return view.convergence === 'converged' && view.status === 'Running';
  return view.status === goal;
}

/** One line a person can read at a glance: status, convergence, counts per farm role, why. */
export function describeProgress(name: string, view: FarmStatusView): string {
  const roles = view.farmRoles.map((fr) => {
    const extra = [
      fr.launching ? `${fr.launching} launching` : '',
      fr.terminating ? `${fr.terminating} terminating` : '',
      fr.failed ? `${fr.failed} failed` : '',
    ].filter(Boolean);
    return `${fr.alias} ${fr.running}/${fr.desired} running${extra.length ? ` (${extra.join(', ')})` : ''}`;
  });
  // While converging the reasons restate the counts; when degraded they say what is wrong.
  const reason = view.convergence === 'degraded' && view.reasons[0] ? ` — ${view.reasons[0]}` : '';
  return `farm ${name}: ${view.status}, ${view.convergence}${roles.length ? `; ${roles.join('; ')}` : ''}${reason}`;
}

export async function waitForFarm(
  api: ApiClient,
  io: Io,
  farm: { id: string; name: string },
  goal: FarmGoal,
  options: WaitOptions,
): Promise<FarmStatusView> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const show = progress(io);
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  process.once('SIGINT', onInterrupt);
  let last: FarmStatusView | undefined;
  let lastLine = `farm ${farm.name}: waiting for its status`;
  try {
    for (;;) {
      try {
        last = (await api.getFarmStatus({ params: { farmId: farm.id } })).body;
        lastLine = describeProgress(farm.name, last);
        if (goalReached(goal, last)) {
          show.done(`${lastLine} (after ${formatDuration(Date.now() - started)})`);
          return last;
        }
        if (goal === 'converged' && (last.status === 'Terminated' || last.status === 'Terminating'))
          throw new CliError(`Farm ${farm.name} is ${last.status}: it will not converge.`);
      } catch (error) {
        // A blip of the API is waited out; a refusal (auth, not found, bad request) is final.
        if (!(error instanceof ApiUnreachable || (error instanceof ApiError && error.status >= 500)))
          throw error;
        lastLine = `farm ${farm.name}: ${(error as Error).message} (retrying)`;
      }
      show.update(lastLine);
      const left = deadline - Date.now();
      if (left <= 0 || interrupted.signal.aborted) break;
      await sleep(Math.min(options.intervalMs, left), interrupted.signal);
      if (interrupted.signal.aborted) break;
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    show.done();
  }
  const why = interrupted.signal.aborted
    ? 'Stopped waiting'
    : `Still pending after ${formatDuration(options.timeoutMs)}`;
  throw new CliError(`${why}: ${lastLine}.`, {
    exitCode: ExitCode.Pending,
    hints: [`The farm carries on without the CLI; follow it with \`drover describe farm ${farm.name}\`.`],
    problem: {
      type: 'about:blank',
      title: 'Still pending',
      status: 0,
      code: 'StillPending',
      detail: `${why}: ${lastLine}`,
      ...(last ? { farmStatus: last } : {}),
    } as CliError['problem'],
  });
}

/** Resolves after `ms`, or as soon as `signal` aborts (Ctrl-C). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
