// Policies at launch, with the reconciler and the sandbox clouds: a policy changed after the farm
// was saved refuses the launch (PolicyViolation event, the reason in the farm's status); enforced
// values (auto tags, subnet, instance profile) reach the instance as EC2 describes it; a farm
// lease warns, then terminates the farm.
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import type { LocalRuntime } from '../../../local/runtime';
import { REGIONS } from '../../../sandbox/ec2';
import { untilFarm } from '../../support/converge';
import {
  expectCloudMatchesRecords,
  launch,
  liveInstancesOf,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
let ec2: EC2Client;

beforeAll(async () => {
  rt = await startReconcileRuntime();
  ec2 = new EC2Client({
    endpoint: rt.sandboxes.ec2.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'test-secret' },
  });
});
afterAll(async () => {
  ec2?.destroy();
  await rt?.stop();
});

async function addPolicy(farm: TestFarm, body: Record<string, unknown>) {
  const res = await farm.api.post(`/v1/environments/${farm.demo.environmentId}/policies`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function eventsOf(farm: TestFarm, name: string) {
  const res = await farm.api.get(`/v1/farms/${farm.farmId}/events?limit=200`);
  return res.body.items.filter((e: { name: string }) => e.name === name);
}

describe('policies at launch', () => {
  it('refuses a launch a policy added after save forbids, says why, and launches once it is lifted', async () => {
    const farm = await newDemoFarm(rt, 'pol-refused');
    const onBus: DroverEvent[] = [];
    const unsubscribe = rt.bus.subscribe((e) => onBus.push(e));
    onTestFinished(() => void unsubscribe());
    const policy = await addPolicy(farm, {
      name: 'micro only',
      platform: 'aws',
      rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.micro'] },
    });
    await launch(farm);

    const blocked = await untilFarm(farm.api, farm.farmId, 'the launch refused, with the reason', (s) =>
      s.status.reasons.some((r) => r.includes('web: launch refused by policy "micro only"')),
    );
    expect(blocked.status.convergence).toBe('degraded');
    expect(liveServers(blocked.servers, 'web')).toEqual([]);
    expect(liveInstancesOf(rt, farm.farmId)).toEqual([]);

    // Several passes later there is still one event: it is published when the refusal changes.
    await new Promise((r) => setTimeout(r, 2_500));
    const [event, ...more] = await eventsOf(farm, 'PolicyViolation');
    expect(more).toEqual([]);
    expect(event.message).toContain('instance type t3.small is not allowed');
    expect(event.payload.violations).toEqual([
      expect.objectContaining({
        policyId: policy.id,
        rule: 'allowed-instance-types',
        path: 'farmRoles[0].instanceType',
        allowed: ['t3.micro'],
      }),
    ]);
    expect(onBus.filter((e) => e.name === 'PolicyViolation' && e.farmId === farm.farmId)).toHaveLength(1);

    const url = `/v1/environments/${farm.demo.environmentId}/policies/${policy.id}`;
    const lifted = await farm.api.put(
      url,
      {
        name: 'micro only',
        platform: 'aws',
        rule: { kind: 'allowed-instance-types', instanceTypes: ['t3.*'] },
      },
      { 'if-match': '*' },
    );
    expect(lifted.status).toBe(200);
    await untilFarm(
      farm.api,
      farm.farmId,
      'Running once the policy allows it',
      (s) => s.status.status === 'Running',
      {
        timeoutMs: 90_000,
      },
    );
    await expectCloudMatchesRecords(rt, farm);
  }, 120_000);

  it('puts auto tags, the enforced subnet and the instance profile on the instance', async () => {
    const farm = await newDemoFarm(rt, 'pol-enforced');
    const subnets = REGIONS.find((r) => r.region === 'us-east-1')!.subnets;
    const byZone = (zone: string) => subnets.find((s) => s.zone === zone)!.subnetId;
    await addPolicy(farm, {
      name: 'tags',
      rule: { kind: 'auto-tags', tags: { owner: '${DROVER_FARM_NAME}', 'cost-center': 'cc-42' } },
    });
    await addPolicy(farm, {
      name: 'network',
      platform: 'aws',
      rule: { kind: 'enforced-network', subnetIds: [byZone('us-east-1a'), byZone('us-east-1b')] },
    });
    await addPolicy(farm, {
      name: 'identity',
      platform: 'aws',
      rule: { kind: 'instance-identity', iamInstanceProfile: 'drover-web' },
    });
    const farmName = (await farm.api.get(`/v1/farms/${farm.farmId}`)).body.name;
    await launch(farm);
    const done = await untilFarm(
      farm.api,
      farm.farmId,
      'web servers Running',
      (s) => liveServers(s.servers, 'web').filter((x) => x.status === 'Running').length === 2,
    );
    for (const server of liveServers(done.servers, 'web')) {
      const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [server.instanceId!] }));
      const instance = out.Reservations![0]!.Instances![0]!;
      const tags = Object.fromEntries((instance.Tags ?? []).map((t) => [t.Key, t.Value]));
      expect(tags).toMatchObject({ owner: farmName, 'cost-center': 'cc-42', team: 'web' });
      expect(instance.SubnetId).toBe(byZone(server.zone));
      expect(instance.IamInstanceProfile?.Arn ?? '').toContain('drover-web');
    }
  }, 60_000);

  it('warns before a farm lease ends, then terminates the farm and says why', async () => {
    const farm = await newDemoFarm(rt, 'pol-lease');
    await addPolicy(farm, {
      name: 'short lived',
      rule: { kind: 'farm-lease', maxLifetimeHours: 8 / 3600, warnBeforeHours: 6 / 3600 },
    });
    const started = Date.now();
    const launched = await farm.api.post(`/v1/farms/${farm.farmId}/launch`);
    expect(launched.status).toBe(202);
    const lease = Date.parse(launched.body.leaseExpiresAt);
    expect(lease).toBeGreaterThanOrEqual(started + 8_000 - 1_000);
    expect(lease).toBeLessThanOrEqual(Date.now() + 8_000);

    const ended = await untilFarm(
      farm.api,
      farm.farmId,
      'Terminated by its lease',
      (s) => s.status.status === 'Terminated',
      {
        timeoutMs: 40_000,
      },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(lease);
    expect(liveServers(ended.servers)).toEqual([]);
    const warnings = await eventsOf(farm, 'LeaseExpiring');
    expect(warnings).toHaveLength(1);
    const [expired] = await eventsOf(farm, 'LeaseExpired');
    expect(expired.message).toContain('lease ended');
    expect(Date.parse(warnings[0].at)).toBeLessThan(Date.parse(expired.at));
    await expectCloudMatchesRecords(rt, farm);
  }, 60_000);
});
