// What a quiet fleet costs (issue 13, "A quiet pass costs almost nothing"), counted on the real
// parts — dynalite behind a counting Store, the sandbox clouds through the real SDK drivers, a
// real drover-agent — and priced at AWS list prices (support/list-prices.ts):
//   1. one quiet pass of the demo farm (2 web on EC2, 1 worker on GCE): DynamoDB requests, read
//      and write units, secret opens (KMS Decrypt in AWS), cloud list calls;
//   2. the Lambda bundles that carry the cloud SDKs: size and import time (the cold start);
//   3. a no-op pass over BENCH_FARMS farms × BENCH_SERVERS servers in one region (default
//      1,000 × 10; BENCH_FLEETS=1000,10000 for several sizes), seeded straight into the store and
//      the EC2 sandbox: its time at concurrency 16, DynamoDB per pass, cloud list calls per minute;
//   4. the monthly cost of one quiet farm (per-farm schedule, sweeps, and the sweep as built) and of
//      one idle agent;
//   5. the sweep's tick over BENCH_SWEEP_FLEETS entries (default 1,000 and 10,000): time, Queries, RRU.
// Run: npm run bench -- fleet     (BENCH_SECTIONS=1,4,5 to skip some)

import { cachedSecretBox } from '../../functions/adapters/secrets/cached-secret-box';
import type { FarmRef } from '../../functions/ports/farm-scheduler';
import type { ReconcileDeps } from '../../functions/services/reconcile/deps';
import { reconcileFarm } from '../../functions/services/reconcile/reconcile-farm';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { untilConverged } from '../support/converge';
import { countedSecrets, countedStore, DynamoCounts } from '../support/counted-store';
import { bundleLines } from './lambda-bundles.bench';
import { invokedDirectly, measure } from './measure';
import { type Counts, callCounts, delta, show } from './support/call-counts';
import { type IdleAgentHour, idleAgentHour } from './support/idle-agent';
import {
  type ChannelMonth,
  iotCoreMonth,
  WEBSOCKET_IDLE_MINUTES,
  webSocketFloorMonth,
  webSocketMonth,
} from './support/idle-agent-month';
import { MINUTES_PER_MONTH, LIST_PRICES as P, PRICE_SOURCES, usd } from './support/list-prices';
import { seedFarms } from './support/seed-fleet';
import { type SweepTick, sweepTicks, sweptFarmMonth } from './support/sweep-tick';

const FLEETS = (process.env.BENCH_FLEETS ?? process.env.BENCH_FARMS ?? '1000').split(',').map(Number);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 10);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? '1,2,3,4,5').split(','));
/** Fleet sizes the sweep's tick is measured at (section 5; entries only, so 10,000 fits). */
const SWEEP_FLEETS = (process.env.BENCH_SWEEP_FLEETS ?? '1000,10000').split(',').map(Number);
const CONCURRENCY = 16;
/** The reconcile function's memory (infra/constructs/reconcile.ts). */
const RECONCILE_GB = 1;
/** Lambda's START/END/REPORT lines per invocation, and the handler's one `reconciled` line. */
const LOG_BYTES_PER_INVOCATION = 350 + 300;

const LIST_CALLS = /DescribeInstances|instances\.(list|aggregatedList)|aggregatedList|listInstances/;
const listCalls = (c: Counts) => Object.entries(c).reduce((n, [k, v]) => n + (LIST_CALLS.test(k) ? v : 0), 0);

/** The runtime's deps with a counting Store on the same table and a counting SecretBox. */
function countedDeps(rt: LocalRuntime) {
  const counts = new DynamoCounts();
  const counted = countedStore(rt.dynamoEndpoint, rt.tableName, counts);
  const secrets = countedSecrets(rt.deps.secrets);
  let published = 0;
  const deps: ReconcileDeps = {
    ...rt.deps,
    store: counted.store,
    // As the reconcile Lambda opens credentials (composition/reconcile.ts): the counted box is KMS.
    secrets: cachedSecretBox(secrets),
    publisher: {
      publish: async (events) => {
        published += events.length;
        await rt.deps.publisher.publish(events);
      },
    },
  };
  const reset = () => {
    counts.reset();
    secrets.opens = 0;
    published = 0;
  };
  return { deps, counts, secrets, published: () => published, reset, destroy: counted.destroy };
}

export interface QuietPass {
  dynamo: DynamoCounts;
  secretOpens: number;
  events: number;
  sandbox: Counts;
  result: string;
}

