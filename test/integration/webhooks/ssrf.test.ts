// Hosted mode's SSRF rules, in a local runtime started hosted: endpoint URLs that are not https
// or that resolve to loopback, private, link-local, CGNAT, multicast or metadata addresses are
// refused at save (422 at `url`) and again at send, after a fresh resolution — including a name
// that resolved to a public address at save and to 127.0.0.1 at send (DNS rebinding).
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsResolver } from '../../../functions/adapters/egress/dns-resolver';
import type { Delivery } from '../../../functions/domain/schemas/webhook';
import type { HostResolver } from '../../../functions/ports/webhook-transport';
import { deliveryIdOf, sealContextOf } from '../../../functions/services/webhooks/deliver';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';
import { type Receiver, startReceiver } from '../../support/webhook-receiver';

const PUBLIC_IP = '93.184.216.34';
let lookups = 0;

/** The system resolver, plus two names of our own: one public, one that rebinds to loopback. */
const resolver: HostResolver = {
  async resolve(hostname) {
    if (hostname === 'public.example') return [{ address: PUBLIC_IP, family: 4 }];
    if (hostname === 'rebind.example')
      return [{ address: lookups++ === 0 ? PUBLIC_IP : '127.0.0.1', family: 4 }];
    return createDnsResolver().resolve(hostname);
  },
};

let rt: LocalRuntime;
let api: ApiClient;
let base: string;
let receiver: Receiver;

beforeAll(async () => {
  rt = await startTestRuntime({ hosted: true, resolver });
  api = apiClient(rt.apiUrl, rt.demo.token);
  base = `/v1/environments/${rt.demo.environmentId}`;
  receiver = await startReceiver(() => ({ status: 204 }));
});
afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});

describe('hosted mode, at save', () => {
  it.each([
    ['http://public.example/hook', 'https'],
    ['https://localhost/hook', '127.0.0.1'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['https://169.254.169.254/latest/meta-data/', 'metadata'],
    ['https://[fd00:ec2::254]/', 'metadata'],
    ['https://10.0.0.5/hook', 'private'],
    ['https://192.168.1.10/hook', 'private'],
    ['https://100.64.0.1/hook', 'cgnat'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://224.0.0.1/hook', 'multicast'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://no-such-host.invalid/hook', 'does not resolve'],
  ])('refuses %s (%s) with 422 at url', async (url, why) => {
    const res = await api.post(`${base}/webhook-endpoints`, { url });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ in: 'body', path: 'url' })]);
    expect(res.body.issues[0].message).toContain(why);
  });

  it('refuses the same on update', async () => {
    const created = await api.post(`${base}/webhook-endpoints`, { url: 'https://public.example/hook' });
    expect(created.status).toBe(201);
    const res = await api.put(
      `${base}/webhook-endpoints/${created.body.id}`,
      { url: 'https://127.0.0.1/hook' },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('url');
  });
});

describe('hosted mode, at send', () => {
  async function subscribe(endpointId: string, name: string) {
    const webhook = await api.post(`${base}/webhooks`, { name, endpointIds: [endpointId], events: [name] });
    expect(webhook.status).toBe(201);
  }

  async function finished(deliveryId: string): Promise<Delivery> {
    for (let i = 0; i < 200; i++) {
      const res = await api.get<Delivery>(`${base}/deliveries/${deliveryId}`);
      if (res.status === 200 && ['succeeded', 'failed'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`delivery ${deliveryId} did not finish`);
  }

  const fire = async (name: string) => {
    const id = ulid();
    await rt.bus.publish([
      {
        id,
        name,
        accountId: rt.demo.accountId,
        environmentId: rt.demo.environmentId,
        actor: 'system',
        message: '',
        payload: {},
        at: new Date().toISOString(),
      },
    ]);
    return id;
  };

  it('refuses a name that resolved to a public address at save and to loopback at send (DNS rebinding)', async () => {
    lookups = 0;
    const created = await api.post(`${base}/webhook-endpoints`, {
      url: `https://rebind.example:${receiver.port}/hook`,
    });
    expect(created.status).toBe(201);
    await subscribe(created.body.id, 'RebindThing');
    const eventId = await fire('RebindThing');
    const delivery = await finished(deliveryIdOf(eventId, created.body.id));
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ outcome: 'refused', httpStatus: null, nextRetryAt: null });
    expect(delivery.attempts[0]!.error).toContain('127.0.0.1 is a loopback address');
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses `localhost` at send for an endpoint stored before hosted mode', async () => {
    // Written to the store directly: the API would refuse it, as the test above shows.
    const now = new Date().toISOString();
    const endpoint = {
      id: 'whe-01jdlocalhost0000000000000',
      accountId: rt.demo.accountId,
      environmentId: rt.demo.environmentId,
      url: `https://localhost:${receiver.port}/hook`,
      description: '',
      enabled: true,
      headers: {},
      timeoutSeconds: 2,
      secretHint: 'abcd',
      secretRotatedAt: now,
      previousSecretExpiresAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await rt.deps.store.webhookEndpoints.create({
      endpoint,
      sealedSecret: await rt.deps.secrets.seal('whsec_x', sealContextOf(endpoint)),
      sealedPreviousSecret: null,
    });
    await subscribe(endpoint.id, 'LocalhostThing');
    const delivery = await finished(deliveryIdOf(await fire('LocalhostThing'), endpoint.id));
    expect(delivery.attempts).toMatchObject([{ outcome: 'refused' }]);
    expect(delivery.attempts[0]!.error).toMatch(
      /localhost resolves to a forbidden address: .* is a loopback address/,
    );
    const tested = await api.post<Delivery>(`${base}/webhook-endpoints/${endpoint.id}/test`);
    expect(tested.body.attempts).toMatchObject([{ outcome: 'refused' }]);
    expect(receiver.requests).toHaveLength(0);
  });
});
