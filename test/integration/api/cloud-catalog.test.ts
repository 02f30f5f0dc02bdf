// What a cloud offers through an environment's credentials — regions with zones, and a region's
// instance types — read from the sandbox clouds through the real drivers, for the portal's selects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}/credentials`;
});
afterAll(() => rt?.stop());

describe('the cloud catalog of credentials', () => {
  it.each([
    ['AWS', () => rt.demo.awsCredentialsId, 'us-east-1', 'us-east-1a'],
    ['GCE', () => rt.demo.gceCredentialsId, 'us-central1', 'us-central1-a'],
  ])('lists the regions and zones the %s sandbox offers', async (_name, credentialsId, region, zone) => {
    const res = await api.get(`${base}/${credentialsId()}/locations`);
    expect(res.status).toBe(200);
    const found = res.body.items.find((l: { region: string }) => l.region === region);
    expect(found.zones).toContain(zone);
    const regions = res.body.items.map((l: { region: string }) => l.region);
    expect(regions).toEqual([...regions].sort());
  });

  it.each([
    ['AWS', () => rt.demo.awsCredentialsId, 'us-east-1', 't3.small'],
    ['GCE', () => rt.demo.gceCredentialsId, 'us-central1', 'e2-small'],
  ])('lists the instance types of a region on %s', async (_name, credentialsId, region, type) => {
    const res = await api.get(`${base}/${credentialsId()}/instance-types?region=${region}`);
    expect(res.status).toBe(200);
    const found = res.body.items.find((t: { name: string }) => t.name === type);
    expect(found).toMatchObject({ name: type, vcpus: expect.any(Number), memoryMiB: expect.any(Number) });
  });

  it('asks for the region of instance types (400 naming the query parameter)', async () => {
    const res = await api.get(`${base}/${rt.demo.awsCredentialsId}/instance-types`);
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toMatchObject({ in: 'query', path: 'region' });
  });

  it('answers 422, not 500, when the cloud cannot be reached with the credentials', async () => {
    const created = await api.post(base, {
      platform: 'aws',
      name: 'unreachable',
      auth: {
        type: 'accessKey',
        accessKeyId: 'AKIAEXAMPLE000000009',
        secretAccessKey: 'not-a-real-secret-key',
      },
      endpoint: 'http://127.0.0.1:9',
    });
    const res = await api.get(`${base}/${created.body.id}/locations`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/could not list its regions/);
  });
});
