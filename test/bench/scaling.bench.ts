// decideScale's cost: 1,000 farm roles × 5 rules (CPU target, load threshold, memory free
// inverted threshold, a queue per instance, a pushed metric), each farm role with 10 servers
// reporting every minute over a 5-minute window and a schedule window in Europe/Berlin. Pure
// CPU; prints decisions per second, asserts nothing. Then, through the loop, the time from a
// metric crossing its target to the launch call (support/scale-out-latency.ts; BENCH_SCALE_TRIALS=0
// skips it, it takes a few minutes at production cadence).
// Run: npx tsx test/bench/scaling.bench.ts
import {
  decideScale,
  EMPTY_MEMORY,
  type MetricSample,
  type ScaleInput,
} from '../../functions/domain/scaling';
import { Scaling } from '../../functions/domain/schemas/scaling';
import { invokedDirectly } from './measure';
import { scaleOutLatency } from './support/scale-out-latency';

const ROLES = Number(process.env.BENCH_FARM_ROLES ?? 1000);
const SERVERS = 10;
const NOW = Date.parse('2026-06-10T12:00:00Z');
const MIN = 60_000;
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/000000000000/jobs';

const scaling = Scaling.parse({
  rules: [
    { mode: 'target', name: 'cpu', source: { type: 'agent', metric: 'cpuPercent' }, target: 60 },
    {
      mode: 'threshold',
      name: 'load',
      source: { type: 'agent', metric: 'load5' },
      lower: 0.5,
      upper: 4,
      aggregate: 'p90',
    },
    {
      mode: 'threshold',
      name: 'ram',
      source: { type: 'agent', metric: 'memoryFreeMiB' },
      lower: 256,
      upper: 4096,
      inverted: true,
    },
    {
      mode: 'per-instance',
      name: 'jobs',
      source: { type: 'sqs', queueUrl: QUEUE },
      perInstance: 100,
      aggregate: 'max',
    },
    { mode: 'target', name: 'rps', source: { type: 'pushed', name: 'rps' }, target: 1000 },
  ],
  schedules: [
    {
      name: 'office',
      timeZone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '08:00',
      end: '18:00',
      minInstances: 4,
      maxInstances: 20,
    },
  ],
});

function roleInput(n: number): ScaleInput {
  const servers = Array.from({ length: SERVERS }, (_, i) => ({ id: `r${n}-s${i}`, readyAt: NOW - 60 * MIN }));
  const perServer = (value: (i: number) => number): MetricSample[] =>
    servers.flatMap((s, i) =>
      [0, 1, 2, 3, 4].map((m) => ({ at: NOW - m * MIN, value: value(i + m + n), serverId: s.id })),
    );
  const perRole = (value: number): MetricSample[] =>
    [0, 1, 2, 3, 4].map((m) => ({ at: NOW - m * MIN, value: value + m }));
  return {
    now: new Date(NOW),
    role: { minInstances: 2, maxInstances: 20, scaling },
    servers,
    samples: {
      cpuPercent: perServer((k) => 20 + (k % 50)),
      load5: perServer((k) => (k % 7) / 2),
      memoryFreeMiB: perServer((k) => 512 + (k % 9) * 100),
      [`sqs:${QUEUE}`]: perRole(n % 1500),
      'pushed:rps': perRole(500 + (n % 1000)),
    },
    memory: { ...EMPTY_MEMORY, recentDesired: [{ at: new Date(NOW - 2 * MIN).toISOString(), desired: 12 }] },
  };
}

export async function main(): Promise<void> {
  const inputs = Array.from({ length: ROLES }, (_, n) => roleInput(n));
  for (const input of inputs.slice(0, 100)) decideScale(input); // warm up
  const rounds = 20;
  const samples: number[] = [];
  const directions = { out: 0, in: 0, hold: 0 };
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const input of inputs) directions[decideScale(input).decision.direction]++;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(rounds / 2)]!;
  console.table([
    {
      benchmark: `${ROLES} farm roles × 5 rules × ${SERVERS} servers`,
      'median ms per pass': Number(median.toFixed(2)),
      'µs per decision': Number(((median * 1000) / ROLES).toFixed(1)),
      'decisions per second': Math.round((ROLES * 1000) / median),
      'out / in / hold per pass': `${directions.out / rounds} / ${directions.in / rounds} / ${directions.hold / rounds}`,
    },
  ]);
  if (Number(process.env.BENCH_SCALE_TRIALS ?? 3) === 0) return;
  const latency = await scaleOutLatency();
  const sorted = [...latency.ms].sort((a, b) => a - b);
  const s = (x: number | undefined) =>
    x === undefined || Number.isNaN(x) ? 'none' : `${(x / 1000).toFixed(1)} s`;
  console.table([
    {
      benchmark: 'metric crosses its target → RunInstances (evaluation each minute, sweep tick a minute)',
      trials: latency.trials,
      each: latency.ms.map((x) => s(x)).join(', '),
      median: s(sorted[Math.floor(sorted.length / 2)]),
      max: s(sorted[sorted.length - 1]),
    },
  ]);
}

if (invokedDirectly(import.meta.url)) await main();
