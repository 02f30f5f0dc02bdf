// What access control costs: the pure can() decision, and GET of a farm over HTTP as the owner,
// as a developer (teams and grants resolved per request), and with an API token (found by the
// hash of its secret), plus a developer's filtered farm list. Local runtime, dynalite in memory.
// Run: npx tsx test/bench/access.bench.ts
import { BUILT_IN_ACL_ROLES, can } from '../../functions/domain/access';
import { startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { invokedDirectly, measure, printFigures } from './measure';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const DECISIONS = 200_000;

function benchCan(): void {
  const subject = {
    accountId: 'acc-1',
    userId: 'usr-1',
    accountRole: 'user' as const,
    teamIds: ['team-a', 'team-b'],
    grants: Array.from({ length: 10 }, (_, i) => ({
      teamId: i % 2 ? 'team-a' : 'team-b',
      environmentId: `env-${i}`,
      aclRole: i % 3 ? BUILT_IN_ACL_ROLES.developer : BUILT_IN_ACL_ROLES['read-only'],
    })),
  };
  const started = performance.now();
  let allowed = 0;
  for (let i = 0; i < DECISIONS; i++) {
    const decision = can(subject, i % 2 ? 'farms:launch' : 'farms:view', {
      accountId: 'acc-1',
      environmentId: `env-${i % 12}`,
      farm: { ownerId: 'usr-2', ownerTeamId: i % 4 ? 'team-a' : 'team-c' },
    });
    if (decision.allowed) allowed++;
  }
  const ms = performance.now() - started;
  console.log(
    `can(): ${DECISIONS} decisions (10 grants) in ${ms.toFixed(0)} ms = ${((DECISIONS / ms) * 1000).toFixed(0)}/s (${allowed} allowed)`,
  );
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  benchCan();
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const owner = apiClient(rt.apiUrl, rt.demo.token);
    const dev = rt.demo.users!.find((u) => u.role === 'developer-web')!;
    const developer = apiClient(rt.apiUrl, await rt.mintToken(dev.userId, rt.demo.accountId));
    const secret = (await owner.post('/v1/api-tokens', { name: 'bench' })).body.secret as string;
    const byToken = apiClient(rt.apiUrl, secret);
    const readOnly = rt.demo.users!.find((u) => u.role === 'read-only')!;
    const viewer = apiClient(rt.apiUrl, await rt.mintToken(readOnly.userId, rt.demo.accountId));
    const farm = `/v1/farms/${rt.demo.farmId}`;
    const list = `/v1/environments/${rt.demo.environmentId}/farms`;
    const rows = [
      await measure(
        'GET farm as owner (JWT)',
        COUNT,
        CONCURRENCY,
        async () => (await owner.get(farm)).status === 200,
      ),
      await measure(
        'GET farm as developer (JWT)',
        COUNT,
        CONCURRENCY,
        async () => (await developer.get(farm)).status === 200,
      ),
      await measure(
        'GET farm with an API token',
        COUNT,
        CONCURRENCY,
        async () => (await byToken.get(farm)).status === 200,
      ),
      await measure(
        'list farms as developer',
        COUNT,
        CONCURRENCY,
        async () => (await developer.get(list)).status === 200,
      ),
      await measure(
        'refused launch as read-only (403)',
        COUNT,
        CONCURRENCY,
        async () => (await viewer.post(`${farm}/launch`)).status === 403,
      ),
    ];
    console.log(`Access control over HTTP against the local runtime, ${CONCURRENCY} concurrent clients:`);
    printFigures(rows);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
