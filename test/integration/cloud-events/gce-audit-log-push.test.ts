// The GCE push route (POST /api/v1/cloud-events/gce) over HTTP on the local runtime: a Pub/Sub
// push of a Cloud Audit Logs entry, with the OIDC token the GCE sandbox signs as Google would,
// wakes the farm of the instance it names; every other token is refused with a 401 problem,
// every malformed envelope with a 400 naming the field, and an instance Drover does not manage
// is acknowledged (204) so Pub/Sub does not retry it.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_EVENT_ROUTES } from '../../../functions/contract/cloud-event-routes';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { Server } from '../../../functions/domain/schemas/server';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import type { LocalRuntime } from '../../../local/runtime';
import { SANDBOX_GCE_PROJECT } from '../../../local/sandboxes';
import { auditLogEnvelope } from '../../../sandbox/gce/audit-log-push';
import { startTestRuntime } from '../../support/local-runtime';
import { rawRequest } from '../../support/raw-request';
import { createServerRecord } from '../../support/server-record';

const ROUTE = CLOUD_EVENT_ROUTES[0];
let rt: LocalRuntime;
let farm: Farm;
let server: Server;
const events: DroverEvent[] = [];

beforeAll(async () => {
  rt = await startTestRuntime();
  farm = (await rt.deps.store.farms.get({ accountId: rt.demo.accountId }, rt.demo.farmId))!;
  const worker = farm.farmRoles.find((fr) => fr.platform === 'gce')!;
  server = await createServerRecord(
    rt.deps.store,
    { ...farm, farmRoles: [worker] },
    {
      platform: 'gce',
      region: 'us-central1',
      zone: 'us-central1-a',
      instanceId: 'drover-push-test-1',
      status: 'Running',
    },
  );
  rt.bus.subscribe((event) => events.push(event));
}, 60_000);

afterAll(async () => {
  await rt?.stop();
});

const endpoint = () => `${rt.url}${ROUTE.path}`;

/** An envelope as the sandbox pushes it for `verb` on an instance. */
function envelope(verb: 'delete' | 'insert' | 'stop', instanceId = server.instanceId!, labels = {}) {
  return auditLogEnvelope(
    { endpoint: endpoint(), audience: endpoint(), serviceAccountEmail: '', project: SANDBOX_GCE_PROJECT },
    {
      instance: {
        instanceId,
        region: 'us-central1',
        zone: 'us-central1-a',
        state: verb === 'insert' ? 'pending' : 'terminated',
        instanceType: 'e2-small',
        imageId: '',
        privateIp: '10.0.0.2',
        publicIp: null,
        launchedAt: new Date().toISOString(),
        tags: labels,
        userData: null,
      },
      previous: verb === 'insert' ? null : 'running',
    },
    { verb, phase: 'last' },
  );
}

