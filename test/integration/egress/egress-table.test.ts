// One egress guard for every URL a tenant sets, in local runtimes started hosted (DROVER_HOSTED=1):
// cloud credentials endpoints (EC2, STS assume-role, GCE) and webhook endpoints are refused at
// save (422 at the field) when they reach metadata, loopback, private or otherwise non-public
// addresses — however spelt — and again at connect after a fresh resolution (DNS rebinding),
// so the platform never sends a request there. The operator's allow-list lets the sandbox clouds
// through; assumed-role credentials never get a custom endpoint; a failed "Test connection"
// says what failed in Drover's words, never the endpoint's.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsResolver } from '../../../functions/adapters/egress/dns-resolver';
import type { HostResolver } from '../../../functions/ports/host-resolver';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsAssumeRoleCredentials, gceCredentials } from '../../support/fixtures';
import { startTestRuntime } from '../../support/local-runtime';

const PUBLIC_IP = '93.184.216.34';
const rebound = new Set<string>();

/** The system resolver, plus names of our own: one public, one public at save and loopback after. */
const resolver: HostResolver = {
  async resolve(hostname) {
    if (hostname === 'public.example') return [{ address: PUBLIC_IP, family: 4 }];
    if (hostname.endsWith('.rebind.example')) {
      const first = !rebound.has(hostname);
      rebound.add(hostname);
      return [{ address: first ? PUBLIC_IP : '127.0.0.1', family: 4 }];
    }
    return createDnsResolver().resolve(hostname);
  },
};

/** A stand-in for whatever a tenant points at: records every request and answers like a metadata service. */
interface Trap {
  url: string;
  port: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}
const SECRET_TEXT = 'AKIA-METADATA-ROLE-SECRET-0123';
async function startTrap(status = 400): Promise<Trap> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(
        `<Response><Errors><Error><Code>InvalidToken</Code><Message>${SECRET_TEXT}</Message></Error></Errors></Response>`,
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const awsKeys = (endpoint: string) => awsAccessKeyCredentials(endpoint);
const awsRole = (endpoint: string) => ({ ...awsAssumeRoleCredentials(), endpoint });
const gce = (endpoint: string) => gceCredentials(endpoint);
const CREDENTIALS = [
  ['EC2 access keys', awsKeys],
  ['STS assume-role', awsRole],
  ['GCE', gce],
] as const;

// Every spelling the WHATWG URL parser and the address classes must see through.
const FORBIDDEN: [url: string, why: string][] = [
  ['http://169.254.169.254/latest/meta-data/', 'metadata'],
  ['https://127.0.0.1/', 'loopback'],
  ['https://[::1]/', 'loopback'],
  ['https://localhost/', 'loopback'],
  ['https://10.0.0.5/', 'private'],
  ['https://172.16.4.4/', 'private'],
  ['https://192.168.1.10/', 'private'],
  ['https://100.64.0.1/', 'cgnat'],
  ['https://2130706433/', 'loopback'], // decimal 127.0.0.1
  ['https://0x7f000001/', 'loopback'], // hex
  ['https://0177.0.0.1/', 'loopback'], // octal
  ['https://[::ffff:127.0.0.1]/', 'loopback'], // IPv4-mapped
  ['https://[64:ff9b::7f00:1]/', 'loopback'], // NAT64
  ['https://[2002:7f00:1::]/', 'loopback'], // 6to4
  ['https://[fd00:ec2::254]/', 'metadata'],
];

describe('hosted, no allow-list', () => {
  let rt: LocalRuntime;
  let api: ApiClient;
  let base: string;
  let trap: Trap;

  beforeAll(async () => {
    rt = await startTestRuntime({ hosted: true, resolver });
    api = apiClient(rt.apiUrl, rt.demo.token);
    base = `/v1/environments/${rt.demo.environmentId}`;
    trap = await startTrap();
  });
  afterAll(async () => {
    await rt?.stop();
    await trap?.close();
  });

  describe.each(CREDENTIALS)('%s credentials, on save', (_name, input) => {
    it.each(FORBIDDEN)('refuses %s (%s) with 422 at endpoint', async (url, why) => {
      const res = await api.post(`${base}/credentials`, input(url));
      expect(res.status).toBe(422);
      expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'endpoint' })]);
      if (_name !== 'STS assume-role') expect(res.body.issues[0].message).toContain(why);
    });

    it('refuses the sandbox on loopback (no allow-list), also on update', async () => {
      const res = await api.post(`${base}/credentials`, input(rt.sandboxes.ec2.url));
      expect(res.status).toBe(422);
      expect(res.body.issues[0].path).toBe('endpoint');
    });
  });

  it('seeds the demo without sandbox credentials the rules would refuse', () => {
    expect(rt.demo.awsCredentialsId).toBeUndefined();
    expect(rt.demo.gceCredentialsId).toBeUndefined();
  });

  it('refuses an assumed role with any custom endpoint, even a public one (the platform identity signs STS)', async () => {
    const res = await api.post(`${base}/credentials`, awsRole('https://public.example/'));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'endpoint' })]);
    expect(res.body.issues[0].message).toMatch(/assumed-role/);
    const plain = await api.post(`${base}/credentials`, awsAssumeRoleCredentials());
    expect(plain.status).toBe(201);
  });

  it('refuses an update to a forbidden endpoint', async () => {
    const created = await api.post(`${base}/credentials`, awsKeys('https://public.example/'));
    expect(created.status).toBe(201);
    const res = await api.put(`${base}/credentials/${created.body.id}`, awsKeys('http://169.254.169.254/'), {
      'if-match': '"1"',
    });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('endpoint');
  });

  describe.each([
    ['EC2 access keys', awsKeys],
    ['GCE', gce],
  ] as const)('%s credentials, at connect', (name, input) => {
    it('refuses a name public at save and loopback at connect (DNS rebinding): no request reaches it', async () => {
      const host = `${name.replace(/\W/g, '').toLowerCase()}.rebind.example`;
      const created = await api.post(`${base}/credentials`, input(`https://${host}:${trap.port}/`));
      expect(created.status).toBe(201);
      const before = trap.requests.length;
      const tested = await api.post(`${base}/credentials/${created.body.id}/test`);
      expect(tested.status).toBe(200);
      expect(tested.body.ok).toBe(false);
      expect(tested.body.message).toMatch(/hosted egress rules/);
      expect(trap.requests.length).toBe(before);
    });
  });

  it('STS at connect: assume-role credentials stored with an endpoint (before hosted mode) never send the platform session there', async () => {
    const now = new Date().toISOString();
    const credentials = {
      ...awsRole(trap.url),
      id: 'cred-01jdstoredrole000000000000',
      accountId: rt.demo.accountId,
      environmentId: rt.demo.environmentId,
      description: '',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await rt.deps.store.credentials.create({ credentials: credentials as never, sealedSecret: '' });
    const before = trap.requests.length;
    const tested = await api.post(`${base}/credentials/${credentials.id}/test`);
    expect(tested.body).toMatchObject({ ok: false });
    expect(tested.body.message).toMatch(/hosted egress rules/);
    expect(trap.requests.length).toBe(before);
  });

  it.each(FORBIDDEN)('webhook endpoint %s (%s): 422 at url through the same guard', async (url, why) => {
    const res = await api.post(`${base}/webhook-endpoints`, { url });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'url' })]);
    expect(res.body.issues[0].message).toContain(why);
  });
});

