// Benchmark of the reconciler on the local runtime (dynalite, the real SDK drivers, the sandbox
// clouds over HTTP), for issue 4's figures:
//   1. replacement latency after a kill, from the kill to the replacement Running (its agent's
//      HostUp): (a) event path — the EC2 state-change notification triggers a pass at once;
//      (b) schedule path — event delivery off, the farm's 5 s schedule finds the loss;
//   2. cloud calls per reconcile of one farm: a no-op pass, a pass that launches;
//   3. a no-op pass over BENCH_FARMS farms × BENCH_SERVERS servers (default 1,000 × 10),
//      seeded straight into the store and the EC2 sandbox, at a concurrency of 16.
// Run: npx tsx test/bench/reconcile.bench.ts   (figures only; no assertions)
//      BENCH_FARMS=100 BENCH_SERVERS=10 BENCH_KILLS=3 BENCH_SECTIONS=1,3 npx tsx test/bench/reconcile.bench.ts
import { createCloudDriverFactory } from '../../functions/adapters/clouds/driver-factory';
import { createDnsResolver } from '../../functions/adapters/egress/dns-resolver';
import type { CloudDriver } from '../../functions/ports/cloud-driver';
import type { FarmRef } from '../../functions/ports/farm-scheduler';
import { OPEN_EGRESS } from '../../functions/services/egress/egress-policy';
import type { ReconcileDeps } from '../../functions/services/reconcile/deps';
import { type ReconcileOutcome, reconcileFarm } from '../../functions/services/reconcile/reconcile-farm';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import type { SandboxTimings } from '../../sandbox/core/sandbox-cloud';
import { apiClient } from '../support/api-client';
import { untilConverged } from '../support/converge';
import { invokedDirectly, measure } from './measure';
import { type Counts, callCounts, delta, show } from './support/call-counts';
import { seedFarms } from './support/seed-fleet';

// Not hosted: the drivers reach the sandbox on loopback as `npm start`'s do.
const createCloudDriver = createCloudDriverFactory({ policy: OPEN_EGRESS, resolver: createDnsResolver() });

