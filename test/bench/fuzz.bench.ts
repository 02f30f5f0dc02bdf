// The fuzz suite's figures without the test runner: requests, operations, time and the status
// histogram per caller (owner, developer, agent), over every operation of the served OpenAPI
// document, with the same cases and seed as test/integration/api/fuzz.test.ts.
// Run: npx tsx test/bench/fuzz.bench.ts
import { startLocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { casesFor, describeFigures, FUZZ_SEED, operationsOf, runCases } from '../support/api-fuzz';
import { createSampleIds } from '../support/route-samples';
import { invokedDirectly } from './measure';

export async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const rt = await startLocalRuntime({ port: 0, inMemory: true });
  try {
    const owner = apiClient(rt.apiUrl, rt.demo.token);
    const ids = await createSampleIds(rt, owner, 'fuzz-bench', {
      status: 'Running',
      instanceId: 'i-0fedcba9876543210',
    });
    const developer = rt.demo.users!.find((u) => u.role === 'developer-web')!;
    const developerToken = await rt.mintToken(developer.userId, rt.demo.accountId);
    const operations = operationsOf((await owner.get('/v1/openapi.json')).body);
    const callers = [
      { label: 'agent', token: ids.agentToken, agent: true, fields: 12, random: 20, heavy: true },
      { label: 'developer', token: developerToken, agent: false, fields: 1, random: 2, heavy: false },
      { label: 'owner', token: rt.demo.token, agent: false, fields: 4, random: 6, heavy: true },
    ];
    for (const c of callers) {
      const cases = operations
        .filter((o) => (o.route.auth === 'agent') === c.agent)
        .flatMap((o) =>
          casesFor(o, ids, `Bearer ${c.token}`, {
            fieldsPerBody: c.fields,
            randomValuesPerBody: c.random,
            seed: FUZZ_SEED,
            heavy: c.heavy,
          }),
        );
      const figures = await runCases(rt.url, cases, 6);
      console.log(describeFigures(c.label, figures));
      for (const f of figures.failures.slice(0, 10)) console.log('  ≥500', JSON.stringify(f));
    }
    const health = await fetch(`${rt.apiUrl}/v1/openapi.json`);
    console.log(`runtime after the fuzz: GET /api/v1/openapi.json → ${health.status}`);
  } finally {
    await rt.stop();
  }
}

if (invokedDirectly(import.meta.url)) await main();
