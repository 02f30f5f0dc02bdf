// OpenStack credentials through the API: the password or application credential secret goes in
// and never comes out, bad input names its field, and Test connection, regions with zones and
// flavors come from an OpenStack sandbox through the real driver and client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { OpenStackSandbox } from '../../../sandbox/openstack';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let base: string;
const sandbox = new OpenStackSandbox();

beforeAll(async () => {
  await sandbox.start();
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}/credentials`;
});
afterAll(async () => {
  await rt?.stop();
  await sandbox.stop();
});

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
    const created = await api.post(base, inputOf());
    expect(created.status).toBe(201);
    const read = await api.get(`${base}/${created.body.id}`);
    for (const res of [created, read, await api.get(base)])
      expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(read.body.auth[flag]).toBe(true);
    expect(read.body).toMatchObject({ authUrl: sandbox.authUrl, region: 'RegionOne' });
  });

  it('tests the connection by listing the cloud’s regions', async () => {
    const created = await api.post(base, withPassword());
    const tested = await api.post(`${base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      ok: true,
      platform: 'openstack',
      regions: ['RegionOne', 'RegionTwo'],
    });
  });

  it('lists regions with their availability zones, and flavors as instance types', async () => {
    const created = await api.post(base, withApplicationCredential());
    const locations = await api.get(`${base}/${created.body.id}/locations`);
    expect(locations.body.items).toEqual([
      { region: 'RegionOne', zones: ['az-2', 'nova'] },
      { region: 'RegionTwo', zones: ['nova'] },
    ]);
    const types = await api.get(`${base}/${created.body.id}/instance-types?region=RegionOne`);
    expect(types.body.items).toContainEqual({ name: 'm1.small', vcpus: 1, memoryMiB: 2048 });
  });

  it('reports a refused sign-in as a failed test, not an error', async () => {
    const input = withPassword();
    const created = await api.post(base, { ...input, auth: { ...input.auth, userDomain: 'Elsewhere' } });
    const tested = await api.post(`${base}/${created.body.id}/test`, {});
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(false);
  });

  it.each([
    ['no auth URL', { authUrl: undefined }, 'authUrl'],
    ['an auth URL that is no URL', { authUrl: 'keystone' }, 'authUrl'],
    ['a CA bundle without certificates', { caBundle: 'hello' }, 'caBundle'],
  ])('refuses %s with a 400 naming the field', async (_why, change, path) => {
    const res = await api.post(base, { ...withPassword(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
