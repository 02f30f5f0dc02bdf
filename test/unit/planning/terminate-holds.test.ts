// The BeforeHostTerminate hold as a plan decision: which facts it needs, and which terminates wait.
import { describe, expect, it } from 'vitest';
import {
  type FarmAction,
  holdTerminates,
  type Terminate,
  terminateHoldQuestions,
} from '../../../functions/domain/planning';
import type { Execution, OrchestrationRule } from '../../../functions/domain/schemas/orchestration';
import type { Server } from '../../../functions/domain/schemas/server';
import { farmRole, iso, SEC, server } from './farm-fixtures';

const role = { ...farmRole(1), roleId: 'role-1' };
const farm = { environmentId: 'env-1', farmRoles: [role] };
const now = new Date(iso(0));

const running = server(1, role, 'Running');
const pendingTerminate = server(2, role, 'Pending Terminate', {
  timestamps: {
    'Pending Launch': iso(-600 * SEC),
    Running: iso(-300 * SEC),
    'Pending Terminate': iso(-10 * SEC),
  },
});
const booting = server(3, role, 'Pending');

function terminate(s: Server, first: boolean): Terminate {
  return {
    type: 'terminate',
    serverId: s.id,
    farmRoleId: s.farmRoleId,
    expectedVersion: s.version,
    from: s.status,
    reason: 'scale in',
    cause: first ? 'scale-in' : 'retry',
    recordStatus: first ? 'Pending Terminate' : null,
    target: {
      platform: 'aws',
      credentialsId: s.credentialsId,
      region: s.region,
      zone: s.zone,
      instanceId: s.instanceId!,
    },
  };
}

const rule = (over: Partial<OrchestrationRule> = {}) =>
  ({ enabled: true, event: 'BeforeHostTerminate', scope: { kind: 'account' }, ...over }) as OrchestrationRule;
const openRun = (timeoutSeconds: number) =>
  ({
    eventName: 'BeforeHostTerminate',
    blocking: true,
    status: 'running',
    timeoutSeconds,
    startedAt: null,
  }) as unknown as Execution;

const servers = new Map([running, pendingTerminate, booting].map((s) => [s.id, s]));
const holdOf = (actions: FarmAction[], facts: { rules?: OrchestrationRule[]; open?: Execution[] }) =>
  (
    holdTerminates(actions, {
      farm,
      servers,
      facts: { rules: facts.rules ?? [], openExecutions: new Map([[pendingTerminate.id, facts.open ?? []]]) },
      now,
    })[0] as Terminate
  ).hold;

describe('terminateHoldQuestions', () => {
  it('asks for the rules for a live server’s first terminate, for open executions on later ones, for nothing otherwise', () => {
    expect(terminateHoldQuestions([terminate(running, true)], servers)).toEqual({
      rules: true,
      openExecutionsOf: [],
    });
    expect(terminateHoldQuestions([terminate(pendingTerminate, false)], servers)).toEqual({
      rules: false,
      openExecutionsOf: [pendingTerminate.id],
    });
    expect(terminateHoldQuestions([terminate(booting, true)], servers)).toEqual({
      rules: false,
      openExecutionsOf: [],
    });
    expect(terminateHoldQuestions([], servers)).toEqual({ rules: false, openExecutionsOf: [] });
  });
});

describe('holdTerminates', () => {
  it.each([
    [
      'a live server’s first terminate waits when an enabled rule could queue scripts',
      terminate(running, true),
      { rules: [rule()] },
      { until: null },
    ],
    ['not for a disabled rule', terminate(running, true), { rules: [rule({ enabled: false })] }, undefined],
    [
      'not for another event’s rule',
      terminate(running, true),
      { rules: [rule({ event: 'HostDown' })] },
      undefined,
    ],
    [
      'not for a rule scoped to another farm',
      terminate(running, true),
      { rules: [rule({ scope: { kind: 'farm', farmId: 'farm-other' } } as Partial<OrchestrationRule>)] },
      undefined,
    ],
    ['a booting server’s terminate never waits', terminate(booting, true), { rules: [rule()] }, undefined],
    [
      'a later pass waits while a blocking script runs: until its timeout and the report grace',
      terminate(pendingTerminate, false),
      { open: [openRun(60)] },
      { until: iso(-10 * SEC + 60 * SEC + 15 * SEC) },
    ],
    ['and lets go once nothing is open', terminate(pendingTerminate, false), { open: [] }, undefined],
  ])('%s', (_why, action, facts, expected) => {
    expect(holdOf([action], facts)).toEqual(expected);
  });

  it('leaves every other action as it is', () => {
    const actions: FarmAction[] = [{ type: 'farmStatus', from: 'Running', to: 'Terminating', reason: 'x' }];
    expect(
      holdTerminates(actions, { farm, servers, facts: { rules: [rule()], openExecutions: new Map() }, now }),
    ).toEqual(actions);
  });
});
