// The fuzz suite: every operation of the served OpenAPI document, as the owner, as a developer
// and (agent routes) as a server's agent, sent bad input of every kind (test/support/api-fuzz.ts).
// Not one answer may be ≥ 500, and the runtime must still answer afterwards. Deterministic
// (fixed cases, seeded random values) and bounded; the figures are printed, and
// `npx tsx test/bench/fuzz.bench.ts` prints them without the test runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import {
  casesFor,
  describeFigures,
  FUZZ_SEED,
  type FuzzCase,
  type FuzzFigures,
  operationsOf,
  runCases,
} from '../../support/api-fuzz';
import { startTestRuntime } from '../../support/local-runtime';
import { createSampleIds, type Ids } from '../../support/route-samples';

let rt: LocalRuntime;
let ids: Ids;
let developerToken: string;
let operations: ReturnType<typeof operationsOf>;

beforeAll(async () => {
  rt = await startTestRuntime();
  const owner = apiClient(rt.apiUrl, rt.demo.token);
  // A Running server with an instance on unreachable credentials: its reboot and terminate reach a cloud that fails.
  ids = await createSampleIds(rt, owner, 'fuzz', { status: 'Running', instanceId: 'i-0fedcba9876543210' });
  const developer = rt.demo.users!.find((u) => u.role === 'developer-web')!;
  developerToken = await rt.mintToken(developer.userId, rt.demo.accountId);
  const doc = await owner.get('/v1/openapi.json');
  expect(doc.status).toBe(200);
  operations = operationsOf(doc.body);
}, 120_000);
afterAll(() => rt?.stop());

const userCases = (
  token: string,
  fieldsPerBody: number,
  randomValuesPerBody: number,
  heavy: boolean,
): FuzzCase[] =>
  operations
    .filter((o) => o.route.auth !== 'agent')
    .flatMap((o) =>
      casesFor(o, ids, `Bearer ${token}`, { fieldsPerBody, randomValuesPerBody, seed: FUZZ_SEED, heavy }),
    );

function expectNoServerErrors(label: string, figures: FuzzFigures) {
  console.log(describeFigures(label, figures));
  expect(figures.failures.slice(0, 20), `${figures.failures.length} answers ≥ 500`).toEqual([]);
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers every route of the route table', () => {
    const documented = new Set(operations.map((o) => o.op.operationId));
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.map((o) => o.route.operationId).every((id) => documented.has(id))).toBe(true);
  });

  it('as a server agent (agent routes): no answer ≥ 500', async () => {
    const cases = operations
      .filter((o) => o.route.auth === 'agent')
      .flatMap((o) =>
        casesFor(o, ids, `Bearer ${ids.agentToken}`, {
          fieldsPerBody: 12,
          randomValuesPerBody: 20,
          heavy: true,
          seed: FUZZ_SEED,
        }),
      );
    expectNoServerErrors('agent', await runCases(rt.url, cases, 6));
  }, 120_000);

  it('as a developer: no answer ≥ 500', async () => {
    expectNoServerErrors(
      'developer',
      await runCases(
        rt.url,
        userCases(developerToken, 1, 2, false).filter((_c, i) => i % 4 === 0),
        6,
      ),
    );
  }, 600_000);

  it('as the owner: no answer ≥ 500, and the runtime still answers', async () => {
    expectNoServerErrors('owner', await runCases(rt.url, userCases(rt.demo.token, 4, 6, true), 6));
    const health = await fetch(`${rt.apiUrl}/v1/openapi.json`);
    expect(health.status).toBe(200);
  }, 900_000);
});
