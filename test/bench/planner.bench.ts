// planFarm's cost: one farm of 10 servers, and a pass over 1,000 farms × 10 servers, both at
// the fixpoint (the every-minute no-op case) and with work to plan (vanished servers, a timed-out
// one, an orphan, a pending scale-out). Pure CPU; prints figures, asserts nothing.
// Run: npx tsx test/bench/planner.bench.ts

import type { ObservedInstance } from '../../functions/domain/clouds/observed-instance';
import { type PlanInput, planFarm } from '../../functions/domain/planning';
import type { Server } from '../../functions/domain/schemas/server';
import { farm, farmRole, idOf, instanceOf, MIN, server, stray, T0 } from '../unit/planning/farm-fixtures';
import { invokedDirectly } from './measure';

const FARMS = Number(process.env.BENCH_FARMS ?? 1000);

/** A farm of two farm roles × 5 servers; `busy` adds work of every kind to plan. */
function farmInput(n: number, busy: boolean): PlanInput {
  const web = farmRole(2 * n + 1, {
    minInstances: busy ? 6 : 5,
    maxInstances: 8,
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  });
  const db = farmRole(2 * n + 2, { minInstances: 5, maxInstances: 5, launchOrder: 1 });
  const servers: Server[] = [];
  const observed: ObservedInstance[] = [];
  for (const [r, role] of [web, db].entries()) {
    for (let i = 1; i <= 5; i++) {
      const k = n * 10 + r * 5 + i;
      const timedOut = busy && r === 1 && i === 5;
      const s = {
        ...server(k, role, timedOut ? 'Initializing' : 'Running', {
          enteredAt: timedOut ? -30 * MIN : -20 * MIN,
        }),
        id: idOf('srv', k),
        index: i,
      };
      servers.push(s);
      if (!(busy && r === 0 && i <= 2)) observed.push(instanceOf(s));
    }
  }
  if (busy) observed.push(stray(n, web, -10 * MIN));
  return { farm: farm('Running', [web, db]), servers, observed, now: new Date(T0) };
}

function time(label: string, inputs: PlanInput[], rounds: number) {
  let actions = 0;
  for (const input of inputs.slice(0, 50)) planFarm(input); // warm up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const input of inputs) actions += planFarm(input).actions.length;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  return {
    benchmark: label,
    farms: inputs.length,
    servers: inputs.length * 10,
    'median ms per pass': Number(median.toFixed(3)),
    'µs per farm': Number(((median * 1000) / inputs.length).toFixed(1)),
    'actions per pass': actions / rounds,
  };
}

export async function main(): Promise<void> {
  const steady = Array.from({ length: FARMS }, (_, n) => farmInput(n, false));
  const busy = Array.from({ length: FARMS }, (_, n) => farmInput(n, true));
  console.table([
    time('1 farm × 10 servers, fixpoint', steady.slice(0, 1), 2000),
    time('1 farm × 10 servers, with work', busy.slice(0, 1), 2000),
    time(`${FARMS} farms × 10 servers, fixpoint`, steady, 20),
    time(`${FARMS} farms × 10 servers, with work`, busy, 20),
  ]);
}

if (invokedDirectly(import.meta.url)) await main();