async function push(
  body: unknown,
  token: string | null | Promise<string> = rt.sandboxes.gce.auditLogs.token(),
) {
  const bearer = await token;
  const reply = await rawRequest(rt.url, 'POST', ROUTE.path, {
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: reply.status, type: String(reply.headers['content-type'] ?? ''), body: reply.body };
}

/** Events published while `act` ran and shortly after (the bus delivers at once). */
async function eventsDuring(act: () => Promise<unknown>): Promise<DroverEvent[]> {
  const before = events.length;
  await act();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return events.slice(before).filter((e) => e.name === 'CloudInstanceChanged');
}

describe('POST /api/v1/cloud-events/gce', () => {
  it("wakes the farm of a managed instance deleted behind Drover's back", async () => {
    let answer: Awaited<ReturnType<typeof push>> | undefined;
    const woken = await eventsDuring(async () => {
      answer = await push(envelope('delete'));
    });
    expect(answer?.status).toBe(204);
    expect(woken).toEqual([
      expect.objectContaining({
        accountId: farm.accountId,
        environmentId: farm.environmentId,
        farmId: farm.id,
        serverId: server.id,
        payload: expect.objectContaining({ platform: 'gce', method: 'v1.compute.instances.delete' }),
      }),
    ]);
  });

  it('takes a replayed push again harmlessly (one more wake-up, nothing else)', async () => {
    const body = envelope('stop');
    const woken = await eventsDuring(async () => {
      expect((await push(body)).status).toBe(204);
      expect((await push(body)).status).toBe(204);
    });
    expect(woken.map((e) => e.farmId)).toEqual([farm.id, farm.id]);
  });

  it("finds an instance not recorded yet by Drover's labels on its insert", async () => {
    const labels = {
      'drover-account': farm.accountId,
      'drover-env': farm.environmentId,
      'drover-farm': farm.id,
    };
    const woken = await eventsDuring(async () => {
      expect((await push(envelope('insert', 'drover-not-recorded-yet', labels))).status).toBe(204);
    });
    expect(woken.map((e) => e.farmId)).toEqual([farm.id]);
  });

  it('acknowledges an instance Drover does not manage without waking anything', async () => {
    const woken = await eventsDuring(async () => {
      expect((await push(envelope('delete', 'somebody-elses-vm'))).status).toBe(204);
    });
    expect(woken).toEqual([]);
  });

  const otherKey = async (claims: Record<string, unknown>) => {
    const { privateKey } = await generateKeyPair('RS256');
    const kid = (await rt.sandboxes.gce.auditLogs.jwks()).keys[0]!.kid!; // the sandbox's kid, another key
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer('https://accounts.google.com')
      .setAudience(endpoint())
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  };

  it.each([
    ['no token', () => null],
    [
      'a token for another audience',
      () => rt.sandboxes.gce.auditLogs.token({ aud: 'https://elsewhere.example/push' }),
    ],
    ['a token from another issuer', () => rt.sandboxes.gce.auditLogs.token({ iss: 'https://evil.example' })],
    [
      'a token for another service account',
      () => rt.sandboxes.gce.auditLogs.token({ email: 'someone@evil.iam.gserviceaccount.com' }),
    ],
    ['a token with an unverified email', () => rt.sandboxes.gce.auditLogs.token({ email_verified: false })],
    ['an expired token', () => rt.sandboxes.gce.auditLogs.token({}, '-1m')],
    [
      'a token signed by another key',
      () => otherKey({ email: 'drover-push@drover-sandbox.iam.gserviceaccount.com', email_verified: true }),
    ],
    ['not a JWT', () => 'not-a-token'],
  ])('refuses %s with a 401 problem and wakes nothing', async (_why, token) => {
    let answer: Awaited<ReturnType<typeof push>> | undefined;
    const woken = await eventsDuring(async () => {
      answer = await push(envelope('delete'), token());
    });
    expect(answer?.status).toBe(401);
    expect(answer?.type).toContain('application/problem+json');
    expect(woken).toEqual([]);
  });

  const data = (entry: unknown) => Buffer.from(JSON.stringify(entry)).toString('base64');
  const wrap = (messageData: string) => ({
    message: { data: messageData, messageId: '1' },
    subscription: 's',
  });

  it.each([
    ['no message', { subscription: 's' }, 'message'],
    ['data that is not base64', wrap('%%%not base64%%%'), 'message.data'],
    ['base64 that is not JSON', wrap(Buffer.from('not json').toString('base64')), 'message.data'],
    ['an entry without a protoPayload', wrap(data({ logName: 'x' })), 'message.data.protoPayload'],
    [
      'an entry about something other than an instance',
      wrap(
        data({
          protoPayload: { methodName: 'v1.compute.disks.delete', resourceName: 'projects/p/zones/z/disks/d' },
        }),
      ),
      'message.data.protoPayload.resourceName',
    ],
    ['data over the bound', wrap('A'.repeat(256 * 1024 + 4)), 'message.data'],
    ['not JSON at all', '{"message":', undefined],
  ])('answers %s with a 400 problem naming the field', async (_why, body, path) => {
    const answer = await push(body);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    if (path) expect(JSON.stringify(answer.body)).toContain(`"${path}"`);
  });
});
