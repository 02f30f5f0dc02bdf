// The launch and list loop every cloud driver benchmark runs (GCE, OpenStack, CloudStack): N
// launches at a fixed concurrency, then listInstances of one farm holding 10, 100 and 1,000
// instances, and the 100-instance list again under the reconciliation chaos weather (30 %
// throttled, 10 % 5xx) through a driver whose retries are on.
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import type { CloudDriver } from '../../../functions/ports/cloud-driver';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';
import { type Figures, measure } from '../measure';

const FARM_SIZES = [10, 100, 1000];
/** The farm size whose list is measured again under faults. */
const FAULTED_SIZE = 100;
const FILL_BATCH = 50;

/** A driver that may hold connections (the GCE client's gRPC/HTTP pools). */
type ClosableDriver = CloudDriver & { close?: () => Promise<void> };

export interface DriverThroughput {
  sandbox: Pick<SandboxCloud, 'setFaults' | 'clearFaults'>;
  region: string;
  /** A driver without retries: every figure is one call's cost. */
  driver: ClosableDriver;
  /** A driver with the client's retries on, for the list under faults. */
  patientDriver: () => ClosableDriver;
  /** What one launch does on this cloud, for the figure's name. */
  launchSteps: string;
  /** The cloud's own part of a launch spec (image, type, zone, network); `i` spreads zones. */
  placement: (
    i: number,
  ) => Omit<LaunchSpec, 'serverId' | 'name' | 'region' | 'tags' | 'volumes' | 'userData'>;
  volumeType: string;
  launches: number;
  lists: number;
  concurrency: number;
}

function specOf(bench: DriverThroughput, accountId: string, farmId: string, i: number): LaunchSpec {
  const serverId = newId('server');
  return {
    serverId,
    name: serverId,
    region: bench.region,
    ...bench.placement(i),
    volumes: [{ sizeGiB: 10, type: bench.volumeType, mountPoint: '/data', deleteOnTermination: true }],
    tags: {
      [DROVER_TAG_KEYS.accountId]: accountId,
      [DROVER_TAG_KEYS.farmId]: farmId,
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
    userData: '#!/bin/sh\necho bench\n',
  };
}

async function listFigure(
  bench: DriverThroughput,
  driver: CloudDriver,
  name: string,
  filter: { accountId: string; farmId: string },
  size: number,
): Promise<Figures> {
  return measure(name, bench.lists, bench.concurrency, async () => {
    return (await driver.listInstances(bench.region, filter)).length === size;
  });
}

async function faultedListFigure(
  bench: DriverThroughput,
  filter: { accountId: string; farmId: string },
): Promise<Figures> {
  const patient = bench.patientDriver();
  bench.sandbox.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
  try {
    const name = `listInstances, farm of ${FAULTED_SIZE}, 30% 429 + 10% 5xx, retries`;
    return await listFigure(bench, patient, name, filter, FAULTED_SIZE);
  } finally {
    bench.sandbox.clearFaults();
    await patient.close?.();
  }
}

export async function measureDriverThroughput(bench: DriverThroughput): Promise<Figures[]> {
  const { driver, concurrency } = bench;
  const accountId = newId('account');
  const rows: Figures[] = [];
  rows.push(
    await measure(`launch (${bench.launchSteps})`, bench.launches, concurrency, async (i) => {
      await driver.launch(specOf(bench, accountId, 'farm-launch-bench', i));
      return true;
    }),
  );
  for (const size of FARM_SIZES) {
    const filter = { accountId, farmId: newId('farm') };
    for (let done = 0; done < size; done += FILL_BATCH)
      await Promise.all(
        Array.from({ length: Math.min(FILL_BATCH, size - done) }, (_, i) =>
          driver.launch(specOf(bench, accountId, filter.farmId, i)),
        ),
      );
    rows.push(await listFigure(bench, driver, `listInstances, farm of ${size}`, filter, size));
    if (size === FAULTED_SIZE) rows.push(await faultedListFigure(bench, filter));
  }
  return rows;
}

/** The benchmark's knobs from the environment, with each cloud's default launch count. */
export function benchCounts(
  defaultLaunches: number,
): Pick<DriverThroughput, 'launches' | 'lists' | 'concurrency'> {
  return {
    launches: Number(process.env.BENCH_LAUNCHES ?? defaultLaunches),
    lists: Number(process.env.BENCH_LISTS ?? 200),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  };
}