async function quietDemoPass(rt: LocalRuntime): Promise<QuietPass> {
  rt.bus.route('reconcile', () => {});
  const ref = { accountId: rt.demo.accountId, farmId: rt.demo.farmId };
  const api = apiClient(rt.apiUrl, rt.demo.token);
  await api.post(`/v1/farms/${ref.farmId}/launch`);
  for (let i = 0; i < 300; i++) {
    const outcome = await reconcileFarm(rt.deps, ref);
    if (outcome.summary?.convergence === 'converged') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await untilConverged(api, ref.farmId, { timeoutMs: 10_000 });
  await reconcileFarm(rt.deps, ref); // settles the summary once converged
  const counted = countedDeps(rt);
  await reconcileFarm(counted.deps, ref); // a warm process: its credentials cache filled
  counted.reset();
  const before = callCounts(rt);
  const outcome = await reconcileFarm(counted.deps, ref);
  const figures = {
    dynamo: counted.counts,
    secretOpens: counted.secrets.opens,
    events: counted.published(),
    sandbox: delta(callCounts(rt), before),
    result: outcome.result,
  };
  counted.destroy();
  return figures;
}

export interface FleetPass {
  farms: number;
  seconds: number;
  results: Counts;
  dynamo: DynamoCounts;
  sandbox: Counts;
}

async function fleetPass(farms: number): Promise<FleetPass> {
  const rt = await startLocalRuntime({ port: 0, inMemory: true, reconcileIntervalMs: 60 * 60_000 });
  try {
    rt.bus.route('reconcile', () => {});
    const started = performance.now();
    const refs: FarmRef[] = await seedFarms(rt, farms, SERVERS);
    console.log(
      `   seeded ${farms} farms × ${SERVERS} servers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // every seeded instance running
    // A first pass over all (the first look at each farm writes its summary), then the quiet one.
    await measure(
      'settle',
      refs.length,
      CONCURRENCY,
      async (i) => (await reconcileFarm(rt.deps, refs[i]!)) !== undefined,
    );
    const counted = countedDeps(rt);
    const before = callCounts(rt);
    const results: Counts = {};
    const figures = await measure('quiet', refs.length, CONCURRENCY, async (i) => {
      const outcome = await reconcileFarm(counted.deps, refs[i]!);
      results[outcome.result] = (results[outcome.result] ?? 0) + 1;
      return outcome.result === 'no-op';
    });
    counted.destroy();
    return {
      farms,
      seconds: figures.seconds,
      results,
      dynamo: counted.counts,
      sandbox: delta(callCounts(rt), before),
    };
  } finally {
    await rt.stop();
  }
}

/** A quiet farm's month: passes at `everyMinutes`, each invoked alone (per-farm schedule) or in a sweep of `sweepFarms`. */
export function quietFarmMonth(
  pass: { rru: number; wru: number; kms: number; events: number; lambdaSeconds: number },
  everyMinutes: number,
  sweepFarms: number,
) {
  const passes = MINUTES_PER_MONTH / everyMinutes;
  const invocations = passes / sweepFarms;
  const lines: [string, number][] = [
    ['Lambda requests', invocations * P.lambdaRequest],
    ['Lambda GB-s', passes * pass.lambdaSeconds * RECONCILE_GB * P.lambdaGbSecondArm],
    ['DynamoDB reads', passes * pass.rru * P.dynamoRru],
    ['DynamoDB writes', passes * pass.wru * P.dynamoWru],
    ['KMS Decrypt', passes * pass.kms * P.kmsRequest],
    ['Scheduler invocations', invocations * P.schedulerInvocation],
    ['EventBridge events', passes * pass.events * P.eventBridgeEvent],
    ['CloudWatch Logs', ((invocations * LOG_BYTES_PER_INVOCATION) / 1e9) * P.logsGb],
  ];
  return { lines, total: lines.reduce((n, [, x]) => n + x, 0) };
}

function printPass(label: string, p: QuietPass) {
  console.log(`   ${label}: result ${p.result}`);
  console.log(`      DynamoDB: ${p.dynamo.describe()}`);
  console.log(
    `      secret opens (KMS Decrypt): ${p.secretOpens}; events published: ${p.events}; cloud API calls: ${show(p.sandbox)}`,
  );
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  console.log(`Fleet benchmark (Node ${process.version}); ${PRICE_SOURCES}`);
  let quiet: QuietPass | undefined;
  let agentHour: Awaited<ReturnType<typeof idleAgentHour>> | undefined;
  if (SECTIONS.has('1') || SECTIONS.has('4')) {
    const rt = await startLocalRuntime({ port: 0, inMemory: true, reconcileIntervalMs: 60 * 60_000 });
    try {
      console.log('\n1. One quiet pass of the demo farm (2 web on EC2, 1 worker on GCE)');
      quiet = await quietDemoPass(rt);
      printPass('quiet pass', quiet);
      if (SECTIONS.has('4')) agentHour = await idleAgentHour(rt);
    } finally {
      await rt.stop();
    }
  }
  if (SECTIONS.has('2')) {
    console.log(
      '\n2. Lambda bundles that carry the cloud SDKs (as infra/ deploys them, split, and as one file before): size, import time in a fresh Node (--enable-source-maps, median of 3; every bundle: npm run bench -- lambda-bundles)',
    );
    for (const line of await bundleLines(['reconcile', 'api/credentials', 'api/servers']))
      console.log(`   ${line}`);
  }
  let fleet: FleetPass | undefined;
  if (SECTIONS.has('3')) {
    for (const farms of FLEETS) {
      console.log(
        `\n3. A no-op pass over ${farms} farms × ${SERVERS} servers, one region, concurrency ${CONCURRENCY}`,
      );
      const f = await fleetPass(farms);
      fleet ??= f;
      const lists = listCalls(f.sandbox);
      console.log(
        `   ${f.seconds.toFixed(1)} s (${(f.farms / f.seconds).toFixed(0)} farms/s); results: ${show(f.results)}`,
      );
      console.log(
        `   DynamoDB per pass: ${(f.dynamo.reads / farms).toFixed(2)} reads, ${(f.dynamo.writes / farms).toFixed(2)} writes; ${(f.dynamo.readUnits / farms).toFixed(2)} RRU, ${(f.dynamo.writeUnits / farms).toFixed(2)} WRU`,
      );
      console.log(
        `   cloud list calls in the pass: ${lists} (${show(f.sandbox)}) = ${lists} a minute at a 1-minute cadence`,
      );
    }
  }
  let ticks: SweepTick[] = [];
  if (SECTIONS.has('5') || SECTIONS.has('4')) {
    console.log(
      "\n5. The sweep's tick (every entry read, the due farms dispatched), quiet farms every 5 min",
    );
    ticks = await sweepTicks(SWEEP_FLEETS);
    for (const t of ticks)
      console.log(
        `   ${String(t.farms).padStart(6)} farms: ${t.ms.toFixed(0)} ms, ${t.queries} Queries, ${t.rru.toFixed(1)} RRU, ${t.dispatched} farms due a tick`,
      );
  }
  if (SECTIONS.has('4') && quiet) {
    const farms = fleet?.farms ?? 1000;
    const perPass = {
      rru: fleet ? fleet.dynamo.readUnits / fleet.farms : quiet.dynamo.readUnits,
      wru: fleet ? fleet.dynamo.writeUnits / fleet.farms : quiet.dynamo.writeUnits,
      kms: quiet.secretOpens,
      events: quiet.events,
      lambdaSeconds: fleet ? fleet.seconds / fleet.farms : 0.05,
    };
    console.log('\n4. Monthly cost of one quiet farm (Lambda + DynamoDB + KMS + Scheduler + events + logs)');
    console.log(
      `   per pass: ${perPass.rru.toFixed(2)} RRU, ${perPass.wru.toFixed(2)} WRU, ${perPass.kms} KMS, ${perPass.events} events, ${(perPass.lambdaSeconds * 1000).toFixed(1)} ms of Lambda at ${RECONCILE_GB} GB`,
    );
    for (const [label, every, sweep] of [
      ['per-farm schedule, every 1 min (as first built)', 1, 1],
      [`sweep of ${farms} farms, every 1 min`, 1, farms],
      [`sweep of ${farms} farms, every 5 min`, 5, farms],
      [`sweep of ${farms} farms, every 15 min`, 15, farms],
    ] as const) {
      const month = quietFarmMonth(perPass, every, sweep);
      console.log(
        `   ${label.padEnd(48)} ${usd(month.total).padStart(8)}   (${month.lines
          .filter(([, x]) => x >= 0.00005)
          .map(([l, x]) => `${l} ${usd(x)}`)
          .join(', ')})`,
      );
    }
    for (const tick of ticks) {
      const month = sweptFarmMonth(perPass, 5, tick, LOG_BYTES_PER_INVOCATION, RECONCILE_GB);
      console.log(
        `   ${`the sweep as built, ${tick.farms} farms, quiet every 5 min`.padEnd(48)} ${usd(month.total).padStart(8)}   (${month.lines
          .filter(([, x]) => x >= 0.00005)
          .map(([l, x]) => `${l} ${usd(x)}`)
          .join(', ')})`,
      );
    }
    if (agentHour) printIdleAgent(agentHour);
  }
}

function printIdleAgent(hour: IdleAgentHour) {
  const show = (label: string, m: ChannelMonth) =>
    console.log(
      `   ${label.padEnd(58)} ${usd(m.total).padStart(8)}   (${m.lines
        .filter(([, x]) => x >= 0.00005)
        .map(([l, x]) => `${l} ${usd(x)}`)
        .join(', ')})`,
    );
  console.log('\n   One idle agent-month (goal ≤ $0.015), counted over an accelerated hour:');
  console.log(
    `   ${hour.requestsPerHour} HTTPS requests, ${hour.heartbeatsPerHour} keep-alives, ${hour.connectsPerHour} connects an hour`,
  );
  show('API Gateway WebSocket, as counted', webSocketMonth(hour));
  show(
    `API Gateway WebSocket, least allowed (1 per ${WEBSOCKET_IDLE_MINUTES} min idle)`,
    webSocketFloorMonth(),
  );
  show('IoT Core (MQTT over WebSocket, custom authorizer)', iotCoreMonth(hour));
}

if (invokedDirectly(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
