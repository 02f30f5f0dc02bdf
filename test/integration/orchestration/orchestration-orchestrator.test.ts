// The orchestrator on a running local runtime: a farm launched by the reconciler raises HostUp per
// server, the bus routes each event to the orchestrator (the same EVENT_RULES entry infra/
// deploys), and every server gets one queued execution per matching rule. A redelivered event
// creates nothing; a server that ends has its open executions cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../functions/domain/ids';
import type { FarmEvent } from '../../../functions/domain/schemas/farm-event';
import type { OrchestrationRule, Script } from '../../../functions/domain/schemas/orchestration';
import type { DroverEvent } from '../../../functions/ports/event-publisher';
import { executionIdOf, orchestrateEvent } from '../../../functions/services/orchestration/orchestrate-event';
import type { LocalRuntime } from '../../../local/runtime';
import { untilConverged } from '../../support/converge';
import { createServerRecord } from '../../support/server-record';
import {
  launch,
  liveServers,
  newDemoFarm,
  startReconcileRuntime,
  type TestFarm,
} from '../reconcile/reconcile-world';

let rt: LocalRuntime;
let farm: TestFarm;
let hostUpRule: OrchestrationRule;
const NOW = new Date().toISOString();

beforeAll(async () => {
  rt = await startReconcileRuntime();
  farm = await newDemoFarm(rt, 'orchestrated');
  const { accountId, environmentId } = farm.demo;
  const script: Script = {
    id: newId('script'),
    accountId,
    name: 'say-hello',
    description: '',
    body: '#!/bin/sh\necho hello\n',
    interpreterHint: 'sh',
    blocking: true,
    timeoutSeconds: 60,
    latestVersion: 1,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await rt.deps.store.scripts.saveVersion(
    script,
    {
      scriptId: script.id,
      number: 1,
      body: script.body,
      interpreterHint: 'sh',
      createdAt: NOW,
      createdBy: 'test',
    },
    null,
  );
  hostUpRule = {
    id: newId('orchestrationRule'),
    accountId,
    scope: { kind: 'environment', environmentId },
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
    createdAt: NOW,
    updatedAt: NOW,
  };
  await rt.deps.store.orchestrationRules.create(hostUpRule);
});
afterAll(() => rt?.stop());

async function hostUps(): Promise<FarmEvent[]> {
  const res = await farm.api.get<{ items: FarmEvent[] }>(`/v1/farms/${farm.farmId}/events?limit=200`);
  return res.body.items.filter((e) => e.name === 'HostUp');
}

const asDroverEvent = (e: FarmEvent): DroverEvent => ({
  id: e.id,
  name: e.name,
  accountId: e.accountId,
  environmentId: e.environmentId,
  farmId: e.farmId,
  ...(e.farmRoleId ? { farmRoleId: e.farmRoleId } : {}),
  ...(e.serverId ? { serverId: e.serverId } : {}),
  actor: e.actor,
  message: e.message,
  payload: e.payload,
  at: e.at,
});

describe('the orchestrator on the running runtime', () => {
  it('queues the HostUp script on each server that came up, under the id of (event, rule, server)', async () => {
    await launch(farm);
    const { servers } = await untilConverged(farm.api, farm.farmId);
    await rt.orchestration.idle();
    const scope = { accountId: farm.demo.accountId, farmId: farm.farmId };
    const executions = (await rt.deps.store.executions.listByFarm(scope, { limit: 50 })).items;

    const live = liveServers(servers);
    expect(executions.map((e) => e.serverId).sort()).toEqual(live.map((s) => s.id).sort());
    const events = await hostUps();
    for (const e of executions) {
      const event = events.find((h) => h.serverId === e.serverId)!;
      expect(e).toMatchObject({
        id: executionIdOf(event.id, hostUpRule.id, e.serverId),
        scriptName: 'say-hello',
        scriptVersion: 1,
        blocking: true,
        timeoutSeconds: 60,
        eventName: 'HostUp',
        triggeringServerId: e.serverId,
      });
      // The sandbox's agents may already have run it.
      expect(['queued', 'running', 'succeeded']).toContain(e.status);
    }
  });

  it('creates nothing twice when an event is delivered again, through the bus or directly', async () => {
    const events = await hostUps();
    const scope = { accountId: farm.demo.accountId, farmId: farm.farmId };
    const before = (await rt.deps.store.executions.listByFarm(scope, { limit: 50 })).items.length;

    for (const e of events)
      rt.bus.put({ source: 'drover', 'detail-type': 'HostUp', detail: asDroverEvent(e) });
    await new Promise((r) => setTimeout(r, 10));
    await rt.orchestration.idle();
    const again = await orchestrateEvent(rt.orchestration.deps, asDroverEvent(events[0]!));

    expect(again.created).toEqual([]);
    expect(again.alreadyThere).toBe(1);
    expect(again.executionIds).toEqual([executionIdOf(events[0]!.id, hostUpRule.id, events[0]!.serverId!)]);
    expect((await rt.deps.store.executions.listByFarm(scope, { limit: 50 })).items).toHaveLength(before);
  });

  it('cancels the open executions of a server that went down, when its HostDown passes', async () => {
    const scope = { accountId: farm.demo.accountId, farmId: farm.farmId };
    const stored = (await rt.deps.store.farms.get(scope, farm.farmId))!;
    // A server with no instance and so no agent: its task stays queued until the server ends.
    const ghost = await createServerRecord(rt.deps.store, stored, { status: 'Running' });
    const queued = (await rt.deps.store.executions.listByFarm(scope, { limit: 1 })).items[0]!;
    const task = {
      ...queued,
      id: executionIdOf('ghost', hostUpRule.id, ghost.id),
      serverId: ghost.id,
      status: 'queued' as const,
      version: 1,
    };
    await rt.deps.store.executions.create(task);

    const hostDown: DroverEvent = {
      id: `ghost-down-${Date.now()}`,
      name: 'HostDown',
      accountId: scope.accountId,
      environmentId: stored.environmentId,
      farmId: stored.id,
      farmRoleId: ghost.farmRoleId,
      serverId: ghost.id,
      actor: 'system',
      message: 'gone',
      payload: {},
      at: new Date().toISOString(),
    };
    await rt.bus.publish([hostDown]);
    await new Promise((r) => setTimeout(r, 10));
    await rt.orchestration.idle();

    expect((await rt.deps.store.executions.get(scope, task.id))?.status).toBe('cancelled');
    expect(await rt.deps.store.executions.listOpenForServer({ ...scope, serverId: ghost.id })).toEqual([]);
    expect((await orchestrateEvent(rt.orchestration.deps, hostDown)).cancelled).toBe(0);
  });
});