const TIMINGS: Partial<SandboxTimings> = { bootMs: 500, shutdownMs: 200 };
const AGENT = { hostInitDelayMs: 100, hostUpDelayMs: 100 };
const KILLS = Number(process.env.BENCH_KILLS ?? 5);
const FARMS = Number(process.env.BENCH_FARMS ?? 1000);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 10);
const SCHEDULE_MS = 5_000;
/** Which sections to run, e.g. BENCH_SECTIONS=3 (default all). */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? '1,2,3').split(','));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${Math.round(x)} ms`;

function start(intervalMs: number): Promise<LocalRuntime> {
  return startLocalRuntime({
    port: 0,
    inMemory: true,
    sandboxTimings: TIMINGS,
    agent: AGENT,
    reconcileIntervalMs: intervalMs,
  });
}

async function launchDemo(rt: LocalRuntime) {
  const api = apiClient(rt.apiUrl, rt.demo.token);
  const res = await api.post(`/v1/farms/${rt.demo.farmId}/launch`);
  if (res.status !== 202) throw new Error(`launch answered ${res.status}`);
  await untilConverged(api, rt.demo.farmId, { timeoutMs: 60_000 });
  return api;
}

/** Kills a running web instance and resolves with the ms until its replacement's HostUp. */
async function killAndTime(rt: LocalRuntime, api: ReturnType<typeof apiClient>): Promise<number> {
  const { servers } = await untilConverged(api, rt.demo.farmId, { timeoutMs: 60_000 });
  const victim = servers.find((s) => s.farmRoleAlias === 'web' && s.status === 'Running')!;
  const replacedBy = new Map<string, string>();
  let done!: (at: number) => void;
  const up = new Promise<number>((resolve) => {
    done = resolve;
  });
  const unsubscribe = rt.bus.subscribe((event) => {
    if (event.name === 'ServerReplaced' && event.serverId)
      replacedBy.set(event.serverId, String(event.payload.replacesServerId));
    if (event.name === 'HostUp' && event.serverId && replacedBy.get(event.serverId) === victim.id)
      done(performance.now());
  });
  const killedAt = performance.now();
  rt.sandboxes.ec2.kill(victim.instanceId!);
  let timer: NodeJS.Timeout | undefined;
  const at = await Promise.race([
    up,
    new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(Number.NaN), 120_000);
    }),
  ]);
  clearTimeout(timer);
  unsubscribe();
  return at - killedAt;
}

async function replacementLatency(): Promise<string[]> {
  const lines: string[] = [];
  // (a) The event path: a long schedule, so only the state-change notification can start the pass.
  const eventRt = await start(60 * 60_000);
  try {
    const api = await launchDemo(eventRt);
    const times: number[] = [];
    for (let i = 0; i < KILLS; i++) times.push(await killAndTime(eventRt, api));
    lines.push(
      `(a) event path (EC2 state-change → pass):   p50 ${ms(p50(times))}  [${times.map(ms).join(', ')}]`,
    );
  } finally {
    await eventRt.stop();
  }

  // (b) The schedule path: event delivery off (the reconcile target ignores every bus event),
  // the farm's schedule every 5 s. Each kill lands at a random point of the schedule's period.
  const scheduleRt = await start(SCHEDULE_MS);
  try {
    const api = await launchDemo(scheduleRt);
    scheduleRt.bus.route('reconcile', () => {});
    const times: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      await sleep(2_500 + Math.random() * SCHEDULE_MS); // let follow-ups die out; random phase
      times.push(await killAndTime(scheduleRt, api));
    }
    lines.push(
      `(b) schedule path (${SCHEDULE_MS / 1000} s schedule, no events):    p50 ${ms(p50(times))}  [${times.map(ms).join(', ')}]`,
    );
  } finally {
    await scheduleRt.stop();
  }
  return lines;
}

async function timedPass(
  rt: LocalRuntime,
  ref: FarmRef,
): Promise<{ outcome: ReconcileOutcome; sandbox: Counts }> {
  const before = callCounts(rt);
  const outcome = await reconcileFarm(rt.deps, ref);
  return { outcome, sandbox: delta(callCounts(rt), before) };
}

/** Cloud calls of single passes over the demo farm (web on EC2, worker on GCE), events off. */
async function cloudCallsPerPass(rt: LocalRuntime): Promise<string[]> {
  rt.bus.route('reconcile', () => {});
  const ref = { accountId: rt.demo.accountId, farmId: rt.demo.farmId };
  const api = apiClient(rt.apiUrl, rt.demo.token);
  await api.post(`/v1/farms/${ref.farmId}/launch`);
  await rt.reconciler.remove(ref); // this section's passes are its own
  const lines: string[] = [];
  const first = await timedPass(rt, ref);
  lines.push(describePass('first pass of a launch (2 web launches; worker waits for launch order)', first));
  for (let i = 0; i < 100; i++) {
    const next = await timedPass(rt, ref);
    if (next.outcome.summary?.convergence === 'converged') break;
    await sleep(200);
  }
  lines.push(
    describePass('no-op pass (farm converged: 2 web on EC2, 1 worker on GCE)', await timedPass(rt, ref)),
  );
  const web = (await rt.deps.store.servers.listByFarm(ref)).find(
    (s) => s.farmRoleAlias === 'web' && s.status === 'Running',
  )!;
  rt.sandboxes.ec2.kill(web.instanceId!);
  lines.push(
    describePass(
      'pass after an EC2 kill (records the end, launches the replacement)',
      await timedPass(rt, ref),
    ),
  );
  return lines;
}

function describePass(what: string, { outcome, sandbox }: { outcome: ReconcileOutcome; sandbox: Counts }) {
  return `${what}:\n      result ${outcome.result}, ${outcome.actions} actions; driver calls: ${show(outcome.summary?.cloudCalls ?? {})}; sandbox API calls: ${show(sandbox)}`;
}

async function noOpAtScale(rt: LocalRuntime, farms: number, servers: number): Promise<string[]> {
  // Only the timed passes run: the seeded instances' state changes must not wake the runner.
  rt.bus.route('reconcile', () => {});
  const seedStarted = performance.now();
  const refs = await seedFarms(rt, farms, servers);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await sleep((TIMINGS.bootMs ?? 0) + 200); // every seeded instance running
  const lines = [
    `${farms} farms × ${servers} servers (${rt.sandboxes.ec2.instances().length} EC2 sandbox instances; seeded in ${seedSeconds.toFixed(1)} s)`,
  ];
  lines.push(
    ...(await timeAllPasses(
      rt,
      rt.deps,
      refs,
      'as wired today (a new driver, so a new EC2Client, per pass)',
    )),
  );
  // What a warm Lambda container could do: keep one driver per credentials across passes.
  const cached = new Map<string, CloudDriver>();
  const warm: ReconcileDeps = {
    ...rt.deps,
    drivers: (credentials) => {
      const key = `${credentials.id}@${credentials.version}`;
      if (!cached.has(key)) cached.set(key, createCloudDriver(credentials));
      return cached.get(key)!;
    },
  };
  lines.push(
    ...(await timeAllPasses(rt, warm, refs, 'drivers kept across passes (one EC2Client per credentials)')),
  );
  return lines;
}

async function timeAllPasses(rt: LocalRuntime, deps: ReconcileDeps, refs: FarmRef[], what: string) {
  const before = callCounts(rt);
  const results: Record<string, number> = {};
  const driverCalls: Counts = {};
  const figures = await measure(what, refs.length, 16, async (i) => {
    const outcome = await reconcileFarm(deps, refs[i]!);
    results[outcome.result] = (results[outcome.result] ?? 0) + 1;
    for (const [k, v] of Object.entries(outcome.summary?.cloudCalls ?? {}))
      driverCalls[k] = (driverCalls[k] ?? 0) + v;
    return outcome.result === 'no-op';
  });
  const sandbox = delta(callCounts(rt), before);
  return [
    `${what}:`,
    `   total ${figures.seconds.toFixed(2)} s at concurrency 16 (${figures.perSecond.toFixed(0)} farms/s); per farm p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`,
    `   results: ${show(results)}; driver calls in all: ${show(driverCalls)}; sandbox API calls in all: ${show(sandbox)}`,
  ];
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  console.log(
    `Reconcile benchmark (Node ${process.version}); sandbox bootMs ${TIMINGS.bootMs}, shutdownMs ${TIMINGS.shutdownMs}; agent HostInit after ${AGENT.hostInitDelayMs} ms, HostUp ${AGENT.hostUpDelayMs} ms later`,
  );
  if (SECTIONS.has('1')) {
    console.log(`\n1. Replacement latency after a kill (kill → replacement's HostUp), ${KILLS} kills each`);
    for (const line of await replacementLatency()) console.log(`   ${line}`);
  }
  const rt = await start(60 * 60_000);
  try {
    if (SECTIONS.has('2')) {
      console.log('\n2. Cloud calls per reconcile of one farm');
      for (const line of await cloudCallsPerPass(rt)) console.log(`   ${line}`);
    }
    if (SECTIONS.has('3')) {
      console.log('\n3. No-op pass over many farms');
      for (const line of await noOpAtScale(rt, FARMS, SERVERS)) console.log(`   ${line}`);
    }
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
