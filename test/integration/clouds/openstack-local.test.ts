// `npm start`'s runtime starts the OpenStack sandbox with the others: its Keystone URL is
// `openstack` in the runtime's endpoints (endpoints.json), and the demo environment holds its
// credentials, whose Test connection lists the sandbox's regions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

describe('the OpenStack sandbox in the local runtime', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(() => rt?.stop());

  it('is listed as `openstack` in the endpoints, Keystone’s v3 URL answering its version document', async () => {
    expect(rt.endpoints.openstack).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/identity\/v3$/);
    const version = await fetch(rt.endpoints.openstack!, { headers: { accept: 'application/json' } });
    expect(await version.json()).toMatchObject({ version: { id: 'v3.14', status: 'stable' } });
  });

  it('gives the demo environment OpenStack credentials that pass Test connection', async () => {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const base = `/v1/environments/${rt.demo.environmentId}/credentials`;
    const listed = await api.get(base);
    const openstack = listed.body.items.find((c: { name: string }) => c.name === 'sandbox-openstack');
    expect(openstack).toMatchObject({
      platform: 'openstack',
      authUrl: rt.endpoints.openstack,
      region: 'RegionOne',
      auth: { type: 'password', username: 'demo', passwordSet: true },
    });
    const tested = await api.post(`${base}/${openstack.id}/test`, {});
    expect(tested.body).toMatchObject({ ok: true, regions: ['RegionOne', 'RegionTwo'] });
  });
});
