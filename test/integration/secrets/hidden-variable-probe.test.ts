// A hidden Global Variable cannot be read back through validation patterns: a pattern set at a lower
// scope is never matched against a hidden value inherited from above, so saving it answers the same
// for every guess (no 200-vs-422 oracle), the resolved view reports no mismatch for it, and a
// hidden variable's patterns are masked in that view like its value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { createSampleIds, type Ids } from '../../support/route-samples';

const SECRET = 'sk_live_q7';
let rt: LocalRuntime;
let api: ApiClient;
let ids: Ids;

async function put(path: string, variables: unknown[]) {
  const etag = (await api.get(path)).headers.get('etag')!;
  return api.put(path, { variables }, { 'if-match': etag });
}

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  ids = await createSampleIds(rt, api, 'hidden-probe');
  const account = await put('/v1/variables/account', [
    { name: 'API_KEY', value: SECRET, hidden: true, validationPattern: 'sk_live_[a-z0-9]{2}' },
  ]);
  expect(account.status).toBe(200);
});
afterAll(() => rt?.stop());

describe('a hidden value inherited from above', () => {
  const farmPath = () => `/v1/farms/${ids.farmId}/variables`;

  it('answers the same to every guessed pattern set below (no character-by-character oracle)', async () => {
    const answers = new Map<string, number>();
    for (const guess of ['s.*', 'x.*', 'sk_live_q.*', 'sk_live_z.*', `${SECRET}`, 'nothing']) {
      const res = await put(farmPath(), [{ name: 'API_KEY', validationPattern: guess }]);
      answers.set(guess, res.status);
    }
    expect(new Set(answers.values())).toEqual(new Set([200]));
  });

  it('reports no mismatch for it in the resolved view, and masks its patterns there', async () => {
    await put(farmPath(), [{ name: 'API_KEY', validationPattern: 'x.*' }]);
    const res = await api.get(`/v1/farms/${ids.farmId}/farm-roles/${ids.farmRoleId}/variables/resolved`);
    expect(res.status).toBe(200);
    const apiKey = res.body.variables.find((v: { name: string }) => v.name === 'API_KEY');
    expect(apiKey.problems).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain('sk_live');
    expect(JSON.stringify(res.body)).not.toContain('x.*');
    expect(apiKey.validationPatterns.every((p: { pattern: string }) => p.pattern === '******')).toBe(true);
  });

  it('still applies a pattern below to a value set below', async () => {
    const res = await put(farmPath(), [{ name: 'API_KEY', value: 'other', validationPattern: 'x.*' }]);
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('variables.0.value');
  });
});
