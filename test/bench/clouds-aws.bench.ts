// Benchmark: calls/s of the AWS driver (real @aws-sdk/client-ec2) against the EC2 sandbox —
// listInstances with N instances present, and launch, sequential and concurrent.
// Run: npx tsx test/bench/clouds-aws.bench.ts   (figures only; no assertions)
import { pathToFileURL } from 'node:url';
import { createAwsDriver } from '../../functions/adapters/clouds/aws';
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../functions/domain/clouds/launch-spec';
import { newId } from '../../functions/domain/ids';
import type { CloudDriver } from '../../functions/ports/cloud-driver';
import { Ec2Sandbox } from '../../sandbox/ec2';
import { accessKeyCredentials } from '../integration/clouds/aws-credentials';

const REGION = 'us-east-1';

function spec(accountId: string, farmId: string): LaunchSpec {
  const serverId = newId('server');
  return {
    serverId,
    name: `bench-${serverId.slice(-6)}`,
    region: REGION,
    zone: 'us-east-1a',
    imageId: 'ami-0abcdef1234567890',
    instanceType: 't3.micro',
    volumes: [{ sizeGiB: 20, type: 'gp3', mountPoint: '/data', deleteOnTermination: true }],
    tags: {
      [DROVER_TAG_KEYS.accountId]: accountId,
      [DROVER_TAG_KEYS.farmId]: farmId,
      [DROVER_TAG_KEYS.serverId]: serverId,
    },
  };
}

/** Runs `op` with `concurrency` workers for about `ms`, answering calls per second. */
async function rate(op: () => Promise<unknown>, ms: number, concurrency = 1): Promise<number> {
  let done = 0;
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await op();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

async function fill(driver: CloudDriver, accountId: string, farmId: string, count: number): Promise<void> {
  const queue = Array.from({ length: count }, () => spec(accountId, farmId));
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) await driver.launch(next);
    }),
  );
}

export async function main(): Promise<void> {
  const sandbox = new Ec2Sandbox({ timings: { bootMs: 50, shutdownMs: 50 } });
  await sandbox.start();
  const driver = createAwsDriver(accessKeyCredentials(sandbox.url));
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const rows: [string, string][] = [];
  try {
    const accountId = newId('account');
    await driver.listInstances(REGION, { accountId }); // warm the client and connection

    rows.push([
      'launch, 1 at a time',
      `${(await rate(() => driver.launch(spec(accountId, newId('farm'))), seconds * 1000)).toFixed(0)} calls/s`,
    ]);
    rows.push([
      'launch, 10 concurrent',
      `${(await rate(() => driver.launch(spec(accountId, newId('farm'))), seconds * 1000, 10)).toFixed(0)} calls/s`,
    ]);

    for (const n of [10, 100, 1000]) {
      const farmId = newId('farm');
      await fill(driver, accountId, farmId, n);
      const perSecond = await rate(async () => {
        const listed = await driver.listInstances(REGION, { accountId, farmId });
        if (listed.length !== n) throw new Error(`listed ${listed.length} of ${n}`);
      }, seconds * 1000);
      rows.push([
        `listInstances, ${n} matching (of ${sandbox.instances().length} in the sandbox)`,
        `${perSecond.toFixed(1)} calls/s`,
      ]);
    }
    const pages = createAwsDriver(accessKeyCredentials(sandbox.url), { pageSize: 100 });
    const farmId = newId('farm');
    await fill(driver, accountId, farmId, 1000);
    const paged = await rate(() => pages.listInstances(REGION, { accountId, farmId }), seconds * 1000);
    rows.push(['listInstances, 1000 matching in pages of 100', `${paged.toFixed(1)} calls/s`]);

    // The reconciliation chaos tests' weather: 20 callers, 30 % throttled, 10 % 5xx, SDK retries on.
    const chaosFarm = newId('farm');
    await fill(driver, accountId, chaosFarm, 10);
    for (const retryMode of ['adaptive', 'standard'] as const) {
      const chaosDriver = createAwsDriver(accessKeyCredentials(sandbox.url), { retryMode });
      sandbox.setFaults({ throttleShare: 0.3, errorShare: 0.1 });
      let failed = 0;
      let total = 0;
      const chaotic = await rate(
        async () => {
          total += 1;
          await chaosDriver.listInstances(REGION, { accountId, farmId: chaosFarm }).catch(() => {
            failed += 1;
          });
        },
        seconds * 1000,
        20,
      );
      sandbox.clearFaults();
      rows.push([
        `listInstances, 20 callers, 30 % throttled + 10 % 5xx, ${retryMode} retries`,
        `${chaotic.toFixed(1)} calls/s, ${((failed / total) * 100).toFixed(1)} % failing after SDK retries`,
      ]);
    }
  } finally {
    await sandbox.stop();
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`AWS driver against the EC2 sandbox (Node ${process.version}, ${seconds}s per figure)`);
  for (const [what, figure] of rows) console.log(`  ${what.padEnd(width)}  ${figure}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
