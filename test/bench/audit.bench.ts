// The audit log's cost: the pure diff of a large farm (50 farm roles, one field changed), audited
// farm updates over HTTP (each reads the farm before, writes it, stores an entry), and listing
// the log: the newest page, one farm's history (gsi1), and a user filter that matches 1 entry
// in 100 (a FilterExpression: a page then costs up to its read budget). Prints figures only.
// Run: npx tsx test/bench/audit.bench.ts
import { ulid } from 'ulid';
import { auditChanges } from '../../functions/domain/audit/changes';
import { startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../support/fixtures';
import { invokedDirectly, measure, printFigures } from './measure';

const WRITES = Number(process.env.BENCH_AUDIT_WRITES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const READS = Number(process.env.BENCH_REQUESTS ?? 200);

function diffFigures() {
  const farmRoles = Array.from({ length: 50 }, (_, i) => ({
    ...awsFarmRole('role-x', 'cred-x', { alias: `tier-${i}` }),
    id: `fr-${i}`,
    tags: { team: 'web', tier: String(i) },
  }));
  const before = { ...farm('big', farmRoles), id: 'farm-1', version: 3 };
  const after = {
    ...before,
    version: 4,
    farmRoles: farmRoles.map((fr, i) => (i === 25 ? { ...fr, maxInstances: 9 } : fr)),
  };
  for (let i = 0; i < 200; i++) auditChanges(before, after); // warm up
  const rounds = 2000;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) auditChanges(before, after);
  const perCall = (performance.now() - started) / rounds;
  console.log(
    `auditChanges, a 50-farm-role farm with one field changed: ${(perCall * 1000).toFixed(0)} µs per write`,
  );
}

export async function main(): Promise<void> {
  diffFigures();
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const envId = rt.demo.environmentId;
    const roleId = (await api.post('/v1/roles', role(envId))).body.id;
    const credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body
      .id;
    const farms = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, i) => {
        const spec = farm(`bench-audit-${i}`, [awsFarmRole(roleId, credId)]);
        const created = await api.post(`/v1/environments/${envId}/farms`, spec);
        return {
          id: created.body.id as string,
          version: 1,
          spec: { ...spec, farmRoles: created.body.farmRoles },
        };
      }),
    );
    const put = await measure('PUT /v1/farms/{id}, audited', WRITES, CONCURRENCY, async (i, worker) => {
      const f = farms[worker]!;
      const res = await api.put(
        `/v1/farms/${f.id}`,
        { ...f.spec, description: `rev ${i}` },
        { 'if-match': `"${f.version}"`, 'x-drover-client': i % 100 === 0 ? 'portal' : 'cli' },
      );
      if (res.status === 200) f.version = res.body.version;
      return res.status === 200;
    });
    // One entry in 100 by another user: the sparse filter of an audit.
    const other = 'usr-bench0000000000000000000001';
    for (let i = 0; i < WRITES / 100; i++)
      await rt.deps.store.audit.append({
        id: `aud-${ulid().toLowerCase()}`,
        accountId: rt.demo.accountId,
        environmentId: envId,
        at: new Date().toISOString(),
        actor: { userId: other, via: 'user' },
        source: { client: 'api' },
        action: 'updateFarm',
        resource: { type: 'farm', id: farms[0]!.id },
        changes: [],
        outcome: 200,
      });
    const newest = await measure('GET /v1/audit?limit=50', READS, CONCURRENCY, async () => {
      const res = await api.get('/v1/audit?limit=50');
      return res.status === 200 && res.body.items.length === 50;
    });
    const history = await measure('GET /v1/audit?resourceId=… (gsi1)', READS, CONCURRENCY, async (i) => {
      const res = await api.get(`/v1/audit?limit=50&resourceId=${farms[i % farms.length]!.id}`);
      return res.status === 200 && res.body.items.length > 0;
    });
    const sparse = await measure('GET /v1/audit?userId=… (1 in 100)', READS, CONCURRENCY, async () => {
      const res = await api.get(`/v1/audit?limit=50&userId=${other}`);
      return res.status === 200;
    });
    console.log(
      `Audit over HTTP against the local runtime (dynalite in memory), ${CONCURRENCY} concurrent clients, ${WRITES} entries:`,
    );
    printFigures([put, newest, history, sparse]);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
