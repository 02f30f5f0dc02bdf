// GceCloudDriver throughput against the GCE sandbox, through the real @google-cloud/compute
// client over loopback HTTP: launch (insert + zoneOperations.wait + get) and listInstances of
// one farm holding N instances (one aggregatedList page per 500), then the same list with the
// reconciliation chaos faults (30 % throttled, 10 % 5xx) and the driver's own retries.
// Run: npx tsx test/bench/clouds-gce.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createGceDriver } from '../../functions/adapters/clouds/gce';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../functions/domain/clouds/launch-spec';
import { newId } from '../../functions/domain/ids';
import { GceSandbox } from '../../sandbox/gce';
import { gceSandboxCredentials } from '../integration/clouds/gce-credentials';
import { type Figures, invokedDirectly, measure, printFigures } from './measure';

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 400);
const LISTS = Number(process.env.BENCH_LISTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const FARM_SIZES = [10, 100, 1000];
const REGION = 'us-central1';

function spec(accountId: string, farmId: string, zone: string): LaunchSpec {
  const serverId = newId('server');
  return {
    serverId,
    name: serverId,
    region: REGION,
    zone,
    imageId: 'projects/debian-cloud/global/images/family/debian-12',
    instanceType: 'e2-small',
    volumes: [{ sizeGiB: 10, type: 'pd-balanced', mountPoint: '/data', deleteOnTermination: true }],
    tags: {
      [DROVER_TAG_KEYS.accountId]: accountId,
      [DROVER_TAG_KEYS.farmId]: farmId,
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
    userData: '#!/bin/sh\necho bench\n',
    gce: { network: 'default', networkTags: [], externalIp: false },
  };
}

export async function main(): Promise<void> {
  const sandbox = new GceSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const driver = createGceDriver(gceSandboxCredentials(sandbox.url), { maxRetries: 0 });
  const rows: Figures[] = [];
  try {
    const accountId = newId('account');
    const zones = ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f'];
    rows.push(
      await measure(`launch (insert+wait+get)`, LAUNCHES, CONCURRENCY, async (i) => {
        await driver.launch(spec(accountId, 'farm-launch-bench', zones[i % zones.length] as string));
        return true;
      }),
    );

    for (const size of FARM_SIZES) {
      const farmId = newId('farm');
      for (let done = 0; done < size; done += 50)
        await Promise.all(
          Array.from({ length: Math.min(50, size - done) }, (_, i) =>
            driver.launch(spec(accountId, farmId, zones[i % zones.length] as string)),
          ),
        );
      rows.push(
        await measure(`listInstances, farm of ${size}`, LISTS, CONCURRENCY, async () => {
          return (await driver.listInstances(REGION, { accountId, farmId })).length === size;
        }),
      );
      if (size === 100) {
        sandbox.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
        const patient = createGceDriver(gceSandboxCredentials(sandbox.url));
        rows.push(
          await measure(
            `listInstances, farm of ${size}, 30% 429 + 10% 5xx, retries`,
            LISTS,
            CONCURRENCY,
            async () => {
              return (await patient.listInstances(REGION, { accountId, farmId })).length === size;
            },
          ),
        );
        sandbox.clearFaults();
        await patient.close();
      }
    }
  } finally {
    await driver.close();
    await sandbox.stop();
  }
  console.log(`GceCloudDriver against the GCE sandbox (${CONCURRENCY} concurrent callers)`);
  printFigures(rows);
}

if (invokedDirectly(import.meta.url)) await main();
