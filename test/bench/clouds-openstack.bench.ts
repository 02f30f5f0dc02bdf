// OpenStackCloudDriver throughput against the OpenStack sandbox, through Drover's own client over
// loopback HTTP: launch (look up by name, create, look again, wait out the scheduler) and
// listInstances of one farm holding N servers (tag-filtered /servers/detail, 1000 a page), then the
// same list with the reconciliation chaos faults (30 % throttled with Retry-After: 1, 10 % 5xx)
// and the client's retries.
// Run: npx tsx test/bench/clouds-openstack.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createOpenStackDriver } from '../../functions/adapters/clouds/openstack';
import { CIRROS_IMAGE_ID, OpenStackSandbox } from '../../sandbox/openstack';
import { invokedDirectly, printFigures } from './measure';
import { benchCounts, measureDriverThroughput } from './support/driver-throughput';

const AUTH = { type: 'password', username: 'bench', password: 'bench', projectName: 'bench' } as const;

export async function main(): Promise<void> {
  const sandbox = new OpenStackSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const counts = benchCounts(300);
  try {
    const rows = await measureDriverThroughput({
      ...counts,
      sandbox,
      region: 'RegionOne',
      driver: createOpenStackDriver({ authUrl: sandbox.authUrl, auth: AUTH }, { maxRetries: 0 }),
      patientDriver: () => createOpenStackDriver({ authUrl: sandbox.authUrl, auth: AUTH }),
      launchSteps: 'look up, create, look again, scheduler',
      placement: () => ({
        zone: 'nova',
        imageId: CIRROS_IMAGE_ID,
        instanceType: 'm1.small',
        openstack: { networks: ['private'], securityGroups: ['default'] },
      }),
      volumeType: 'gp3',
    });
    console.log(
      `OpenStackCloudDriver against the OpenStack sandbox (${counts.concurrency} concurrent callers)`,
    );
    printFigures(rows);
  } finally {
    await sandbox.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