describe('hosted, allow-list 127.0.0.1/32 (the sandbox clouds)', () => {
  let rt: LocalRuntime;
  let api: ApiClient;
  let base: string;
  let trap: Trap;

  beforeAll(async () => {
    rt = await startTestRuntime({ hosted: true, egressAllow: '127.0.0.1/32', resolver });
    api = apiClient(rt.apiUrl, rt.demo.token);
    base = `/v1/environments/${rt.demo.environmentId}`;
    trap = await startTrap();
  });
  afterAll(async () => {
    await rt?.stop();
    await trap?.close();
  });

  it.each([
    ['EC2', () => rt.demo.awsCredentialsId],
    ['GCE', () => rt.demo.gceCredentialsId],
  ])('connects to the %s sandbox through the allow-list', async (_name, id) => {
    expect(id()).toBeDefined();
    const tested = await api.post(`${base}/credentials/${id()}/test`);
    expect(tested.body).toMatchObject({ ok: true });
    expect(tested.body.regions.length).toBeGreaterThan(0);
  });

  it.each([
    ['EC2 access keys', awsKeys],
    ['GCE', gce],
  ] as const)(
    'accepts %s credentials on the sandbox (http is allowed to an allow-listed network)',
    async (_n, input) => {
      const res = await api.post(`${base}/credentials`, input(rt.sandboxes.gce.url));
      expect(res.status).toBe(201);
    },
  );

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['https://10.0.0.5/', 'private'],
    ['https://[::1]/', 'loopback'], // ::1 is not 127.0.0.1/32
  ])('still refuses %s (%s)', async (url, why) => {
    const res = await api.post(`${base}/credentials`, awsKeys(url));
    expect(res.status).toBe(422);
    expect(res.body.issues[0]).toMatchObject({ path: 'endpoint' });
    expect(res.body.issues[0].message).toContain(why);
  });

  it('still refuses an assumed role with the sandbox endpoint', async () => {
    const res = await api.post(`${base}/credentials`, awsRole(rt.sandboxes.ec2.url));
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('endpoint');
  });

  it("Test connection names the status and code, never the endpoint's text", async () => {
    const created = await api.post(`${base}/credentials`, awsKeys(trap.url));
    expect(created.status).toBe(201);
    const tested = await api.post(`${base}/credentials/${created.body.id}/test`);
    expect(trap.requests.length).toBeGreaterThan(0);
    expect(tested.body.ok).toBe(false);
    expect(tested.body.message).toContain('HTTP 400');
    expect(tested.body.message).toContain('InvalidToken');
    expect(JSON.stringify(tested.body)).not.toContain(SECRET_TEXT);
    const regions = await api.get(`${base}/credentials/${created.body.id}/locations`);
    expect(regions.status).toBe(422);
    expect(JSON.stringify(regions.body)).not.toContain(SECRET_TEXT);
  });

  it('lets a webhook endpoint on the allow-listed network be saved', async () => {
    const res = await api.post(`${base}/webhook-endpoints`, { url: `${trap.url}/hook` });
    expect(res.status).toBe(201);
  });
});
