// What the agent protocol tests share: a local runtime with a farm, server records, scripts,
// rules and executions written to the store, and the REAL bundled drover-agent started as a child
// process for a server (fast timings through its DROVER_AGENT_* settings).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAgentBundle } from '../../../agent/bundle';
import { newId } from '../../../functions/domain/ids';
import type { Execution, OrchestrationRule, Script } from '../../../functions/domain/schemas/orchestration';
import type { Server } from '../../../functions/domain/schemas/server';
import type { AgentIdentity } from '../../../functions/ports/identity';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { awsAccessKeyCredentials, awsFarmRole, farm, role } from '../../support/fixtures';
import { createServerRecord } from '../../support/server-record';

export interface FarmDoc {
  id: string;
  accountId: string;
  environmentId: string;
  farmRoles: { id: string; alias: string; credentialsId: string }[];
}

export async function createFarm(rt: LocalRuntime, name: string): Promise<{ api: ApiClient; farm: FarmDoc }> {
  const api = apiClient(rt.apiUrl, rt.demo.token);
  const envId = rt.demo.environmentId;
  const roleId = (await api.post('/v1/roles', role(envId))).body.id;
  const credId = (await api.post(`/v1/environments/${envId}/credentials`, awsAccessKeyCredentials())).body.id;
  const doc = (await api.post(`/v1/environments/${envId}/farms`, farm(name, [awsFarmRole(roleId, credId)])))
    .body;
  return { api, farm: doc };
}

export const identityOf = (s: Server): AgentIdentity => ({
  accountId: s.accountId,
  farmId: s.farmId,
  serverId: s.id,
});

export const newServer = (rt: LocalRuntime, f: FarmDoc, overrides: Partial<Server> = {}) =>
  createServerRecord(rt.deps.store, f, { status: 'Pending', ...overrides });

export async function createScript(
  rt: LocalRuntime,
  accountId: string,
  name: string,
  body: string,
  options: Partial<Script> = {},
): Promise<Script> {
  const now = new Date().toISOString();
  const script: Script = {
    id: newId('script'),
    accountId,
    name,
    description: '',
    body,
    interpreterHint: 'sh',
    blocking: true,
    timeoutSeconds: 60,
    latestVersion: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...options,
  };
  await rt.deps.store.scripts.saveVersion(
    script,
    { scriptId: script.id, number: 1, body, interpreterHint: 'sh', createdAt: now, createdBy: 'test' },
    null,
  );
  return script;
}

export async function createFarmRule(
  rt: LocalRuntime,
  f: FarmDoc,
  script: Script,
  overrides: Partial<OrchestrationRule>,
): Promise<OrchestrationRule> {
  const now = new Date().toISOString();
  const rule: OrchestrationRule = {
    id: newId('orchestrationRule'),
    accountId: f.accountId,
    scope: { kind: 'farm', farmId: f.id },
    event: 'HostUp',
    target: 'triggering-server',
    scriptId: script.id,
    scriptVersion: null,
    order: 10,
    blocking: null,
    timeoutSeconds: null,
    runAs: 'root',
    abortOnFailure: false,
    enabled: true,
    description: '',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await rt.deps.store.orchestrationRules.create(rule);
  return rule;
}

/** A queued execution of `script` on `server`, as the orchestrator would write it. */
export async function queueExecution(
  rt: LocalRuntime,
  server: Server,
  script: Script,
  overrides: Partial<Execution> = {},
): Promise<Execution> {
  const execution: Execution = {
    id: newId('execution'),
    accountId: server.accountId,
    environmentId: server.environmentId,
    farmId: server.farmId,
    farmRoleId: server.farmRoleId,
    serverId: server.id,
    ruleId: newId('orchestrationRule'),
    scriptId: script.id,
    scriptName: script.name,
    scriptVersion: 1,
    eventId: `test-${Date.now()}`,
    eventName: 'TestEvent',
    triggeringServerId: server.id,
    order: 10,
    blocking: true,
    abortOnFailure: false,
    timeoutSeconds: script.timeoutSeconds,
    runAs: 'root',
    status: 'queued',
    createdAt: new Date().toISOString(),
    startedAt: null,
    endedAt: null,
    exitCode: null,
    timedOut: false,
    durationMs: null,
    stdoutTail: '',
    stderrTail: '',
    version: 1,
    ...overrides,
  };
  await rt.deps.store.executions.create(execution);
  return execution;
}

export interface AgentProcess {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The real drover-agent for `server`, as the sandbox's process mode starts it. */
export async function startAgentProcess(
  rt: LocalRuntime,
  server: Server,
  env: Record<string, string> = {},
): Promise<AgentProcess> {
  const bundle = await ensureAgentBundle();
  const workDir = mkdtempSync(join(tmpdir(), 'drover-agent-test-'));
  const child = spawn(process.execPath, [bundle], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? workDir,
      DROVER_API_URL: rt.apiUrl,
      DROVER_SERVER_ID: server.id,
      DROVER_SERVER_TOKEN: rt.deps.agentTokens.issue(identityOf(server)),
      DROVER_AGENT_WORK_DIR: workDir,
      DROVER_AGENT_RECONNECT_BASE_MS: '100',
      DROVER_AGENT_RECONNECT_MAX_MS: '400',
      DROVER_AGENT_OUTPUT_FLUSH_MS: '100',
      DROVER_AGENT_KILL_GRACE_MS: '500',
      DROVER_AGENT_STOP_GRACE_MS: '500',
      ...env,
    } as Record<string, string> as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (d: Buffer) => log.push(...d.toString('utf8').split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return {
    child,
    log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {}
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {}
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const executionOf = (rt: LocalRuntime, e: Pick<Execution, 'accountId' | 'id'>) =>
  rt.deps.store.executions.get({ accountId: e.accountId }, e.id);

export const finished = (rt: LocalRuntime, e: Execution) =>
  until(async () => {
    const now = await executionOf(rt, e);
    return now && now.status !== 'queued' && now.status !== 'running' ? now : undefined;
  }, 15_000);
