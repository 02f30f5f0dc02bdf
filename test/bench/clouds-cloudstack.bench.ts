// CloudStackCloudDriver throughput against the CloudStack sandbox, through Drover's signed client
// over loopback HTTP: launch (deployVirtualMachine + createTags + queryAsyncJobResult polls) and
// listInstances of one farm holding N VMs (tag-filtered listVirtualMachines, 500 a page), then the
// same list with the reconciliation chaos faults (30 % throttled, 10 % 5xx) and the client's retries.
// Run: npx tsx test/bench/clouds-cloudstack.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createCloudStackDriver } from '../../functions/adapters/clouds/cloudstack';
import {
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
} from '../../sandbox/cloudstack';
import { invokedDirectly, printFigures } from './measure';
import { benchCounts, measureDriverThroughput } from './support/driver-throughput';

const REGION = 'zone-1';
const POLL = { first: 5, max: 50 };

export async function main(): Promise<void> {
  const sandbox = new CloudStackSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const keys = { endpoint: sandbox.apiUrl, apiKey: SANDBOX_API_KEY, secretKey: SANDBOX_SECRET_KEY };
  const counts = benchCounts(400);
  try {
    const rows = await measureDriverThroughput({
      ...counts,
      sandbox,
      region: REGION,
      driver: createCloudStackDriver(keys, { maxRetries: 0, pollMs: POLL }),
      patientDriver: () => createCloudStackDriver(keys, { pollMs: POLL }),
      launchSteps: 'deploy+createTags+job polls',
      placement: () => ({
        zone: REGION,
        imageId: DEBIAN_TEMPLATE_ID,
        instanceType: 'Small Instance',
        cloudstack: { networks: ['guest-net-1'], securityGroups: ['default'] },
      }),
      volumeType: 'gp3',
    });
    console.log(
      `CloudStackCloudDriver against the CloudStack sandbox (${counts.concurrency} concurrent callers)`,
    );
    printFigures(rows);
  } finally {
    await sandbox.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
