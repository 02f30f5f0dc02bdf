// API latency and throughput for GET and PUT of a farm, over HTTP against the local runtime
// (dynalite in memory), at a fixed concurrency. Run: npx tsx test/bench/api.bench.ts
import { startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../support/fixtures';
import { invokedDirectly, measure, printFigures } from './measure';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const envId = rt.demo.environmentId;
    const roleId = (await api.post('/v1/roles', role(envId))).body.id;
    const credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body
      .id;
    // One farm per worker for PUT, so writers never race on one version.
    const farms = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const spec = farm(`bench-${i}`, [awsFarmRole(roleId, credId)]);
        const created = await api.post(`/v1/environments/${envId}/farms`, spec);
        return {
          id: created.body.id as string,
          version: 1,
          spec: {
            ...spec,
            farmRoles: [{ ...(spec.farmRoles[0] as object), id: created.body.farmRoles[0].id }],
          },
        };
      }),
    );
    const get = await measure(
      'GET /v1/farms/{id}',
      COUNT,
      CONCURRENCY,
      async (i) => (await api.get(`/v1/farms/${farms[i % farms.length]!.id}`)).status === 200,
    );
    const put = await measure('PUT /v1/farms/{id} (If-Match)', COUNT, CONCURRENCY, async (i, worker) => {
      const f = farms[worker]!;
      const res = await api.put(
        `/v1/farms/${f.id}`,
        { ...f.spec, description: `rev ${i}` },
        { 'if-match': `"${f.version}"` },
      );
      if (res.status === 200) f.version = res.body.version;
      return res.status === 200;
    });
    console.log(
      `API over HTTP against the local runtime (dynalite in memory), ${CONCURRENCY} concurrent clients:`,
    );
    printFigures([get, put]);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
