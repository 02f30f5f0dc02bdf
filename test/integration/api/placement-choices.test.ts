// What a private cloud's farm role may be placed on, over HTTP from the sandbox clouds through the
// real drivers: OpenStack's Glance images, Neutron networks and security groups and Nova key pairs
// in RegionOne; CloudStack's templates and guest networks of a zone, security groups and SSH key
// pairs. Ids and names only (no secret); AWS credentials and unknown regions are refused with 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { DEBIAN_TEMPLATE_ID, SANDBOX_SECRET_KEY } from '../../../sandbox/cloudstack';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let base: string;
const credentialsOf: Record<string, string> = {};

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}/credentials`;
  for (const c of (await api.get(base)).body.items) credentialsOf[c.platform] = c.id;
});
afterAll(() => rt?.stop());

const choices = (platform: string, region: string) =>
  api.get(`${base}/${credentialsOf[platform]}/placement-choices?region=${encodeURIComponent(region)}`);
const names = (list: { name: string }[]) => list.map((x) => x.name);

describe('placement choices of private clouds', () => {
  it("lists OpenStack's images, networks, security groups and key pairs of a region", async () => {
    const res = await choices('openstack', 'RegionOne');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(names(res.body.images)).toEqual(
      expect.arrayContaining(['cirros-0.6.2-x86_64-disk', 'debian-12-genericcloud-amd64']),
    );
    expect(names(res.body.networks)).toEqual(expect.arrayContaining(['private', 'public']));
    expect(names(res.body.securityGroups)).toContain('default');
    expect(res.body.images[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
  });

  it("lists CloudStack's templates and guest networks of the zone, its security groups and key pairs", async () => {
    const res = await choices('cloudstack', 'zone-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      images: [
        { id: DEBIAN_TEMPLATE_ID, name: 'Debian 12 (sandbox)' },
        { id: expect.any(String), name: 'Rocky 9 (sandbox)' },
      ],
      networks: [{ id: expect.any(String), name: 'guest-net-1' }],
      securityGroups: [
        { id: expect.any(String), name: 'default' },
        { id: expect.any(String), name: 'web' },
      ],
      keyPairs: ['sandbox-key'],
    });
    expect(JSON.stringify(res.body)).not.toContain(SANDBOX_SECRET_KEY);
  });

  it('refuses a zone the cloud does not have, at the query field', async () => {
    const res = await choices('cloudstack', 'zone-9');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'query', path: 'region' })]);
  });

  it('refuses AWS credentials: their farm roles name ids from their own console', async () => {
    const aws = await api.post(base, {
      ...awsAccessKeyCredentials(rt.sandboxes.ec2.url),
      name: 'aws-choices',
    });
    expect(aws.status).toBe(201);
    const res = await api.get(`${base}/${aws.body.id}/placement-choices?region=us-east-1`);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'path', path: 'credentialsId' })]);
  });
});
