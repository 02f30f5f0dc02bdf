// The GCE sandbox's wire shapes, spoken to in raw HTTP: what a Compute Engine v1 client sees
// (operations, Google JSON errors, page tokens, requestId idempotency, the OAuth token
// endpoint) and the sandbox's own control API.
import { createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GceSandbox, sandboxServiceAccountKey } from '../../../sandbox/gce';

const PROJECT = 'wire-project';
const ZONE = 'us-central1-b';
const IMAGE = 'projects/debian-cloud/global/images/family/debian-12';

const sandbox = new GceSandbox({ timings: { bootMs: 40, shutdownMs: 40 } });
let api: string;

beforeAll(async () => {
  await sandbox.start();
  api = `${sandbox.url}/compute/v1/projects/${PROJECT}`;
});
afterAll(() => sandbox.stop());

type Json = Record<string, any>;

async function call(method: string, url: string, body?: unknown, token: string | null = 'static-test-token') {
  const res = await fetch(url, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // A 204 (the control API's DELETE) has no body to parse.
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Json };
}

let serial = 0;
function instanceBody(overrides: Json = {}): Json {
  return {
    name: `wire-${Date.now().toString(36)}-${serial++}`,
    machineType: `zones/${ZONE}/machineTypes/e2-small`,
    labels: { 'drover-farm': 'farm-wire', team: 'payments' },
    disks: [{ boot: true, autoDelete: true, initializeParams: { sourceImage: IMAGE } }],
    networkInterfaces: [{ network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT' }] }],
    metadata: { items: [{ key: 'startup-script', value: 'echo hi' }] },
    ...overrides,
  };
}

async function insertAndWait(body: Json, zone = ZONE): Promise<Json> {
  const { status, json: op } = await call('POST', `${api}/zones/${zone}/instances`, body);
  expect(status).toBe(200);
  const { json: done } = await call('POST', `${api}/zones/${zone}/operations/${op.name}/wait`);
  return done;
}

describe('GCE sandbox wire: instances and operations', () => {
  it('answers an insert with a running zone operation that wait brings to DONE', async () => {
    const body = instanceBody();
    const { status, json: op } = await call('POST', `${api}/zones/${ZONE}/instances`, body);
    expect(status).toBe(200);
    expect(op).toMatchObject({
      kind: 'compute#operation',
      operationType: 'insert',
      status: 'RUNNING',
      zone: `${api}/zones/${ZONE}`,
      targetLink: `${api}/zones/${ZONE}/instances/${body.name}`,
    });
    expect(op.name).toMatch(/^operation-\d+-[0-9a-f]{13}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(op.id).toMatch(/^\d+$/);

    const { json: done } = await call('POST', `${api}/zones/${ZONE}/operations/${op.name}/wait`);
    expect(done).toMatchObject({ name: op.name, status: 'DONE', progress: 100 });
    expect(done.error).toBeUndefined();
    const { json: got } = await call('GET', `${api}/zones/${ZONE}/operations/${op.name}`);
    expect(got.status).toBe('DONE');
  });

  it('reports an instance in compute#instance shape through PROVISIONING/STAGING to RUNNING', async () => {
    const body = instanceBody();
    await insertAndWait(body);
    const first = await call('GET', `${api}/zones/${ZONE}/instances/${body.name}`);
    expect(['STAGING', 'RUNNING']).toContain(first.json.status);
    await new Promise((r) => setTimeout(r, 60));
    const { json: instance } = await call('GET', `${api}/zones/${ZONE}/instances/${body.name}`);
    expect(instance).toMatchObject({
      kind: 'compute#instance',
      name: body.name,
      status: 'RUNNING',
      machineType: `${api}/zones/${ZONE}/machineTypes/e2-small`,
      labels: body.labels,
      metadata: { items: [{ key: 'startup-script', value: 'echo hi' }] },
      disks: [{ boot: true, autoDelete: true, diskSizeGb: '10', type: 'PERSISTENT' }],
    });
    expect(instance.id).toMatch(/^\d+$/);
    expect(instance.networkInterfaces[0].networkIP).toMatch(/^10\.128\.\d+\.\d+$/);
    expect(instance.networkInterfaces[0].accessConfigs[0].natIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(instance.creationTimestamp))).toBe(false);
  });

  it('returns the same operation for a repeated requestId and makes one instance', async () => {
    const body = instanceBody();
    const requestId = crypto.randomUUID();
    const url = `${api}/zones/${ZONE}/instances?requestId=${requestId}`;
    const [a, b] = await Promise.all([call('POST', url, body), call('POST', url, body)]);
    const c = await call('POST', url, body);
    expect(new Set([a.json.name, b.json.name, c.json.name]).size).toBe(1);
    expect(sandbox.instances().filter((i) => i.instanceId === body.name)).toHaveLength(1);

    const bad = await call('POST', `${api}/zones/${ZONE}/instances?requestId=not-a-uuid`, instanceBody());
    expect(bad.status).toBe(400);
  });

  it('answers 409 alreadyExists for a second insert of an existing name', async () => {
    const body = instanceBody();
    await insertAndWait(body);
    const { status, json } = await call('POST', `${api}/zones/${ZONE}/instances`, body);
    expect(status).toBe(409);
    expect(json.error).toMatchObject({
      code: 409,
      status: 'ALREADY_EXISTS',
      errors: [{ reason: 'alreadyExists', domain: 'global' }],
    });
    expect(json.error.message).toBe(
      `The resource 'projects/${PROJECT}/zones/${ZONE}/instances/${body.name}' already exists`,
    );
  });

  it('answers 404 notFound for an unknown instance or zone', async () => {
    const missing = await call('GET', `${api}/zones/${ZONE}/instances/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({
      code: 404,
      status: 'NOT_FOUND',
      errors: [{ reason: 'notFound' }],
    });
    const zone = await call('GET', `${api}/zones/mars-north1-a/instances`);
    expect(zone.status).toBe(404);
  });

  it.each([
    [
      'a malformed image',
      { disks: [{ boot: true, initializeParams: { sourceImage: 'no such image!' } }] },
      'sourceImage',
    ],
    ['an unknown machine type', { machineType: `zones/${ZONE}/machineTypes/z9-giant` }, 'machineType'],
    ['an uppercase label', { labels: { Team: 'x' } }, 'labels'],
    ['an invalid name', { name: 'Web_1' }, 'resource.name'],
    ['an unknown network', { networkInterfaces: [{ network: 'global/networks/nope' }] }, 'network'],
    [
      'an EBS disk type',
      {
        disks: [
          { boot: true, initializeParams: { sourceImage: IMAGE } },
          { initializeParams: { diskType: `zones/${ZONE}/diskTypes/gp3` } },
        ],
      },
      'diskType',
    ],
  ])('answers 400 invalid for %s', async (_why, overrides, field) => {
    const { status, json } = await call('POST', `${api}/zones/${ZONE}/instances`, instanceBody(overrides));
    expect(status).toBe(400);
    expect(json.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      errors: [{ reason: 'invalid' }],
    });
    expect(json.error.message).toContain(field);
  });

  it('stops to TERMINATED, starts to RUNNING and deletes until the instance is gone', async () => {
    const body = instanceBody();
    await insertAndWait(body);
    const url = `${api}/zones/${ZONE}/instances/${body.name}`;
    await new Promise((r) => setTimeout(r, 60));

    const stop = await call('POST', `${url}/stop`);
    expect(stop.json).toMatchObject({ operationType: 'stop' });
    expect((await call('GET', url)).json.status).toBe('STOPPING');
    await call('POST', `${api}/zones/${ZONE}/operations/${stop.json.name}/wait`);
    const stopped = (await call('GET', url)).json;
    expect(stopped.status).toBe('TERMINATED');
    expect(stopped.networkInterfaces[0].accessConfigs[0].natIP).toBeUndefined();

    const reset = await call('POST', `${url}/reset`);
    expect(reset.status).toBe(400);
    expect(reset.json.error.errors[0].reason).toBe('resourceNotReady');

    const start = await call('POST', `${url}/start`);
    await call('POST', `${api}/zones/${ZONE}/operations/${start.json.name}/wait`);
    expect(['STAGING', 'RUNNING']).toContain((await call('GET', url)).json.status);

    const del = await call('DELETE', url);
    expect(del.json).toMatchObject({ operationType: 'delete' });
    const done = await call('POST', `${api}/zones/${ZONE}/operations/${del.json.name}/wait`);
    expect(done.json.status).toBe('DONE');
    expect((await call('GET', url)).status).toBe(404);
    expect(sandbox.instances().find((i) => i.instanceId === body.name)?.state).toBe('terminated');
  });
});

describe('GCE sandbox wire: lists', () => {
  const farm = `farm-pages-${Date.now()}`;

  beforeAll(async () => {
    for (let i = 0; i < 5; i++)
      await insertAndWait(instanceBody({ labels: { 'drover-farm': farm, n: String(i) } }));
    await insertAndWait(
      instanceBody({
        labels: { 'drover-farm': farm, n: 'eu' },
        machineType: 'zones/europe-west1-c/machineTypes/e2-small',
      }),
      'europe-west1-c',
    );
  });

  it('pages with maxResults and nextPageToken, without repeats', async () => {
    const filter = encodeURIComponent(`labels.drover-farm = "${farm}"`);
    const names: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const { json } = await call(
        'GET',
        `${api}/zones/${ZONE}/instances?filter=${filter}&maxResults=2${token && `&pageToken=${token}`}`,
      );
      expect(json.kind).toBe('compute#instanceList');
      names.push(...json.items.map((i: Json) => i.name));
      token = json.nextPageToken ?? '';
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(5);
  });

  it('refuses a bad page token and an oversized page', async () => {
    expect((await call('GET', `${api}/zones/${ZONE}/instances?pageToken=garbage`)).status).toBe(400);
    expect((await call('GET', `${api}/zones/${ZONE}/instances?maxResults=501`)).status).toBe(400);
  });

  it.each([
    [`labels.drover-farm = "${'$'}FARM" AND labels.n = "1"`, 1],
    [`(labels.drover-farm = "${'$'}FARM") (labels.n != "1")`, 4],
    [`labels.drover-farm = "${'$'}FARM" AND (labels.n = "1" OR labels.n = "2")`, 2],
    [`labels.drover-farm eq "${'$'}FARM" AND labels.n eq "[0-2]"`, 3],
    [`labels.drover-farm = "${'$'}FARM" AND NOT labels.n = "0"`, 4],
  ])('filters with %s', async (expression, count) => {
    const filter = encodeURIComponent(expression.replace('$FARM', farm));
    const { json } = await call('GET', `${api}/zones/${ZONE}/instances?filter=${filter}`);
    expect(json.items ?? []).toHaveLength(count);
  });

  it('answers 400 for a malformed filter', async () => {
    const { status, json } = await call(
      'GET',
      `${api}/zones/${ZONE}/instances?filter=${encodeURIComponent('labels.x = ')}`,
    );
    expect(status).toBe(400);
    expect(json.error.message).toContain('filter');
  });

  it('aggregates across zones, with a warning for each zone without results', async () => {
    const filter = encodeURIComponent(`labels.drover-farm = "${farm}"`);
    const { json } = await call('GET', `${api}/aggregated/instances?filter=${filter}`);
    expect(json.kind).toBe('compute#instanceAggregatedList');
    expect(json.items[`zones/${ZONE}`].instances).toHaveLength(5);
    expect(json.items['zones/europe-west1-c'].instances).toHaveLength(1);
    expect(json.items['zones/us-central1-a'].warning.code).toBe('NO_RESULTS_ON_PAGE');

    const paged = await call('GET', `${api}/aggregated/instances?filter=${filter}&maxResults=4`);
    expect(paged.json.nextPageToken).toEqual(expect.any(String));
  });

  it('lists regions, zones, machine types, networks and subnetworks', async () => {
    const regions = (await call('GET', `${api}/regions`)).json;
    expect(regions.kind).toBe('compute#regionList');
    const central = regions.items.find((r: Json) => r.name === 'us-central1');
    expect(central.zones.map((z: string) => z.split('/').pop())).toEqual([
      'us-central1-a',
      'us-central1-b',
      'us-central1-c',
      'us-central1-f',
    ]);
    const zones = (await call('GET', `${api}/zones?filter=${encodeURIComponent('name = europe-west1-*')}`))
      .json;
    expect(zones.items.map((z: Json) => z.name)).toEqual([
      'europe-west1-b',
      'europe-west1-c',
      'europe-west1-d',
    ]);
    const types = (await call('GET', `${api}/zones/${ZONE}/machineTypes`)).json;
    expect(types.items.find((t: Json) => t.name === 'n2-standard-2')).toMatchObject({
      guestCpus: 2,
      memoryMb: 8192,
    });
    expect((await call('GET', `${api}/global/networks`)).json.items[0].name).toBe('default');
    expect((await call('GET', `${api}/regions/us-central1/subnetworks`)).json.items[0].ipCidrRange).toBe(
      '10.128.0.0/20',
    );
  });
});

describe('GCE sandbox wire: faults', () => {
  it('throttles with 429 RESOURCE_EXHAUSTED rateLimitExceeded and an ErrorInfo', async () => {
    sandbox.setFaults({ throttleShare: 1 });
    try {
      const { status, json } = await call('GET', `${api}/zones/${ZONE}/instances`);
      expect(status).toBe(429);
      expect(json.error).toMatchObject({
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }],
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }],
      });
    } finally {
      sandbox.clearFaults();
    }
  });

  it('fails with 500 INTERNAL or 503 UNAVAILABLE backendError', async () => {
    sandbox.setFaults({ errorShare: 1 });
    try {
      const { status, json } = await call('GET', `${api}/regions`);
      expect([500, 503]).toContain(status);
      expect(json.error.errors[0].reason).toBe('backendError');
      expect(['INTERNAL', 'UNAVAILABLE']).toContain(json.error.status);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('accepts an insert it cannot place and ends its operation with ZONE_RESOURCE_POOL_EXHAUSTED', async () => {
    sandbox.setFaults({ capacity: [{ instanceType: 'e2-small', zone: ZONE }] });
    try {
      const body = instanceBody();
      const { status, json: op } = await call('POST', `${api}/zones/${ZONE}/instances`, body);
      expect(status).toBe(200);
      const { json: done } = await call('POST', `${api}/zones/${ZONE}/operations/${op.name}/wait`);
      expect(done).toMatchObject({
        status: 'DONE',
        httpErrorStatusCode: 503,
        error: { errors: [{ code: 'ZONE_RESOURCE_POOL_EXHAUSTED' }] },
      });
      expect((await call('GET', `${api}/zones/${ZONE}/instances/${body.name}`)).status).toBe(404);
    } finally {
      sandbox.clearFaults();
    }
  });

  it('adds latency to API calls', async () => {
    sandbox.setFaults({ latencyMs: 120 });
    try {
      const started = performance.now();
      await call('GET', `${api}/regions`);
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      sandbox.clearFaults();
    }
  });
});

describe('GCE sandbox wire: credentials', () => {
  function assertion(
    key: { client_email: string; private_key: string; private_key_id?: string },
    aud: string,
  ) {
    const now = Math.floor(Date.now() / 1000);
    const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })).toString(
      'base64url',
    );
    const claims = {
      iss: key.client_email,
      scope: 'https://www.googleapis.com/auth/compute',
      aud,
      iat: now,
      exp: now + 3600,
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.private_key, 'base64url');
    return `${head}.${body}.${signature}`;
  }

  it('makes service-account keys that look like Google’s', () => {
    const key = sandboxServiceAccountKey(sandbox.url, PROJECT);
    expect(key).toMatchObject({
      type: 'service_account',
      project_id: PROJECT,
      client_email: `drover-sandbox@${PROJECT}.iam.gserviceaccount.com`,
      token_uri: `${sandbox.url}/token`,
    });
    expect(key.private_key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(key.private_key_id).toMatch(/^[0-9a-f]{40}$/);
  });

  it('exchanges a JWT-bearer grant for an access token the API accepts', async () => {
    const key = sandboxServiceAccountKey(sandbox.url, PROJECT);
    const res = await fetch(`${sandbox.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertion(key, key.token_uri as string),
      }),
    });
    const token = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number) });
    const body = instanceBody();
    const { json: op } = await call('POST', `${api}/zones/${ZONE}/instances`, body, token.access_token);
    expect(op.user).toBe(key.client_email);
  });

  it('refuses a grant signed with another key, and an unknown grant type', async () => {
    const key = sandboxServiceAccountKey(sandbox.url, PROJECT);
    const other = sandboxServiceAccountKey(sandbox.url, PROJECT);
    const forged = assertion({ ...key, private_key: other.private_key }, key.token_uri as string);
    const post = (form: Record<string, string>) =>
      fetch(`${sandbox.url}/token`, { method: 'POST', body: new URLSearchParams(form) });
    const refused = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: forged,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).error).toBe('invalid_grant');
    expect((await post({ grant_type: 'password' })).status).toBe(400);
  });

  it('answers 401 UNAUTHENTICATED without a bearer token, or with an expired JWT', async () => {
    const anonymous = await call('GET', `${api}/regions`, undefined, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });

    const stale = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: 'a@b.iam.gserviceaccount.com', exp: 1 }),
    ).toString('base64url')}.x`;
    expect((await call('GET', `${api}/regions`, undefined, stale)).status).toBe(401);
  });
});

describe('GCE sandbox control API', () => {
  const control = (method: string, path: string, body?: unknown) =>
    call(method, `${sandbox.url}/_sandbox${path}`, body, null);

  it('lists instances, kills one, and counts calls', async () => {
    const body = instanceBody();
    await insertAndWait(body);
    const listed = await control('GET', '/instances');
    expect(listed.json.find((i: Json) => i.instanceId === body.name)).toMatchObject({
      zone: ZONE,
      region: 'us-central1',
      instanceType: 'e2-small',
      userData: 'echo hi',
      tags: body.labels,
    });
    expect((await control('POST', `/instances/${body.name}/kill`)).json).toEqual({ killed: body.name });
    expect((await control('POST', '/instances/never-was/kill')).status).toBe(404);
    const { counts, recent } = (await control('GET', '/calls')).json;
    expect(counts['instances.insert']).toBeGreaterThan(0);
    expect(counts['zoneOperations.wait']).toBeGreaterThan(0);
    expect(recent.at(-1)).toMatchObject({ action: 'zoneOperations.wait', region: ZONE, status: 200 });
  });

  it('sets and clears faults and timings, refusing nonsense', async () => {
    expect((await control('PUT', '/faults', { throttleShare: 0.3, errorShare: 0.1 })).json).toMatchObject({
      throttleShare: 0.3,
      errorShare: 0.1,
      latencyMs: 0,
    });
    expect(sandbox.faults().throttleShare).toBe(0.3);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect(sandbox.faults().throttleShare).toBe(0);
    expect((await control('PUT', '/faults', { throttleShare: 2 })).status).toBe(400);
    expect((await control('PUT', '/timings', { bootMs: 40, shutdownMs: 40 })).json).toMatchObject({
      bootMs: 40,
    });
    expect((await control('PUT', '/timings', { bootMs: -1 })).status).toBe(400);
  });
});
