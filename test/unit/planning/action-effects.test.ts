// What applying each action writes, raises and calls, and which events farm changes raise.
import { describe, expect, it } from 'vitest';
import {
  callsCloud,
  farmStatusEvent,
  launchEvents,
  policyRefusal,
  serverActionSteps,
  type Terminate,
} from '../../../functions/domain/planning';
import type { Violation } from '../../../functions/domain/schemas/policy';

const on = {
  serverId: 'srv-1',
  farmRoleId: 'fr-1',
  expectedVersion: 3,
  from: 'Running' as const,
  reason: 'why',
};
const target = {
  platform: 'aws' as const,
  credentialsId: 'cred-1',
  region: 'us-east-1',
  zone: 'us-east-1a',
  instanceId: 'i-1',
};
const terminate = (over: Partial<Terminate> = {}): Terminate => ({
  type: 'terminate',
  ...on,
  cause: 'scale-in',
  recordStatus: 'Pending Terminate',
  target,
  ...over,
});

describe('serverActionSteps', () => {
  it.each([
    [
      'a terminate writes Pending Terminate, raises BeforeHostTerminate, then terminates',
      terminate(),
      {
        write: { status: 'Pending Terminate', fields: {} },
        event: 'BeforeHostTerminate',
        cloud: 'terminate',
      },
    ],
    [
      'a held terminate writes and raises, but leaves the instance',
      terminate({ hold: { until: null } }),
      { write: { status: 'Pending Terminate', fields: {} }, event: 'BeforeHostTerminate', cloud: null },
    ],
    [
      'a repeated terminate only calls the cloud',
      terminate({ recordStatus: null }),
      { write: null, event: null, cloud: 'terminate' },
    ],
    [
      'a failed server’s instance is terminated after the write; an init timeout is HostInitFailed',
      { type: 'markFailed', ...on, cause: 'init-timeout', target } as const,
      { write: { status: 'Failed', fields: {} }, event: 'HostInitFailed', cloud: 'terminate' },
    ],
    [
      'a launch timeout is InstanceLaunchFailed',
      { type: 'markFailed', ...on, cause: 'launch-timeout', target: null } as const,
      { write: { status: 'Failed', fields: {} }, event: 'InstanceLaunchFailed', cloud: null },
    ],
    [
      'an ended instance: Terminated and HostDown, no cloud call',
      { type: 'markTerminated', ...on, cause: 'instance-gone', unexpected: true, instanceId: null } as const,
      { write: { status: 'Terminated', fields: {} }, event: 'HostDown', cloud: null },
    ],
    [
      'a suspension: Suspended, then stop',
      { type: 'stop', ...on, recordStatus: 'Suspended', target } as const,
      { write: { status: 'Suspended', fields: {} }, event: null, cloud: 'stop' },
    ],
  ])('%s', (_why, action, expected) => {
    const steps = serverActionSteps(action, 'i-1');
    expect({
      write: steps.write,
      event: steps.event?.name ?? null,
      cloud: steps.cloud?.call ?? null,
    }).toEqual(expected);
  });

  it('records the instance id on a terminate only when the record lacks it', () => {
    expect(serverActionSteps(terminate(), null).write?.fields).toEqual({ instanceId: 'i-1' });
    expect(serverActionSteps(terminate(), 'i-1').write?.fields).toEqual({});
  });
});

describe('events', () => {
  it.each([
    ['Launching', 'Running', 'FarmLaunched'],
    ['Resuming', 'Running', 'FarmResumed'],
    ['Terminating', 'Terminated', 'FarmTerminated'],
    ['Suspending', 'Suspended', 'FarmSuspended'],
    ['Running', 'Terminating', undefined],
  ] as const)('%s → %s raises %s', (from, to, name) => {
    expect(farmStatusEvent(from, to)).toBe(name);
  });

  it('announces a launch, and says what it replaces or that it scales out', () => {
    const at = { zone: 'us-east-1a', instanceType: 't3.small' };
    expect(launchEvents('replacement', at, 'srv-0').map((e) => e.name)).toEqual([
      'BeforeInstanceLaunch',
      'ServerReplaced',
    ]);
    expect(launchEvents('scale-out', at, null).map((e) => e.name)).toEqual([
      'BeforeInstanceLaunch',
      'ScaleOut',
    ]);
    expect(launchEvents('initial', at, 'srv-0').map((e) => e.name)).toEqual(['BeforeInstanceLaunch']);
  });

  it('calls a cloud only for the actions that need one', () => {
    expect(callsCloud(terminate())).toBe(true);
    expect(callsCloud({ type: 'recordAddresses', ...on, privateIp: null, publicIp: null })).toBe(false);
  });

  it('announces a policy refusal once per change of its violations', () => {
    const v = (message: string) =>
      ({
        policyId: 'pol-1',
        policyName: 'sizes',
        rule: 'instanceTypes',
        path: 'instanceType',
        message,
      }) as Violation;
    const first = policyRefusal('web', [v('not allowed')], [undefined, undefined]);
    expect(first.announce).toBe(true);
    expect(first.message).toBe(
      'web: launch refused by policy "sizes" (instanceTypes): instanceType: not allowed',
    );
    expect(policyRefusal('web', [v('not allowed')], [first.signature, undefined]).announce).toBe(false);
    expect(policyRefusal('web', [v('not allowed')], [undefined, first.signature]).announce).toBe(false);
    expect(policyRefusal('web', [v('too big')], [first.signature, undefined]).announce).toBe(true);
  });
});
