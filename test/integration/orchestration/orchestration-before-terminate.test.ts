// BeforeHostTerminate through the real drover-agent: an environment-scope rule runs a script on
// each server the farm's terminate ends. The reconciler writes the server Pending Terminate and
// leaves its instance running while the blocking script runs, so the script finishes with its
// output and the instance ends only after it; a script that outlives its timeout holds the
// terminate no longer than that timeout (the hold's cap).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../../functions/domain/schemas/orchestration';
import type { Server } from '../../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { until, untilConverged, untilFarm } from '../../support/converge';
import { startTestRuntime } from '../../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let farmId: string;
let scratch: string;

const beforeTerminateRunsOf = async (serverId: string) =>
  (
    await api.get<{ items: Execution[] }>(`/v1/farms/${farmId}/servers/${serverId}/executions`)
  ).body.items.filter((e) => e.eventName === 'BeforeHostTerminate');

/** Launches the farm, waits for Running servers, then terminates the farm and waits for all to end. */
async function launchThenTerminate(): Promise<Server[]> {
  expect((await api.post(`/v1/farms/${farmId}/launch`)).status).toBe(202);
  const { servers } = await untilConverged(api, farmId, { timeoutMs: 45_000 });
  const running = servers.filter((s) => s.status === 'Running');
  expect(running.length).toBeGreaterThanOrEqual(1);
  expect((await api.post(`/v1/farms/${farmId}/terminate`)).status).toBe(202);
  const ended = await untilFarm(
    api,
    farmId,
    'every server of the farm terminated',
    ({ status, servers: now }) =>
      status.status === 'Terminated' &&
      running.every((r) => now.find((s) => s.id === r.id)?.status === 'Terminated'),
    { timeoutMs: 40_000, intervalMs: 200 },
  );
  return running.map((r) => ended.servers.find((s) => s.id === r.id)!);
}

async function useRule(name: string, body: string, timeoutSeconds: number): Promise<string> {
  const script = await api.post('/v1/scripts', { name, body, timeoutSeconds });
  expect(script.status).toBe(201);
  const rule = await api.post('/v1/orchestration-rules', {
    scope: { kind: 'environment', environmentId: rt.demo.environmentId },
    event: 'BeforeHostTerminate',
    target: 'triggering-server',
    scriptId: script.body.id,
  });
  expect(rule.status).toBe(201);
  return rule.body.id;
}

describe('BeforeHostTerminate through the real drover-agent', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'drover-before-terminate-'));
    rt = await startTestRuntime({
      demoOrchestration: true,
      sandboxTimings: { bootMs: 300, shutdownMs: 200 },
      reconcileIntervalMs: 1000,
      planOptions: { retryAfterMs: 500 },
      agent: {
        mode: 'process',
        hostInitDelayMs: 100,
        hostUpDelayMs: 100,
        agentEnv: {
          DROVER_AGENT_STOP_GRACE_MS: '500',
          DROVER_AGENT_METRICS_MS: '0',
          DROVER_AGENT_WORK_DIR: scratch,
        },
      },
    });
    api = apiClient(rt.apiUrl, rt.demo.token);
    farmId = rt.demo.farmId;
  });

  afterAll(async () => {
    await rt?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the script on each terminating server to the end before its instance is terminated', async () => {
    const ruleId = await useRule(
      'drain-host',
      '#!/bin/sh\necho "draining $DROVER_SERVER_ID"\nsleep 2\necho drained\n',
      60,
    );
    const ended = await launchThenTerminate();
    for (const server of ended) {
      const [run] = await until(`the BeforeHostTerminate run of ${server.id}`, async () => {
        const runs = await beforeTerminateRunsOf(server.id);
        return runs.length > 0 && runs;
      });
      expect(run).toMatchObject({
        scriptName: 'drain-host',
        status: 'succeeded',
        exitCode: 0,
        timedOut: false,
      });
      const full = (await api.get<Execution>(`/v1/executions/${run!.id}`)).body;
      expect(full.stdoutTail).toBe(`draining ${server.id}\ndrained\n`);
      expect(full.durationMs).toBeGreaterThanOrEqual(2000);
      // The instance was asked to end only after the script did.
      expect(Date.parse(server.timestamps.Terminated!)).toBeGreaterThanOrEqual(Date.parse(full.endedAt!));
      expect(
        Date.parse(full.endedAt!) - Date.parse(server.timestamps['Pending Terminate']!),
      ).toBeGreaterThanOrEqual(2000);
    }
    expect((await api.delete(`/v1/orchestration-rules/${ruleId}`, { 'if-match': '"1"' })).status).toBe(204);
  });

  it('terminates after the cap when the script outlives its timeout', async () => {
    await useRule('hang-on-exit', '#!/bin/sh\necho stuck\nsleep 30\n', 2);
    const ended = await launchThenTerminate();
    for (const server of ended) {
      const runs = await beforeTerminateRunsOf(server.id);
      const hung = runs.find((e) => e.scriptName === 'hang-on-exit');
      expect(hung).toMatchObject({ status: 'timed-out', timedOut: true });
      const pendingAt = Date.parse(server.timestamps['Pending Terminate']!);
      const terminatedAt = Date.parse(server.timestamps.Terminated!);
      // Held for the script's 2 s timeout, not its 30 s sleep.
      expect(terminatedAt - pendingAt).toBeGreaterThanOrEqual(2000);
      expect(terminatedAt - pendingAt).toBeLessThan(20_000);
    }
  });
});
