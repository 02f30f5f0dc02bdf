// GceCloudDriver throughput against the GCE sandbox, through the real @google-cloud/compute
// client over loopback HTTP: launch (insert + zoneOperations.wait + get) and listInstances of
// one farm holding N instances (one aggregatedList page per 500), then the same list with the
// reconciliation chaos faults (30 % throttled, 10 % 5xx) and the driver's own retries.
// Run: npx tsx test/bench/clouds-gce.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createGceDriver } from '../../functions/adapters/clouds/gce';
import { GceSandbox } from '../../sandbox/gce';
import { gceSandboxCredentials } from '../integration/clouds/gce-credentials';
import { invokedDirectly, printFigures } from './measure';
import { benchCounts, measureDriverThroughput } from './support/driver-throughput';

const ZONES = ['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f'];

export async function main(): Promise<void> {
  const sandbox = new GceSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const driver = createGceDriver(gceSandboxCredentials(sandbox.url), { maxRetries: 0 });
  const counts = benchCounts(400);
  try {
    const rows = await measureDriverThroughput({
      ...counts,
      sandbox,
      region: 'us-central1',
      driver,
      patientDriver: () => createGceDriver(gceSandboxCredentials(sandbox.url)),
      launchSteps: 'insert+wait+get',
      placement: (i) => ({
        zone: ZONES[i % ZONES.length] as string,
        imageId: 'projects/debian-cloud/global/images/family/debian-12',
        instanceType: 'e2-small',
        gce: { network: 'default', networkTags: [], externalIp: false },
      }),
      volumeType: 'pd-balanced',
    });
    console.log(`GceCloudDriver against the GCE sandbox (${counts.concurrency} concurrent callers)`);
    printFigures(rows);
  } finally {
    await driver.close();
    await sandbox.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
