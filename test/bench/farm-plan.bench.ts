// Benchmark of plan before apply (issue 17): POST /api/v1/farms/{id}/plan over HTTP against the
// local runtime (dynalite in memory) for one Running farm of 50 farm roles × 20 Running servers,
// the proposed spec raising every farm role's minimum by one (50 launches planned). The time is
// the whole request: authentication, the farm, 1,000 server records, policies and variables read,
// the planner and the answer. Figures only; no assertions.
// Run: npx tsx test/bench/farm-plan.bench.ts   (BENCH_ROLES=50 BENCH_SERVERS=20 BENCH_PLANS=20)
import type { Farm } from '../../functions/domain/schemas/farm';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../support/fixtures';
import { createServerRecord } from '../support/server-record';
import { invokedDirectly, measure, printFigures } from './measure';

const ROLES = Number(process.env.BENCH_ROLES ?? 50);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 20);
const PLANS = Number(process.env.BENCH_PLANS ?? 20);
// An endpoint that refuses at once: nothing here calls a cloud, and nothing may reach real AWS.
const NOWHERE_CLOUD = 'http://127.0.0.1:9';

async function seed(rt: LocalRuntime): Promise<{ farm: Farm; spec: unknown }> {
  const api = apiClient(rt.apiUrl, rt.demo.token);
  const envId = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', { ...role(envId), name: 'bench-plan' })).body.id;
  const credId = (
    await api.post(`/v1/environments/${envId}/credentials`, {
      ...awsAccessKeyCredentials(NOWHERE_CLOUD),
      name: 'bench-plan',
    })
  ).body.id;
  const roles = Array.from({ length: ROLES }, (_, i) =>
    awsFarmRole(roleId, credId, { alias: `tier-${i}`, minInstances: SERVERS, maxInstances: SERVERS + 1 }),
  );
  const created = (await api.post(`/v1/environments/${envId}/farms`, farm('bench-plan', roles))).body as Farm;
  const running: Farm = { ...created, status: 'Running', version: 2 };
  await rt.deps.store.farms.update(running, 1, created.name);
  for (const fr of running.farmRoles)
    for (let index = 1; index <= SERVERS; index++)
      await createServerRecord(
        rt.deps.store,
        { ...running, farmRoles: [fr] },
        {
          index,
          status: 'Running',
          instanceId: `i-${fr.id.slice(-8)}${String(index).padStart(9, '0')}`,
          farmRoleAlias: fr.alias,
        },
      );
  const spec = {
    ...farm('bench-plan', []),
    farmRoles: running.farmRoles.map((fr) => ({ ...fr, minInstances: SERVERS + 1 })),
  };
  return { farm: running, spec };
}

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const { farm: seeded, spec } = await seed(rt);
    const api = apiClient(rt.apiUrl, rt.demo.token);
    let launches = 0;
    const figures = await measure(`plan ${ROLES} farm roles × ${SERVERS} servers`, PLANS, 1, async () => {
      const res = await api.post(`/v1/farms/${seeded.id}/plan`, spec);
      launches = res.body.summary?.launch ?? -1;
      return res.status === 200;
    });
    printFigures([figures]);
    console.log(`planned launches per answer: ${launches} (expected ${ROLES})`);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
