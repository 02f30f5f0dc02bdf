// `npm start`'s runtime starts the CloudStack sandbox with the others: its API URL is `cloudstack`
// in the runtime's endpoints (endpoints.json), it takes the README's key pair, and the agent
// simulation watches it, and the demo environment holds its credentials, whose Test connection
// lists the sandbox's zones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudStackClient } from '../../../functions/adapters/clouds/cloudstack/client/client';
import { listOf, Zone } from '../../../functions/adapters/clouds/cloudstack/client/wire';
import type { LocalRuntime } from '../../../local/runtime';
import { SANDBOX_API_KEY, SANDBOX_SECRET_KEY } from '../../../sandbox/cloudstack';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

describe('the CloudStack sandbox in the local runtime', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(() => rt?.stop());

  it('is listed as `cloudstack` in the endpoints and answers signed calls with the README key pair', async () => {
    expect(rt.endpoints.cloudstack).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/api$/);
    const client = new CloudStackClient({
      endpoint: rt.endpoints.cloudstack!,
      apiKey: SANDBOX_API_KEY,
      secretKey: SANDBOX_SECRET_KEY,
      maxRetries: 0,
    });
    const zones = await client.call('listZones', {}, listOf('zone', Zone));
    expect(zones.items.map((z) => z.name)).toEqual(['zone-1', 'zone-2']);
  });

  it('gives the demo environment CloudStack credentials that pass Test connection', async () => {
    const api = apiClient(rt.apiUrl, rt.demo.token);
    const base = `/v1/environments/${rt.demo.environmentId}/credentials`;
    const listed = await api.get(base);
    const cloudstack = listed.body.items.find((c: { name: string }) => c.name === 'sandbox-cloudstack');
    expect(cloudstack).toMatchObject({
      platform: 'cloudstack',
      endpoint: rt.endpoints.cloudstack,
      secretKeySet: true,
    });
    const tested = await api.post(`${base}/${cloudstack.id}/test`, {});
    expect(tested.body).toMatchObject({ ok: true, regions: ['zone-1', 'zone-2'] });
  });
});
