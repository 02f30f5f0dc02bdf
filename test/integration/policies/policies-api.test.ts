// Governance policies over HTTP: CRUD with If-Match, a 422 naming every violation when a farm
// that breaks a policy is saved (one row per rule kind), the live evaluate route, and lease
// extension requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, gceCredentials, role } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let envId: string;
let roleId: string;
let credId: string;
let gceCredId: string;
const policies = () => `/v1/environments/${envId}/policies`;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  envId = (await api.post('/v1/environments', { name: 'policies-api' })).body.id;
  roleId = (await api.post('/v1/roles', role(envId))).body.id;
  credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body.id;
  gceCredId = (await api.post(`/v1/environments/${envId}/credentials`, gceCredentials())).body.id;
});
afterAll(() => rt?.stop());

/** Policies a test made are removed after it, so each test meets only its own. */
const made: string[] = [];
afterEach(async () => {
  while (made.length) await api.delete(`${policies()}/${made.pop()}`, { 'if-match': '*' });
});
async function addPolicy(rule: unknown, extra: Record<string, unknown> = {}) {
  const res = await api.post(policies(), { name: `p-${made.length}-${Date.now()}`, rule, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  made.push(res.body.id);
  return res.body;
}

describe('policies over HTTP', () => {
  it('creates, reads, lists, updates with If-Match, refuses a stale update and a taken name, and deletes', async () => {
    const created = await api.post(policies(), {
      name: 'small instances',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.*'] },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'small instances',
      enabled: true,
      platform: null,
      version: 1,
    });
    const url = `${policies()}/${created.body.id}`;

    expect((await api.get(url)).body).toEqual(created.body);
    expect((await api.get(policies())).body.items.map((p: { id: string }) => p.id)).toContain(
      created.body.id,
    );

    const input = {
      name: 'small instances',
      platform: 'aws',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.micro'] },
    };
    const updated = await api.put(url, input, { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, platform: 'aws' });
    expect((await api.put(url, input, { 'if-match': '"1"' })).status).toBe(412);
    expect((await api.put(url, input)).status).toBe(428);

    const taken = await api.post(policies(), {
      name: 'Small Instances',
      rule: { kind: 'naming', farmNamePattern: '.+' },
    });
    expect(taken.status).toBe(409);

    expect((await api.delete(url, { 'if-match': '"2"' })).status).toBe(204);
    expect((await api.get(url)).status).toBe(404);
  });

  it.each([
    [
      'allowed-locations',
      { kind: 'allowed-locations', regions: ['eu-west-1'] },
      {},
      'farmRoles[0].region',
      ['eu-west-1'],
    ],
    [
      'allowed-instance-types',
      { kind: 'allowed-instance-types', instanceTypes: ['t3.micro'] },
      {},
      'farmRoles[0].instanceType',
      ['t3.micro'],
    ],
    [
      'allowed-roles',
      { kind: 'allowed-roles', roleIds: ['role-01jd7y9x2k0000000000000009'] },
      {},
      'farmRoles[0].roleId',
      ['role-01jd7y9x2k0000000000000009'],
    ],
    [
      'allowed-images',
      { kind: 'allowed-images', imageIds: ['ami-0fff*'] },
      {},
      'farmRoles[0].roleId',
      ['ami-0fff*'],
    ],
    [
      'enforced-network',
      { kind: 'enforced-network', subnetIds: ['subnet-0a0a0a0a0a0a0a0a0'] },
      { network: { subnetIds: ['subnet-0b0b0b0b0b0b0b0b0'] } },
      'farmRoles[0].network.subnetIds[0]',
      ['subnet-0a0a0a0a0a0a0a0a0'],
    ],
    [
      'enforced-security-groups',
      { kind: 'enforced-security-groups', securityGroupIds: ['sg-0123456789abcdef0'] },
      { network: { securityGroupIds: ['sg-0fffffffffffffff0'] } },
      'farmRoles[0].network.securityGroupIds',
      ['sg-0123456789abcdef0'],
    ],
    [
      'required-tags',
      { kind: 'required-tags', tags: [{ key: 'cost-center', pattern: 'cc-[0-9]+' }] },
      { tags: { 'cost-center': 'none' } },
      'farmRoles[0].tags.cost-center',
      undefined,
    ],
    ['max-instances', { kind: 'max-instances', perFarmRole: 1 }, {}, 'farmRoles[0].maxInstances', undefined],
    [
      'instance-identity',
      { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
      { iamInstanceProfile: 'admin' },
      'farmRoles[0].iamInstanceProfile',
      ['drover-web'],
    ],
    ['naming', { kind: 'naming', farmNamePattern: 'prod-.+' }, {}, 'name', undefined],
  ])(
    'refuses to save a farm that breaks %s (422 with the violation)',
    async (kind, rule, override, path, allowed) => {
      const policy = await addPolicy(rule);
      const spec = farm(`breaks-${kind}`, [awsFarmRole(roleId, credId, override)]);
      const res = await api.post(`/v1/environments/${envId}/farms`, spec);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('PolicyViolation');
      expect(res.body.violations).toEqual([
        expect.objectContaining({
          policyId: policy.id,
          policyName: policy.name,
          rule: kind,
          path,
          ...(allowed ? { allowed } : {}),
        }),
      ]);
      expect(res.body.issues).toEqual([
        expect.objectContaining({ in: 'body', path: path.replace(/\[(\d+)\]/g, '.$1') }),
      ]);
    },
  );

  it('refuses a GCE farm role whose own network tags leave out the enforced ones, and fills in none', async () => {
    const policy = await addPolicy({ kind: 'network-tags', networkTags: ['corp-fw'] }, { platform: 'gce' });
    const gce = (network: Record<string, unknown>) =>
      farm('gce-tags', [
        {
          ...awsFarmRole(roleId, gceCredId, {
            region: 'us-central1',
            zones: ['us-central1-a'],
            instanceType: 'e2-small',
          }),
          platform: 'gce',
          network,
        },
      ]);
    const refused = await api.post(`/v1/environments/${envId}/farms`, gce({ networkTags: ['web'] }));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      expect.objectContaining({
        policyId: policy.id,
        rule: 'network-tags',
        path: 'farmRoles[0].network.networkTags',
        allowed: ['corp-fw'],
      }),
    ]);
    const saved = await api.post(`/v1/environments/${envId}/farms`, gce({}));
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    await api.delete(`/v1/farms/${saved.body.id}`, { 'if-match': '*' });
  });

  it('refuses an update that breaks a policy, and a lease beyond the maximum', async () => {
    const created = await api.post(
      `/v1/environments/${envId}/farms`,
      farm('lease-check', [awsFarmRole(roleId, credId)]),
    );
    expect(created.status).toBe(201);
    await addPolicy({ kind: 'farm-lease', maxLifetimeHours: 24 });
    const tooLong = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const res = await api.put(
      `/v1/farms/${created.body.id}`,
      { ...farm('lease-check', [awsFarmRole(roleId, credId)]), leaseExpiresAt: tooLong },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { path: string }) => v.path)).toEqual(['leaseExpiresAt']);
    await api.delete(`/v1/farms/${created.body.id}`, { 'if-match': '*' });
  });

  it('evaluates a farm spec live: the violations, none when allowed, disabled policies ignored', async () => {
    const evaluate = (spec: unknown) => api.post(`${policies()}/evaluate`, spec);
    await addPolicy({ kind: 'allowed-locations', regions: ['eu-*'] }, { name: 'europe only' });
    await addPolicy({ kind: 'naming', farmNamePattern: 'never' }, { enabled: false });
    const res = await evaluate(farm('live', [awsFarmRole(roleId, credId)]));
    expect(res.status).toBe(200);
    expect(res.body.violations).toEqual([
      expect.objectContaining({
        policyName: 'europe only',
        rule: 'allowed-locations',
        path: 'farmRoles[0].region',
        allowed: ['eu-*'],
      }),
    ]);
    const inEurope = awsFarmRole(roleId, credId, { region: 'eu-west-1', zones: ['eu-west-1a'] });
    expect((await evaluate(farm('live', [inEurope]))).body).toEqual({ violations: [] });
  });

  it('takes lease extension requests; approving moves the lease on, a request is decided once', async () => {
    const created = (
      await api.post(`/v1/environments/${envId}/farms`, farm('leased', [awsFarmRole(roleId, credId)]))
    ).body;
    const base = `/v1/farms/${created.id}/lease-extensions`;
    const asked = await api.post(base, { hours: 6, reason: 'the demo moved to Friday' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', hours: 6, requestedBy: expect.any(String) });
    const denied = await api.post(base, { hours: 100, reason: 'forever' });

    const before = Date.now();
    const approved = await api.post(`${base}/${asked.body.id}/approve`, { comment: 'ok' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const lease = Date.parse((await api.get(`/v1/farms/${created.id}`)).body.leaseExpiresAt);
    expect(lease).toBeGreaterThanOrEqual(before + 6 * 3_600_000 - 1000);
    expect(lease).toBeLessThanOrEqual(Date.now() + 6 * 3_600_000 + 1000);

    expect((await api.post(`${base}/${denied.body.id}/deny`, {})).body.status).toBe('denied');
    expect((await api.post(`${base}/${asked.body.id}/deny`, {})).status).toBe(409);
    const list = (await api.get(base)).body.items.map((r: { status: string }) => r.status);
    expect(list).toEqual(['denied', 'approved']);
    const events = (await api.get(`/v1/farms/${created.id}/events`)).body.items.map(
      (e: { name: string }) => e.name,
    );
    expect(events).toEqual(
      expect.arrayContaining(['LeaseExtensionRequested', 'LeaseExtended', 'LeaseExtensionDenied']),
    );
  });
});
