// The platform's own writes in the audit log, with the reconciler and the sandbox clouds: a farm
// launched by its owner from the CLI ends at its lease, and the log shows both — the owner's
// launch, then the system terminating the farm, its status and lease old → new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { untilFarm } from '../../support/converge';
import { newDemoFarm, startReconcileRuntime } from '../reconcile/reconcile-world';

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startReconcileRuntime();
});
afterAll(() => rt?.stop());

describe('system writes in the audit log', () => {
  it('records a farm terminated at the end of its lease as the system', async () => {
    const farm = await newDemoFarm(rt, 'audit-lease');
    const policy = await farm.api.post(`/v1/environments/${farm.demo.environmentId}/policies`, {
      name: 'short lived',
      rule: { kind: 'farm-lease', maxLifetimeHours: 4 / 3600, warnBeforeHours: 2 / 3600 },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const launched = await farm.api.post(`/v1/farms/${farm.farmId}/launch`, undefined, {
      'x-drover-client': 'cli',
    });
    expect(launched.status).toBe(202);
    await untilFarm(farm.api, farm.farmId, 'terminating at its lease', (s) =>
      ['Terminating', 'Terminated'].includes(s.status.status),
    );

    const log = (await farm.api.get(`/v1/audit?resourceId=${farm.farmId}`)).body.items;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['farmLeaseExpired', 'launchFarm']);
    const [expired, launch] = log;
    expect(launch).toMatchObject({
      actor: { userId: farm.demo.userId, via: 'user' },
      source: { client: 'cli' },
    });
    expect(expired).toMatchObject({
      environmentId: farm.demo.environmentId,
      actor: { userId: 'system', via: 'system' },
      source: { client: 'system' },
      resource: { type: 'farm', id: farm.farmId, name: 'demo-web' },
      outcome: 200,
    });
    expect(expired.changes).toEqual([
      { path: 'status', kind: 'changed', before: expect.any(String), after: 'Terminating' },
    ]);
  }, 60_000);
});
