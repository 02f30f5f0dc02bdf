// A GCE instance deleted behind Drover's back is replaced through the event path alone: the
// farm's schedule is an hour away, so only the GCE sandbox's audit-log push (Cloud Audit Logs →
// Pub/Sub → the cloud-events route → CloudInstanceChanged → a pass) can bring the replacement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { untilConverged, untilFarm } from '../../support/converge';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;

beforeAll(async () => {
  rt = await startTestRuntime({
    reconcileIntervalMs: 60 * 60_000,
    sandboxTimings: { bootMs: 300, shutdownMs: 100 },
    agent: { hostInitDelayMs: 50, hostUpDelayMs: 50 },
    // GCE's vanish grace counts from the server's last recorded change; this farm converged a
    // moment ago, where a server killed in earnest has usually run for longer than the 15 s.
    planOptions: { platformVanishGraceMs: { gce: 500 } },
  });
  api = apiClient(rt.apiUrl, rt.demo.token);
  expect((await api.post(`/v1/farms/${rt.demo.farmId}/launch`)).status).toBe(202);
  await untilConverged(api, rt.demo.farmId, { timeoutMs: 60_000 });
}, 90_000);

afterAll(async () => {
  await rt?.stop();
});

describe("a GCE instance deleted behind Drover's back", () => {
  it('is replaced within seconds, woken by its audit-log push', async () => {
    const { servers } = await untilConverged(api, rt.demo.farmId, { timeoutMs: 30_000 });
    const victim = servers.find((s) => s.platform === 'gce' && s.status === 'Running')!;
    const wokenBefore = rt.reconciler.outcomes.filter((o) => o.reason === 'CloudInstanceChanged').length;
    const killedAt = Date.now();
    expect(rt.sandboxes.gce.kill(victim.instanceId!)).toBe(true);

    const healed = await untilFarm(
      api,
      rt.demo.farmId,
      'replaced the killed GCE server',
      ({ servers: now }) =>
        now.some((s: Server) => s.replacesServerId === victim.id && s.status === 'Running'),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    const replacement = healed.servers.find((s) => s.replacesServerId === victim.id)!;
    expect(replacement.platform).toBe('gce');
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    // The pass that acted was the push's, not the schedule's.
    const woken = rt.reconciler.outcomes.filter((o) => o.reason === 'CloudInstanceChanged');
    expect(woken.length).toBeGreaterThan(wokenBefore);
    expect(rt.reconciler.outcomes.some((o) => o.reason === 'schedule')).toBe(false);
    expect(rt.sandboxes.gce.auditLogs.answers.get(204)).toBeGreaterThan(0);
  }, 30_000);
});
