// The world the reconcile tests run in: the local runtime with fast sandbox clouds (boot in
// 150 ms, agents reporting within ~100 ms), a fresh demo account and farm per test, and the
// checks every test ends with — the clouds run exactly the instances the records claim.
import { expect } from 'vitest';
import { DROVER_TAG_KEYS } from '../../../functions/domain/clouds/launch-spec';
import type { Server } from '../../../functions/domain/schemas/server';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../../local/runtime';
import { type DemoData, seedDemo } from '../../../local/seed';
import type { SandboxInstance } from '../../../sandbox/core/sandbox-cloud';
import { type ApiClient, apiClient } from '../../support/api-client';
import { farmSnapshot } from '../../support/converge';

export const FAST_TIMINGS = { bootMs: 150, shutdownMs: 100 };
export const FAST_AGENT = { hostInitDelayMs: 50, hostUpDelayMs: 50 };
/** Graces short enough for a test, long enough that a pass never races its own launch. */
export const FAST_PLAN = { vanishGraceMs: 1_500, orphanGraceMs: 3_000, retryAfterMs: 1_000 };

export function startReconcileRuntime(options: Partial<LocalRuntimeOptions> = {}): Promise<LocalRuntime> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  return startLocalRuntime({
    port: 0,
    inMemory: true,
    sandboxTimings: FAST_TIMINGS,
    agent: FAST_AGENT,
    reconcileIntervalMs: 1_000,
    planOptions: FAST_PLAN,
    // A farm role that found no capacity waits before trying again; short here so recovery is quick.
    capacityBackoff: { firstMs: 1_000, maxMs: 4_000 },
    ...options,
  });
}

export interface TestFarm {
  demo: DemoData;
  farmId: string;
  api: ApiClient;
}

/** A new account with the demo farm (web: AWS min 2 max 4; worker: GCE min 1 max 3, launch order 1). */
export async function newDemoFarm(rt: LocalRuntime, name: string): Promise<TestFarm> {
  const demo = await seedDemo(rt.deps, rt.sandboxes.credentials(), name);
  const api = apiClient(rt.apiUrl, await rt.mintToken(demo.userId, demo.accountId));
  return { demo, farmId: demo.farmId, api };
}

const ENDED = new Set(['shutting-down', 'terminated']);

/** Every sandbox instance (every cloud) ever tagged with the farm, ended ones included while listed. */
export function instancesOf(rt: LocalRuntime, farmId: string): SandboxInstance[] {
  return rt.sandboxes
    .all()
    .flatMap((sandbox) => sandbox.instances())
    .filter((i) => i.tags[DROVER_TAG_KEYS.farmId] === farmId);
}

export function liveInstancesOf(rt: LocalRuntime, farmId: string): SandboxInstance[] {
  return instancesOf(rt, farmId).filter((i) => !ENDED.has(i.state));
}

/**
 * The clouds and the records agree: every live instance of the farm belongs to exactly one
 * server that is not Terminated, each such server with an instance has exactly one live
 * instance, and no server id carries two instances (no duplicate launch).
 */
export async function expectCloudMatchesRecords(rt: LocalRuntime, farm: TestFarm): Promise<Server[]> {
  const { servers } = await farmSnapshot(farm.api, farm.farmId);
  const live = liveInstancesOf(rt, farm.farmId);
  const claimed = new Map(
    servers.filter((s) => s.status !== 'Terminated' && s.instanceId).map((s) => [s.instanceId!, s]),
  );
  const orphans = live.filter((i) => !claimed.has(i.instanceId));
  expect(orphans.map(describeInstance), 'live instances no server record claims (orphans)').toEqual([]);
  const missing = [...claimed.values()].filter(
    (s) => s.status !== 'Failed' && !live.some((i) => i.instanceId === s.instanceId),
  );
  expect(
    missing.map((s) => `${s.id} ${s.status} ${s.instanceId}`),
    'servers whose instance is gone',
  ).toEqual([]);
  expect(duplicateLaunches(instancesOf(rt, farm.farmId)), 'server ids launched more than once').toEqual([]);
  return servers;
}

/** Server ids that more than one instance (live or ended) was launched for. */
export function duplicateLaunches(instances: SandboxInstance[]): string[] {
  const byServer = new Map<string, string[]>();
  for (const i of instances) {
    const serverId = i.tags[DROVER_TAG_KEYS.serverId] ?? '?';
    byServer.set(serverId, [...(byServer.get(serverId) ?? []), i.instanceId]);
  }
  return [...byServer].filter(([, ids]) => ids.length > 1).map(([s, ids]) => `${s}: ${ids.join(', ')}`);
}

const describeInstance = (i: SandboxInstance) =>
  `${i.instanceId} ${i.state} ${i.zone} server=${i.tags[DROVER_TAG_KEYS.serverId]}`;

export async function launch(farm: TestFarm): Promise<void> {
  const res = await farm.api.post(`/v1/farms/${farm.farmId}/launch`);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
}

export function liveServers(servers: Server[], alias?: string): Server[] {
  return servers.filter(
    (s) => s.status !== 'Terminated' && s.status !== 'Failed' && (!alias || s.farmRoleAlias === alias),
  );
}

/** Farm role fields to set over a farm role's own. */
export type FarmRoleChange = Record<string, unknown>;

/** Changes one farm role of a stored farm through the API (If-Match on the version read). */
export async function changeFarmRole(farm: TestFarm, alias: string, change: FarmRoleChange): Promise<void> {
  const current = await farm.api.get(`/v1/farms/${farm.farmId}`);
  const { name, description, leaseExpiresAt, farmRoles } = current.body;
  const spec = {
    name,
    description,
    leaseExpiresAt,
    farmRoles: farmRoles.map((fr: { alias: string }) => (fr.alias === alias ? { ...fr, ...change } : fr)),
  };
  const res = await farm.api.put(`/v1/farms/${farm.farmId}`, spec, {
    'if-match': current.headers.get('etag')!,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
