// OpenStack credentials through the API: the password or application credential secret goes in
// and never comes out, bad input names its field, and Test connection, regions with zones and
// flavors come from an OpenStack sandbox through the real driver and client.
import { describe, expect, it } from 'vitest';
import { OpenStackSandbox } from '../../../sandbox/openstack';
import { credentialsWorld } from './credentials-world';

const sandbox = new OpenStackSandbox();
const world = credentialsWorld(sandbox);

const withPassword = () => ({
  platform: 'openstack',
  name: 'private-cloud',
  authUrl: sandbox.authUrl,
  region: 'RegionOne',
  auth: { type: 'password', username: 'ops', password: 'keystone-password-0042', projectName: 'web' },
});

const withApplicationCredential = () => ({
  platform: 'openstack',
  name: 'private-cloud-ac',
  authUrl: sandbox.authUrl,
  region: 'RegionOne',
  auth: {
    type: 'applicationCredential',
    applicationCredentialId: 'a1b2c3d4e5',
    applicationCredentialSecret: 'application-secret-0042',
  },
});

describe('OpenStack credentials', () => {
  it.each([
    ['a password', withPassword, 'keystone-password-0042', 'passwordSet'],
    [
      'an application credential secret',
      withApplicationCredential,
      'application-secret-0042',
      'applicationCredentialSecretSet',
    ],
  ])('never return %s', async (_name, inputOf, secret, flag) => {
    const created = await world.api.post(world.base, inputOf());
    expect(created.status).toBe(201);
    const read = await world.api.get(`${world.base}/${created.body.id}`);
    for (const res of [created, read, await world.api.get(world.base)])
      expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(read.body.auth[flag]).toBe(true);
    expect(read.body).toMatchObject({ authUrl: sandbox.authUrl, region: 'RegionOne' });
  });

  it('tests the connection by listing the cloud’s regions', async () => {
    const created = await world.api.post(world.base, withPassword());
    const tested = await world.api.post(`${world.base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      ok: true,
      platform: 'openstack',
      regions: ['RegionOne', 'RegionTwo'],
    });
  });

  it('lists regions with their availability zones, and flavors as instance types', async () => {
    const created = await world.api.post(world.base, withApplicationCredential());
    const locations = await world.api.get(`${world.base}/${created.body.id}/locations`);
    expect(locations.body.items).toEqual([
      { region: 'RegionOne', zones: ['az-2', 'nova'] },
      { region: 'RegionTwo', zones: ['nova'] },
    ]);
    const types = await world.api.get(`${world.base}/${created.body.id}/instance-types?region=RegionOne`);
    expect(types.body.items).toContainEqual({ name: 'm1.small', vcpus: 1, memoryMiB: 2048 });
  });

  it('reports a refused sign-in as a failed test, not an error', async () => {
    const input = withPassword();
    const created = await world.api.post(world.base, {
      ...input,
      auth: { ...input.auth, userDomain: 'Elsewhere' },
    });
    const tested = await world.api.post(`${world.base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
  });

  it.each([
    ['no auth URL', { authUrl: undefined }, 'authUrl'],
    ['an auth URL that is no URL', { authUrl: 'keystone' }, 'authUrl'],
    ['a CA bundle without certificates', { caBundle: 'hello' }, 'caBundle'],
  ])('refuses %s with a 400 naming the field', async (_why, change, path) => {
    const res = await world.api.post(world.base, { ...withPassword(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
