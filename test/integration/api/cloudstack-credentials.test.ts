// CloudStack credentials through the API: the secret key goes in and never comes out, bad input
// names its field, and Test connection (zones), regions and service offerings come from a CloudStack
// sandbox through the real driver and signed client; a wrong secret is a failed test, not an error.
import { describe, expect, it } from 'vitest';
import { CloudStackSandbox, SANDBOX_API_KEY, SANDBOX_SECRET_KEY } from '../../../sandbox/cloudstack';
import { credentialsWorld } from './credentials-world';

const sandbox = new CloudStackSandbox();
const world = credentialsWorld(sandbox);

const input = (secretKey = SANDBOX_SECRET_KEY) => ({
  platform: 'cloudstack',
  name: `private-cloudstack-${Math.random().toString(36).slice(2, 8)}`,
  endpoint: sandbox.apiUrl,
  apiKey: SANDBOX_API_KEY,
  secretKey,
});

describe('CloudStack credentials', () => {
  it('never return the secret key', async () => {
    const created = await world.api.post(world.base, input());
    expect(created.status).toBe(201);
    const read = await world.api.get(`${world.base}/${created.body.id}`);
    for (const res of [created, read, await world.api.get(world.base)])
      expect(JSON.stringify(res.body)).not.toContain(SANDBOX_SECRET_KEY);
    expect(read.body).toMatchObject({
      endpoint: sandbox.apiUrl,
      apiKey: SANDBOX_API_KEY,
      secretKeySet: true,
    });
  });

  it('tests the connection by listing the cloud’s zones', async () => {
    const created = await world.api.post(world.base, input());
    const tested = await world.api.post(`${world.base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, platform: 'cloudstack', regions: ['zone-1', 'zone-2'] });
  });

  it('lists zones as regions and service offerings as instance types', async () => {
    const created = await world.api.post(world.base, input());
    const locations = await world.api.get(`${world.base}/${created.body.id}/locations`);
    expect(locations.body.items).toEqual([
      { region: 'zone-1', zones: ['zone-1'] },
      { region: 'zone-2', zones: ['zone-2'] },
    ]);
    const types = await world.api.get(`${world.base}/${created.body.id}/instance-types?region=zone-1`);
    expect(types.body.items).toContainEqual({ name: 'Small Instance', vcpus: 1, memoryMiB: 1024 });
  });

  it('reports a wrong secret key as a failed test, not an error', async () => {
    const created = await world.api.post(world.base, input('not-the-secret'));
    const tested = await world.api.post(`${world.base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
  });

  it.each([
    ['no endpoint', { endpoint: undefined }, 'endpoint'],
    ['an endpoint that is not the API URL', { endpoint: 'https://cloud.example.com/' }, 'endpoint'],
    ['no secret key', { secretKey: undefined }, 'secretKey'],
    ['an API key with spaces', { apiKey: 'a b' }, 'apiKey'],
  ])('refuses %s with a 400 naming the field', async (_why, change, path) => {
    const res = await world.api.post(world.base, { ...input(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
