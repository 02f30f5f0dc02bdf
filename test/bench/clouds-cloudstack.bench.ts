// CloudStackCloudDriver throughput against the CloudStack sandbox, through Drover's signed client
// over loopback HTTP: launch (deployVirtualMachine + createTags + queryAsyncJobResult polls) and
// listInstances of one farm holding N VMs (tag-filtered listVirtualMachines, 500 a page), then the
// same list with the reconciliation chaos faults (30 % throttled, 10 % 5xx) and the client's retries.
// Run: npx tsx test/bench/clouds-cloudstack.bench.ts   (BENCH_LAUNCHES, BENCH_LISTS, BENCH_CONCURRENCY)
import { createCloudStackDriver } from '../../functions/adapters/clouds/cloudstack';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../functions/domain/clouds/launch-spec';
import { newId } from '../../functions/domain/ids';
import {
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
} from '../../sandbox/cloudstack';
import { type Figures, invokedDirectly, measure, printFigures } from './measure';

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 400);
const LISTS = Number(process.env.BENCH_LISTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const FARM_SIZES = [10, 100, 1000];
const REGION = 'zone-1';
const POLL = { first: 5, max: 50 };

function spec(accountId: string, farmId: string): LaunchSpec {
  const serverId = newId('server');
  return {
    serverId,
    name: serverId,
    region: REGION,
    zone: REGION,
    imageId: DEBIAN_TEMPLATE_ID,
    instanceType: 'Small Instance',
    volumes: [{ sizeGiB: 10, type: 'gp3', mountPoint: '/data', deleteOnTermination: true }],
    tags: {
      [DROVER_TAG_KEYS.accountId]: accountId,
      [DROVER_TAG_KEYS.farmId]: farmId,
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
    userData: '#!/bin/sh\necho bench\n',
    cloudstack: { networks: ['guest-net-1'], securityGroups: ['default'] },
  };
}

export async function main(): Promise<void> {
  const sandbox = new CloudStackSandbox({ timings: { bootMs: 5, shutdownMs: 5 } });
  await sandbox.start();
  const keys = { endpoint: sandbox.apiUrl, apiKey: SANDBOX_API_KEY, secretKey: SANDBOX_SECRET_KEY };
  const driver = createCloudStackDriver(keys, { maxRetries: 0, pollMs: POLL });
  const rows: Figures[] = [];
  try {
    const accountId = newId('account');
    rows.push(
      await measure('launch (deploy+createTags+job polls)', LAUNCHES, CONCURRENCY, async () => {
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
        const patient = createCloudStackDriver(keys, { pollMs: POLL });
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
  console.log(`CloudStackCloudDriver against the CloudStack sandbox (${CONCURRENCY} concurrent callers)`);
  printFigures(rows);
}

if (invokedDirectly(import.meta.url)) await main();
