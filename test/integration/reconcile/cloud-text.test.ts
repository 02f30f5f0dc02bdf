// A cloud's error text never reaches what the API returns: its endpoint may be one a tenant set,
// and echoing the answer would make Drover a reader of whatever that URL reaches. Farm events,
// server status reasons and farm status reasons say what failed in Drover's words, with the
// HTTP status and the cloud's error code; the sandbox EC2 answers here with its own messages.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { farmSnapshot, untilConverged, untilFarm } from '../../support/converge';
import { launch, liveServers, newDemoFarm, startReconcileRuntime, type TestFarm } from './reconcile-world';

/** The sandbox EC2's own wording of its capacity, 500 and 503 answers (sandbox/ec2). */
const CLOUD_TEXT = [
  'We currently do not have sufficient',
  'Our system will be working on provisioning',
  'An internal error has occurred',
  'The server is overloaded',
];

interface EventView {
  name: string;
  message: string;
  payload: Record<string, unknown>;
}

let rt: LocalRuntime;
beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterEach(() => rt.sandboxes.ec2.clearFaults());
afterAll(() => rt?.stop());

async function events(farm: TestFarm): Promise<EventView[]> {
  const res = await farm.api.get<{ items: EventView[] }>(`/v1/farms/${farm.farmId}/events?limit=200`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Everything the API tells about the farm, as one text to search. */
async function everythingSaid(farm: TestFarm): Promise<string> {
  const snap = await farmSnapshot(farm.api, farm.farmId);
  return JSON.stringify([snap.status, snap.servers, await events(farm)]);
}

function expectNoCloudText(said: string): void {
  for (const text of CLOUD_TEXT) expect(said).not.toContain(text);
}

describe("a cloud's error answers, read back through the API", () => {
  let farm: TestFarm;

  it('a failed terminate call and a failed listing are named by status and code, not by the answer', async () => {
    farm = await newDemoFarm(rt, 'cloud-text');
    await launch(farm);
    const { servers } = await untilConverged(farm.api, farm.farmId, { timeoutMs: 30_000 });
    const web = liveServers(servers, 'web')[0]!;

    rt.sandboxes.ec2.setFaults({ errorShare: 1 });
    const res = await farm.api.post(`/v1/farms/${farm.farmId}/servers/${web.id}/terminate`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const requested = (await events(farm)).find((e) => e.name === 'ServerTerminateRequested')!;
    expect(requested.message).toMatch(
      /will be retried: the cloud could not be reached or failed to answer \(HTTP 50[03], (InternalError|Unavailable)\)/,
    );

    const failing = await untilFarm(farm.api, farm.farmId, 'named the failed listing', (snap) =>
      snap.status.reasons.some((r) => r.startsWith('could not list aws us-east-1')),
    );
    expect(failing.status.reasons.join('\n')).toMatch(/could not list aws us-east-1: .*\(HTTP 50[03], \w+\)/);
    expectNoCloudText(await everythingSaid(farm));
  });

  it('a launch refused for capacity says so with the code, in the event, the server and the farm', async () => {
    rt.sandboxes.ec2.setFaults({ capacity: [{ zone: 'us-east-1a' }, { zone: 'us-east-1b' }] });
    const refused = await untilFarm(farm.api, farm.farmId, 'refused the replacement launch', (snap) =>
      snap.servers.some((s) => (s.statusReason ?? '').startsWith('launch refused')),
    );
    const server = refused.servers.find((s) => (s.statusReason ?? '').startsWith('launch refused'))!;
    expect(server.statusReason).toBe(
      'launch refused: the cloud has no capacity for the request (HTTP 500, InsufficientInstanceCapacity)',
    );
    // The pass records its events after its writes: wait for them.
    const failed = await vi.waitFor(
      async () => {
        const found = (await events(farm)).find((e) => e.name === 'InstanceLaunchFailed');
        if (!found) throw new Error('no InstanceLaunchFailed event yet');
        return found;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(failed.message).toContain('InsufficientInstanceCapacity');
    expect(failed.payload).toMatchObject({
      kind: 'CapacityError',
      code: 'InsufficientInstanceCapacity',
      httpStatus: 500,
    });
    expectNoCloudText(await everythingSaid(farm));
  });
});
