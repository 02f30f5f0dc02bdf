// Global Orchestration end to end through the real drover-agent: the local runtime as `npm start`
// runs it (the demo's hello-host script and environment-scope HostUp rule, every sandbox server
// with the real bundled agent as a child process), the demo farm launched over the API, and the
// scripts really running on this machine. Then a BeforeHostUp check with "abort on failure" that
// fails once: the server it fails on goes Failed with the reason, and the replacement the
// reconciler launches passes it and comes up Running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../functions/domain/schemas/orchestration';
import type { Server } from '../../functions/domain/schemas/server';
import type { LocalRuntime } from '../../local/runtime';
import { DEMO_SCRIPT_NAME } from '../../local/seed-orchestration';
import { type ApiClient, apiClient } from '../support/api-client';
import { until, untilConverged, untilFarm } from '../support/converge';
import { startTestRuntime } from '../support/local-runtime';

let rt: LocalRuntime;
let api: ApiClient;
let farmId: string;
let scratch: string;

const executionsOf = async (serverId: string) =>
  (await api.get<{ items: Execution[] }>(`/v1/farms/${farmId}/servers/${serverId}/executions`)).body.items;

describe('orchestration through the real drover-agent', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'drover-orchestration-flow-'));
    rt = await startTestRuntime({
      demoOrchestration: true,
      sandboxTimings: { bootMs: 300, shutdownMs: 200 },
      reconcileIntervalMs: 1000,
      agent: {
        mode: 'process',
        hostInitDelayMs: 100,
        hostUpDelayMs: 100,
        // A quick exit when an instance stops; no metrics chatter during the test.
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

  it('seeds the demo with hello-host and an environment-scope rule that runs it on HostUp', async () => {
    const scripts = await api.get('/v1/scripts');
    expect(scripts.body.items).toEqual([
      expect.objectContaining({ name: DEMO_SCRIPT_NAME, latestVersion: 1, interpreterHint: 'sh' }),
    ]);
    expect(scripts.body.items[0].body).toContain(
      'echo hello from $DROVER_SERVER_ID on $DROVER_FARM_ROLE_ALIAS',
    );
    const rules = await api.get('/v1/orchestration-rules');
    expect(rules.body.items).toEqual([
      expect.objectContaining({
        scope: { kind: 'environment', environmentId: rt.demo.environmentId },
        event: 'HostUp',
        target: 'triggering-server',
        scriptId: scripts.body.items[0].id,
        scriptVersion: null,
      }),
    ]);
  });

  it('runs hello-host on every new server through its own agent process, with the real output', async () => {
    expect((await api.post(`/v1/farms/${farmId}/launch`)).status).toBe(202);
    const { servers } = await untilConverged(api, farmId, { timeoutMs: 45_000 });
    const running = servers.filter((s) => s.status === 'Running');
    expect(running.length).toBeGreaterThanOrEqual(3);
    // One real process per instance, not the in-process stand-in.
    const withAgents = new Set(rt.agents.processes().map((p) => p.instanceId));
    for (const s of running) expect(withAgents.has(s.instanceId!)).toBe(true);

    for (const server of running) {
      const [hello] = await until(
        `hello-host finished on ${server.id}`,
        async () => {
          const list = await executionsOf(server.id);
          return list.some((e) => e.status === 'succeeded') && list;
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(hello).toMatchObject({
        scriptName: DEMO_SCRIPT_NAME,
        eventName: 'HostUp',
        status: 'succeeded',
        exitCode: 0,
        timedOut: false,
      });
      const full = await api.get<Execution>(`/v1/executions/${hello!.id}`);
      // Printed by /bin/sh on this machine: the agent's environment and the real uname.
      expect(full.body.stdoutTail).toContain(`hello from ${server.id} on ${server.farmRoleAlias}`);
      expect(full.body.stdoutTail).toMatch(/Linux/);
      expect(full.body.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('fails a server whose BeforeHostUp check fails with abort, and the replacement comes up', async () => {
    // The check fails the first time it runs anywhere and passes after: a marker on this machine.
    const marker = path.join(scratch, 'check-failed-once');
    const script = await api.post('/v1/scripts', {
      name: 'health-gate',
      body: `#!/bin/sh\nif [ -e '${marker}' ]; then echo healthy; exit 0; fi\ntouch '${marker}'\necho 'disk check failed' >&2\nexit 1\n`,
      timeoutSeconds: 30,
    });
    expect(script.status).toBe(201);
    const farm = await api.get(`/v1/farms/${farmId}`);
    const web = farm.body.farmRoles.find((fr: { alias: string }) => fr.alias === 'web');
    const rule = await api.post('/v1/orchestration-rules', {
      scope: { kind: 'farmRole', farmId, farmRoleId: web.id },
      event: 'BeforeHostUp',
      scriptId: script.body.id,
      abortOnFailure: true,
    });
    expect(rule.status).toBe(201);

    const before = (await api.get<{ items: Server[] }>(`/v1/farms/${farmId}/servers`)).body.items;
    const victim = before.find((s) => s.farmRoleId === web.id && s.status === 'Running')!;
    expect((await api.post(`/v1/farms/${farmId}/servers/${victim.id}/terminate`)).status).toBe(202);

    const failed = await untilFarm(
      api,
      farmId,
      'failed a web server at BeforeHostUp',
      ({ servers }) => servers.some((s) => s.farmRoleId === web.id && s.status === 'Failed'),
      { timeoutMs: 45_000, intervalMs: 200 },
    );
    const gated = failed.servers.find((s) => s.farmRoleId === web.id && s.status === 'Failed')!;
    expect(gated.statusReason).toBe('BeforeHostUp script "health-gate" failed (exit code 1)');
    const [gate] = (await executionsOf(gated.id)).filter((e) => e.scriptName === 'health-gate');
    expect(gate).toMatchObject({ status: 'failed', exitCode: 1, abortOnFailure: true });
    expect((await api.get<Execution>(`/v1/executions/${gate!.id}`)).body.stderrTail).toContain(
      'disk check failed',
    );

    // The reconciler replaces it; the replacement passes the gate and then says hello.
    const isReplacement = (s: Server) =>
      s.farmRoleId === web.id && s.status === 'Running' && !before.some((b) => b.id === s.id);
    const after = await untilFarm(
      api,
      farmId,
      'brought a replacement web server up',
      ({ status, servers }) =>
        servers.some(isReplacement) &&
        servers.filter((s) => s.farmRoleId === web.id && s.status === 'Running').length ===
          status.farmRoles.find((r) => r.farmRoleId === web.id)?.desired,
      { timeoutMs: 45_000, intervalMs: 200 },
    );
    const replacement = after.servers.find(isReplacement);
    expect(replacement?.id).not.toBe(gated.id);
    const ran = await until(
      'the replacement ran the gate and hello-host',
      async () => {
        const list = await executionsOf(replacement!.id);
        const done = (name: string) => list.find((e) => e.scriptName === name && e.status === 'succeeded');
        return done('health-gate') && done(DEMO_SCRIPT_NAME) && list;
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(ran.map((e) => e.eventName).sort()).toEqual(['BeforeHostUp', 'HostUp']);
  });
});
