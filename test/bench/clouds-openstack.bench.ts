// OpenStackCloudDriver throughput against the OpenStack sandbox, through Drover's own client over
// loopback HTTP: launch (look up by name, create, look again, wait out the scheduler) and
// listInstances of one farm holding N servers (tag-filtered /servers/detail, 1000 a page), then the
// same list with the reconciliation chaos faults (30 % throttled with Retry-After: 1, 10 % 5xx)
// and the client's retries.
// Run: npx tsx test/bench/clouds-openstack.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createOpenStackDriver } from '../../functions/adapters/clouds/openstack';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../functions/domain/clouds/launch-spec';
import { newId } from '../../functions/domain/ids';
import { CIRROS_IMAGE_ID, OpenStackSandbox } from '../../sandbox/openstack';
import { type Figures, invokedDirectly, measure, printFigures } from './measure';

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 300);
const LISTS = Number(process.env.BENCH_LISTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const FARM_SIZES = [10, 100, 1000];
const REGION = 'RegionOne';
const AUTH = { type: 'password', username: 'bench', password: 'bench', projectName: 'bench' } as const;

function spec(accountId: string, farmId: string): LaunchSpec {
  const serverId = newId('server');
  return {
    serverId,
    name: serverId,
    region: REGION,
    zone: 'nova',
    imageId: CIRROS_IMAGE_ID,
    instanceType: 'm1.small',
    volumes: [{ sizeGiB: 10, type: 'gp3', mountPoint: '/data', deleteOnTermination: true }],
    tags: {
      [DROVER_TAG_KEYS.accountId]: accountId,
      [DROVER_TAG_KEYS.farmId]: farmId,
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
    userData: '#!/bin/sh\necho bench\n',
    openstack: { networks: ['private'], securityGroups: ['default'] },
  };
}

export async function main(): Promise<void> {
  const sandbox = new OpenStackSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const driver = createOpenStackDriver({ authUrl: sandbox.authUrl, auth: AUTH }, { maxRetries: 0 });
  const rows: Figures[] = [];
  try {
    const accountId = newId('account');
    rows.push(
      await measure('launch (look up, create, look again, scheduler)', LAUNCHES, CONCURRENCY, async () => {
        await driver.launch(spec(accountId, 'farm-launch-bench'));
        return true;
      }),
    );
    for (const size of FARM_SIZES) {
      const farmId = newId('farm');
      for (let done = 0; done < size; done += 50)
        await Promise.all(
          Array.from({ length: Math.min(50, size - done) }, () => driver.launch(spec(accountId, farmId))),
        );
      rows.push(
        await measure(`listInstances, farm of ${size}`, LISTS, CONCURRENCY, async () => {
          return (await driver.listInstances(REGION, { accountId, farmId })).length === size;
        }),
      );
      if (size === 100) {
        sandbox.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
        const patient = createOpenStackDriver({ authUrl: sandbox.authUrl, auth: AUTH });
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
      }
    }
  } finally {
    await sandbox.stop();
  }
  console.log(`OpenStackCloudDriver against the OpenStack sandbox (${CONCURRENCY} concurrent callers)`);
  printFigures(rows);
}

if (invokedDirectly(import.meta.url)) await main();
