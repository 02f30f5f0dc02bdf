// `drover launch|terminate|suspend|resume farm NAME [--wait]`: ask the API for a lifecycle
// change (it answers 202 at once and the reconciler does the work), then optionally follow
// the farm's status until the change is done: converged for launch and resume, Terminated or
// Suspended for the others. Giving up waiting exits 8 (still pending).
import { Argument, type Command } from 'commander';
import type { FarmStatusView } from '../../functions/domain/schemas';
import { contextOf } from '../context';
import { parseDuration } from '../duration';
import { type Io, notice, printData } from '../output';
import { getFarm } from '../resolve';
import { type FarmGoal, waitForFarm } from '../wait';

type Operation = 'launchFarm' | 'terminateFarm' | 'suspendFarm' | 'resumeFarm';

const ACTIONS: Record<string, { operation: Operation; goal: FarmGoal; doing: string; description: string }> =
  {
    launch: {
      operation: 'launchFarm',
      goal: 'converged',
      doing: 'launching',
      description: 'Launch a farm: start its servers',
    },
    terminate: {
      operation: 'terminateFarm',
      goal: 'Terminated',
      doing: 'terminating',
      description: 'Terminate a farm: end all its servers',
    },
    suspend: {
      operation: 'suspendFarm',
      goal: 'Suspended',
      doing: 'suspending',
      description: 'Suspend a farm: stop its servers, keep their disks',
    },
    resume: {
      operation: 'resumeFarm',
      goal: 'converged',
      doing: 'resuming',
      description: 'Resume a suspended farm',
    },
  };

interface LifecycleOptions {
  wait?: boolean;
  timeout: number;
  interval: number;
}

export function registerLifecycle(program: Command, io: Io): void {
  for (const [verb, { operation, goal, doing, description }] of Object.entries(ACTIONS)) {
    program
      .command(verb)
      .description(description)
      .addArgument(new Argument('<kind>', `what to ${verb}`).choices(['farm']))
      .argument('<name|id>', 'farm name or id')
      .option(
        '--wait',
        goal === 'converged' ? 'wait until the farm has converged' : `wait until the farm is ${goal}`,
      )
      .option('--timeout <duration>', 'give up waiting after this long (exit 8)', parseDuration, 600_000)
      .option('--interval <duration>', 'how often to look while waiting', parseDuration, 2000)
      .action(async (_kind: string, ref: string, opts: LifecycleOptions, cmd: Command) => {
        const ctx = contextOf(cmd, io);
        const env = await ctx.environment();
        const { farm } = await getFarm(ctx.api, env, ref);
        const accepted = (await ctx.api[operation]({ params: { farmId: farm.id } })).body ?? farm;
        notice(io, `Farm ${farm.name} is ${doing} (status ${accepted.status}).`);
        let status: FarmStatusView | undefined;
        if (opts.wait)
          status = await waitForFarm(ctx.api, io, farm, goal, {
            timeoutMs: opts.timeout,
            intervalMs: opts.interval,
          });
        if (ctx.format === 'table')
          io.stdout.write(
            `farm/${farm.name} ${status ? `${status.status}, ${status.convergence}` : accepted.status}\n`,
          );
        else
          await printData(io, ctx.format, status ? { farm: accepted, status } : { farm: accepted }, () => '');
      });
  }
}
