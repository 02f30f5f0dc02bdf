// What tells a farm that never ran from one that did, over HTTP against the local runtime: a new
// farm has no launchRequestedAt and reads "Never launched"; Launch records it at once, so a farm
// terminated before it ever reached Running still reads "Terminated"; a spec update keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmStatusLabel, NEVER_LAUNCHED } from '../../../functions/domain/farm-status-label';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { copyOfDemoFarm as copyOfDemoCopy } from '../../support/demo-farm-copy';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
}, 60_000);
afterAll(() => rt?.stop());

const copyOfDemoFarm = (name: string) => copyOfDemoCopy(rt, api, name);

describe('launch history of a farm', () => {
  it('has none on a new farm, which reads Never launched', async () => {
    const farm = await copyOfDemoFarm('history-new');
    expect(farm.status).toBe('Terminated');
    expect(farm.launchedAt).toBeNull();
    expect(farm).not.toHaveProperty('launchRequestedAt');
    expect(farmStatusLabel(farm)).toBe(NEVER_LAUNCHED);
  });

  it('records the launch request, kept through a terminate before Running and a spec update', async () => {
    const farm = await copyOfDemoFarm('history-relaunched');
    const before = Date.now();
    const launched = await api.call('POST', `/v1/farms/${farm.id}/launch`, { headers: { 'if-match': '*' } });
    expect(launched.status).toBeLessThan(300);
    expect(launched.body.status).toBe('Launching');
    expect(Date.parse(launched.body.launchRequestedAt)).toBeGreaterThanOrEqual(before - 1000);

    await api.call('POST', `/v1/farms/${farm.id}/terminate`, { headers: { 'if-match': '*' } });
    let current = (await api.get(`/v1/farms/${farm.id}`)).body;
    for (let i = 0; current.status !== 'Terminated' && i < 120; i++) {
      await new Promise((ok) => setTimeout(ok, 500));
      current = (await api.get(`/v1/farms/${farm.id}`)).body;
    }
    expect(current.status).toBe('Terminated');
    expect(current.launchRequestedAt).toBe(launched.body.launchRequestedAt);
    expect(farmStatusLabel(current)).toBe('Terminated');

    const { name, description, farmRoles } = current;
    const updated = await api.call('PUT', `/v1/farms/${farm.id}`, {
      body: { name, description: `${description} (edited)`, farmRoles },
      headers: { 'if-match': `"${current.version}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.launchRequestedAt).toBe(launched.body.launchRequestedAt);
  });
});
