// Benchmark of observing through the inventory (issue 13A): EC2 DescribeInstances calls per
// minute for BENCH_FARMS quiet farms (default 200) × BENCH_SERVERS servers (default 3) in one
// region, every farm reconciled once a minute as its schedule would, against dynalite and the
// EC2 sandbox over HTTP. Minutes are simulated (each pass's clock a minute further on), so the
// figure is per minute of the fleet, not of this machine. Three runs:
//   before  — no snapshot (interval 0): every pass lists its own farm, as before the inventory;
//   after   — the inventory, interval 60 s: one listing per location per minute;
//   changes — the same with BENCH_KILLS instances killed each minute and their events noted:
//             the farms that changed look themselves, the rest read the snapshot.
// Run: npm run bench -- inventory     (figures only; no assertions)
//      BENCH_FARMS=1000 BENCH_SERVERS=10 npm run bench -- inventory
import { DROVER_TAG_KEYS } from '../../functions/domain/clouds/launch-spec';
import type { FarmRef } from '../../functions/ports/farm-scheduler';
import type { ReconcileDeps } from '../../functions/services/reconcile/deps';
import { reconcileFarm } from '../../functions/services/reconcile/reconcile-farm';
import { farmOfTrigger } from '../../functions/services/reconcile/reconcile-trigger';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { invokedDirectly, measure } from './measure';
import { seedFarms } from './support/seed-fleet';

const FARMS = Number(process.env.BENCH_FARMS ?? 200);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 3);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 3);
const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const MINUTE = 60_000;
const CONCURRENCY = 16;

const describeCalls = (rt: LocalRuntime) => rt.sandboxes.ec2.callCounts().DescribeInstances ?? 0;

/** The runtime's ports on a clock `offsetMs` ahead, with the inventory's interval. */
function depsAt(rt: LocalRuntime, offsetMs: number, intervalMs: number): ReconcileDeps {
  return {
    ...rt.deps,
    clock: { now: () => new Date(Date.now() + offsetMs) },
    inventoryTiming: { intervalMs },
  };
}

/** Kills `count` seeded instances and notes each as its state-change event would (reconcile-trigger.ts). */
async function killAndNote(rt: LocalRuntime, deps: ReconcileDeps, count: number): Promise<void> {
  const running = rt.sandboxes.ec2
    .instances()
    .filter((i) => i.state === 'running' && i.tags[DROVER_TAG_KEYS.farmId]?.startsWith('farm-'));
  for (const instance of running.slice(0, count)) {
    rt.sandboxes.ec2.kill(instance.instanceId);
    await farmOfTrigger(deps, {
      kind: 'instance',
      platform: 'aws',
      instanceId: instance.instanceId,
      state: 'shutting-down',
      reason: 'benchmark kill',
    });
  }
}

/** `MINUTES` simulated minutes of one pass per farm; DescribeInstances and the passes' time per minute. */
async function minutes(
  rt: LocalRuntime,
  refs: FarmRef[],
  what: string,
  intervalMs: number,
  startMs: number,
  kills = 0,
) {
  const lines = [`${what}:`];
  for (let m = 0; m < MINUTES; m++) {
    const deps = depsAt(rt, startMs + m * MINUTE, intervalMs);
    if (kills > 0 && m > 0) await killAndNote(rt, deps, kills);
    const before = describeCalls(rt);
    const results: Record<string, number> = {};
    const figures = await measure(what, refs.length, CONCURRENCY, async (i) => {
      const outcome = await reconcileFarm(deps, refs[i]!);
      results[outcome.result] = (results[outcome.result] ?? 0) + 1;
      return outcome.result !== 'failed';
    });
    const calls = describeCalls(rt) - before;
    const shown = Object.entries(results)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `   minute ${m + 1}${kills > 0 && m > 0 ? ` (${kills} kills noted)` : ''}: ${calls} DescribeInstances for ${refs.length} farms; passes ${figures.seconds.toFixed(1)} s (p50 ${figures.p50.toFixed(0)} ms); ${shown}`,
    );
  }
  return lines;
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  console.log(
    `Inventory benchmark (Node ${process.version}): ${FARMS} quiet farms × ${SERVERS} servers in one EC2 region, one pass per farm per simulated minute, concurrency ${CONCURRENCY}`,
  );
  const rt = await startLocalRuntime({
    port: 0,
    inMemory: true,
    sandboxTimings: { bootMs: 200, shutdownMs: 100 },
    reconcileIntervalMs: 60 * MINUTE,
  });
  try {
    // Only the timed passes run: the seeded instances' state changes must not wake the runner.
    rt.bus.route('reconcile', () => {});
    const refs = await seedFarms(rt, FARMS, SERVERS);
    await new Promise((resolve) => setTimeout(resolve, 500)); // every seeded instance running
    // Minutes apart per run, so one run's snapshot is stale for the next.
    for (const line of await minutes(rt, refs, 'before (no snapshot: a list per farm per pass)', 0, 0))
      console.log(`   ${line}`);
    for (const line of await minutes(rt, refs, 'after (inventory, interval 60 s)', MINUTE, 10 * MINUTE))
      console.log(`   ${line}`);
    for (const line of await minutes(
      rt,
      refs,
      'after, with kills noted each minute',
      MINUTE,
      20 * MINUTE,
      KILLS,
    ))
      console.log(`   ${line}`);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
