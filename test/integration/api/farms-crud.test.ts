// Farms end to end over HTTP against the local runtime: create → read → update with If-Match
// → a stale If-Match is refused → list with pagination → delete.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';
import { NOWHERE_CLOUD } from '../../support/route-samples';

let rt: LocalRuntime;
let api: ApiClient;
let envId: string;
let roleId: string;
let credId: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  envId = rt.demo.environmentId;
  roleId = (await api.post('/v1/roles', role(envId))).body.id;
  credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials(NOWHERE_CLOUD)))
    .body.id;
});
afterAll(() => rt?.stop());

describe('farms over HTTP', () => {
  it('creates, reads, updates with If-Match, refuses a stale update and deletes a farm', async () => {
    const created = await api.post(
      `/v1/environments/${envId}/farms`,
      farm('crud-1', [awsFarmRole(roleId, credId)]),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'crud-1',
      status: 'Terminated',
      version: 1,
      environmentId: envId,
    });
    const farmRoleId = created.body.farmRoles[0].id;
    expect(farmRoleId).toMatch(/^fr-/);

    const read = await api.get(`/v1/farms/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const spec = {
      ...farm('crud-1', [
        { ...awsFarmRole(roleId, credId), id: farmRoleId, minInstances: 2, maxInstances: 3 },
      ]),
    };
    const updated = await api.put(`/v1/farms/${created.body.id}`, spec, {
      'if-match': read.headers.get('etag')!,
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body.farmRoles[0]).toMatchObject({ id: farmRoleId, minInstances: 2, maxInstances: 3 });

    const stale = await api.put(`/v1/farms/${created.body.id}`, spec, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 2 });

    const missing = await api.put(`/v1/farms/${created.body.id}`, spec);
    expect(missing.status).toBe(428);

    const deleted = await api.delete(`/v1/farms/${created.body.id}`, { 'if-match': '"2"' });
    expect(deleted.status).toBe(204);
    expect((await api.get(`/v1/farms/${created.body.id}`)).status).toBe(404);
  });

  it('lists farms page by page with a cursor, each farm once', async () => {
    for (let i = 0; i < 5; i++)
      expect((await api.post(`/v1/environments/${envId}/farms`, farm(`page-${i}`))).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.get(
        `/v1/environments/${envId}/farms?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((f: { name: string }) => f.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']));
  });

  it('refuses a cursor from another listing', async () => {
    const first = await api.get(`/v1/environments/${envId}/farms?limit=1`);
    const foreign = Buffer.from(
      JSON.stringify({ gsi1pk: 'ACC#acc-other#ENV#env-other', gsi1sk: 'FARM#x', pk: 'x', sk: 'y' }),
    ).toString('base64url');
    const res = await api.get(`/v1/environments/${envId}/farms?limit=1&cursor=${foreign}`);
    expect(first.status).toBe(200);
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ path: 'cursor' });
  });

  it('keeps farm names unique in an environment', async () => {
    expect((await api.post(`/v1/environments/${envId}/farms`, farm('unique-1'))).status).toBe(201);
    const again = await api.post(`/v1/environments/${envId}/farms`, farm('Unique-1'));
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already exists');
  });

  it('refuses to delete a farm that is not Terminated', async () => {
    const created = await api.post(`/v1/environments/${envId}/farms`, farm('running-1'));
    const stored = await rt.deps.store.farms.get({ accountId: rt.demo.accountId }, created.body.id);
    await rt.deps.store.farms.update({ ...stored!, status: 'Running', version: 2 }, 1, stored!.name);
    const res = await api.delete(`/v1/farms/${created.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('terminate it');
  });

  it('explains references that do not fit with field paths (422)', async () => {
    const res = await api.post(
      `/v1/environments/${envId}/farms`,
      farm('bad-refs', [
        awsFarmRole(roleId, credId, { region: 'eu-west-1', zones: ['eu-west-1a'] }),
        awsFarmRole('role-00000000000000000000000000', credId, { alias: 'other' }),
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'farmRoles.0.region',
          message: expect.stringContaining('no aws image for eu-west-1'),
        }),
        expect.objectContaining({ path: 'farmRoles.1.roleId' }),
      ]),
    );
  });

  it('refuses to delete a role or credentials a farm uses, naming the farm', async () => {
    await api.post(`/v1/environments/${envId}/farms`, farm('uses-refs', [awsFarmRole(roleId, credId)]));
    const role409 = await api.delete(`/v1/roles/${roleId}`);
    expect(role409.status).toBe(409);
    expect(role409.body.detail).toContain('uses-refs');
    const cred409 = await api.delete(`/v1/environments/${envId}/credentials/${credId}`);
    expect(cred409.status).toBe(409);
    expect(cred409.body.detail).toContain('used by farm');
  });
});
