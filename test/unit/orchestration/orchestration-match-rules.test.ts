// matchRules: which rules an event sets off and on which servers, as a table with a reason per
// row, then invariants over random rules, servers and events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CandidateServer,
  matchRules,
  type OrchestrationEvent,
  type ScriptFacts,
} from '../../../functions/domain/orchestration/match-rules';
import type {
  OrchestrationRule,
  RuleScope,
  RuleTarget,
} from '../../../functions/domain/schemas/orchestration';
import type { ServerStatus } from '../../../functions/domain/schemas/server';

const ACC = 'acc-00000000000000000000000000';
const ENV = 'env-00000000000000000000000001';
const ENV2 = 'env-00000000000000000000000002';
const FARM = 'farm-00000000000000000000000001';
const FARM2 = 'farm-00000000000000000000000002';
const FR = 'fr-00000000000000000000000001';
const FR2 = 'fr-00000000000000000000000002';
const ROLE = 'role-00000000000000000000000001';
const SCRIPT = 'scr-00000000000000000000000001';

const scripts = new Map<string, ScriptFacts>([
  [SCRIPT, { id: SCRIPT, name: 'hello', latestVersion: 3, blocking: true, timeoutSeconds: 60 }],
]);

let ruleSeq = 0;
function rule(over: Partial<OrchestrationRule> = {}): OrchestrationRule {
  ruleSeq++;
  return {
    id: `rule-${String(ruleSeq).padStart(26, '0')}`,
    accountId: ACC,
    scope: { kind: 'account' },
    event: 'HostUp',
    target: 'triggering-server',
    scriptId: SCRIPT,
    scriptVersion: null,
    order: 100,
    blocking: null,
    timeoutSeconds: null,
    runAs: 'root',
    abortOnFailure: false,
    enabled: true,
    description: '',
    version: 1,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...over,
  };
}

const server = (id: string, over: Partial<CandidateServer> = {}): CandidateServer => ({
  id,
  accountId: ACC,
  environmentId: ENV,
  farmId: FARM,
  farmRoleId: FR,
  status: 'Running',
  ...over,
});

// s1 raised the event; s2 shares its farm role; s3 is in another farm role of the farm; s4 in
// another farm of the environment; s5 in another environment; s6 is terminated.
const SERVERS = [
  server('srv-1'),
  server('srv-2'),
  server('srv-3', { farmRoleId: FR2 }),
  server('srv-4', { farmId: FARM2, farmRoleId: 'fr-00000000000000000000000009' }),
  server('srv-5', { environmentId: ENV2, farmId: 'farm-00000000000000000000000005' }),
  server('srv-6', { status: 'Terminated' }),
];

const hostUp: OrchestrationEvent = {
  id: 'evt-1',
  name: 'HostUp',
  accountId: ACC,
  environmentId: ENV,
  farmId: FARM,
  farmRoleId: FR,
  roleId: ROLE,
  serverId: 'srv-1',
};

const targetsOf = (r: OrchestrationRule, event = hostUp, servers = SERVERS) =>
  matchRules({ event, rules: [r], scripts, servers }).runs.flatMap((run) => run.servers.map((s) => s.id));

describe('matchRules: scopes', () => {
  it.each<[string, RuleScope, string[]]>([
    ['account scope runs for every farm of every environment', { kind: 'account' }, ['srv-1']],
    [
      'environment scope matches the event’s environment',
      { kind: 'environment', environmentId: ENV },
      ['srv-1'],
    ],
    ['environment scope ignores another environment', { kind: 'environment', environmentId: ENV2 }, []],
    ['role scope matches farm roles using the role', { kind: 'role', roleId: ROLE }, ['srv-1']],
    ['role scope ignores other roles', { kind: 'role', roleId: 'role-00000000000000000000000009' }, []],
    ['farm scope matches the event’s farm', { kind: 'farm', farmId: FARM }, ['srv-1']],
    ['farm scope ignores another farm', { kind: 'farm', farmId: FARM2 }, []],
    [
      'farm role scope matches the event’s farm role',
      { kind: 'farmRole', farmId: FARM, farmRoleId: FR },
      ['srv-1'],
    ],
    ['farm role scope ignores a sibling farm role', { kind: 'farmRole', farmId: FARM, farmRoleId: FR2 }, []],
  ])('%s', (_reason, scope, expected) => {
    expect(targetsOf(rule({ scope }))).toEqual(expected);
  });

  it('role and farm role scopes never match an event without a farm role', () => {
    const farmEvent = {
      ...hostUp,
      name: 'FarmLaunched',
      farmRoleId: undefined,
      roleId: undefined,
      serverId: undefined,
    };
    const rules = [
      rule({ event: 'FarmLaunched', scope: { kind: 'role', roleId: ROLE }, target: 'farm' }),
      rule({
        event: 'FarmLaunched',
        scope: { kind: 'farmRole', farmId: FARM, farmRoleId: FR },
        target: 'farm',
      }),
    ];
    expect(matchRules({ event: farmEvent, rules, scripts, servers: SERVERS }).runs).toEqual([]);
  });
});

describe('matchRules: targets', () => {
  it.each<[string, RuleTarget, string[]]>([
    ['the triggering server only', 'triggering-server', ['srv-1']],
    ['every live server of the farm, not the terminated one', 'farm', ['srv-1', 'srv-2', 'srv-3']],
    ['every live server of the farm role', 'farm-role', ['srv-1', 'srv-2']],
    [
      'every live server of the environment, never another environment',
      'environment',
      ['srv-1', 'srv-2', 'srv-3', 'srv-4'],
    ],
  ])('%s', (_reason, target, expected) => {
    expect(targetsOf(rule({ target }))).toEqual(expected);
  });

  it.each<[string, ServerStatus, string, boolean]>([
    ['a booting server gets its own BeforeHostUp scripts', 'Initializing', 'BeforeHostUp', true],
    ['a pending server gets its own HostInit scripts', 'Pending', 'HostInit', true],
    ['a pending server gets no HostUp scripts', 'Pending', 'HostUp', false],
    ['a failed server gets nothing', 'Failed', 'BeforeHostUp', false],
    ['a terminated server gets nothing', 'Terminated', 'HostUp', false],
    [
      'a server being terminated gets its own BeforeHostTerminate scripts',
      'Pending Terminate',
      'BeforeHostTerminate',
      true,
    ],
    ['a running server gets its own BeforeHostTerminate scripts', 'Running', 'BeforeHostTerminate', true],
    ['a server being terminated gets no HostUp scripts', 'Pending Terminate', 'HostUp', false],
    ['a terminated server gets no BeforeHostTerminate scripts', 'Terminated', 'BeforeHostTerminate', false],
  ])('%s', (_reason, status, event, runs) => {
    const servers = [server('srv-1', { status })];
    expect(targetsOf(rule({ event }), { ...hostUp, name: event }, servers)).toEqual(runs ? ['srv-1'] : []);
  });

  it('a triggering-server rule does nothing for an event no server raised', () => {
    expect(targetsOf(rule(), { ...hostUp, serverId: undefined })).toEqual([]);
  });
});

describe('matchRules: rules and scripts', () => {
  it('orders runs by (order, rule id) and skips disabled rules and other events', () => {
    const late = rule({ order: 200 });
    const a = rule({ order: 10 });
    const b = rule({ order: 10 });
    const off = rule({ order: 1, enabled: false });
    const other = rule({ order: 1, event: 'HostDown' });
    const { runs } = matchRules({
      event: hostUp,
      rules: [late, b, off, other, a],
      scripts,
      servers: SERVERS,
    });
    expect(runs.map((r) => r.rule.id)).toEqual([a.id, b.id, late.id]);
  });

  it('follows the latest script version unless the rule pins one', () => {
    const runs = matchRules({
      event: hostUp,
      rules: [rule({ order: 1 }), rule({ order: 2, scriptVersion: 2 })],
      scripts,
      servers: SERVERS,
    }).runs;
    expect(runs.map((r) => r.scriptVersion)).toEqual([3, 2]);
  });

  it('takes blocking and timeout from the rule, else from the script', () => {
    const [own, inherited] = matchRules({
      event: hostUp,
      rules: [rule({ order: 1, blocking: false, timeoutSeconds: 5 }), rule({ order: 2 })],
      scripts,
      servers: SERVERS,
    }).runs;
    expect([own?.blocking, own?.timeoutSeconds]).toEqual([false, 5]);
    expect([inherited?.blocking, inherited?.timeoutSeconds]).toEqual([true, 60]);
  });

  it('aborts a launch only for BeforeHostUp', () => {
    const r = rule({ abortOnFailure: true, event: 'BeforeHostUp' });
    const bhu = { ...hostUp, name: 'BeforeHostUp' };
    expect(matchRules({ event: bhu, rules: [r], scripts, servers: SERVERS }).runs[0]?.abortOnFailure).toBe(
      true,
    );
    const h = rule({ abortOnFailure: true });
    expect(matchRules({ event: hostUp, rules: [h], scripts, servers: SERVERS }).runs[0]?.abortOnFailure).toBe(
      false,
    );
  });

  it('reports rules whose script or pinned version is gone instead of running them', () => {
    const gone = rule({ scriptId: 'scr-00000000000000000000000009' });
    const tooNew = rule({ scriptVersion: 4 });
    const m = matchRules({ event: hostUp, rules: [gone, tooNew], scripts, servers: SERVERS });
    expect(m.runs).toEqual([]);
    expect(m.unresolved.map((u) => u.ruleId)).toEqual([gone.id, tooNew.id]);
  });
});

describe('matchRules: properties', () => {
  const statusArb = fc.constantFrom<ServerStatus>(
    'Pending',
    'Initializing',
    'Running',
    'Terminated',
    'Failed',
  );
  const serverArb = fc.record({
    id: fc.constantFrom('srv-1', 'srv-2', 'srv-3', 'srv-4', 'srv-5', 'srv-6'),
    accountId: fc.constantFrom(ACC, 'acc-99999999999999999999999999'),
    environmentId: fc.constantFrom(ENV, ENV2),
    farmId: fc.constantFrom(FARM, FARM2),
    farmRoleId: fc.constantFrom(FR, FR2),
    status: statusArb,
  });
  const scopeArb: fc.Arbitrary<RuleScope> = fc.oneof(
    fc.constant({ kind: 'account' as const }),
    fc.constantFrom(ENV, ENV2).map((environmentId) => ({ kind: 'environment' as const, environmentId })),
    fc.constant({ kind: 'role' as const, roleId: ROLE }),
    fc.constantFrom(FARM, FARM2).map((farmId) => ({ kind: 'farm' as const, farmId })),
    fc.constantFrom(FR, FR2).map((farmRoleId) => ({ kind: 'farmRole' as const, farmId: FARM, farmRoleId })),
  );
  const ruleArb = fc
    .record({
      n: fc.integer({ min: 1, max: 1_000_000 }),
      scope: scopeArb,
      event: fc.constantFrom('HostUp', 'BeforeHostUp', 'Custom'),
      target: fc.constantFrom<RuleTarget>('triggering-server', 'farm', 'farm-role', 'environment'),
      order: fc.integer({ min: 0, max: 3 }),
      enabled: fc.boolean(),
    })
    .map(({ n, ...over }) => rule({ ...over, id: `rule-${String(n).padStart(26, '0')}` }));
  const eventArb = fc.record({
    name: fc.constantFrom('HostUp', 'BeforeHostUp', 'Custom'),
    serverId: fc.constantFrom('srv-1', 'srv-2', undefined),
  });
  const inputArb = fc.record({
    rules: fc.uniqueArray(ruleArb, { selector: (r) => r.id, maxLength: 8 }),
    servers: fc.array(serverArb, { maxLength: 10 }),
    event: eventArb.map((e) => ({ ...hostUp, ...e })),
  });

  it('never targets a server outside the event’s account and environment, or one that is not live', () => {
    fc.assert(
      fc.property(inputArb, ({ rules, servers, event }) => {
        for (const run of matchRules({ event, rules, scripts, servers }).runs)
          for (const s of run.servers) {
            expect([s.accountId, s.environmentId]).toEqual([ACC, ENV]);
            expect(['Pending', 'Initializing', 'Running']).toContain(s.status);
          }
      }),
    );
  });

  it('gives the same runs in the same order whatever order the rules and servers come in', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), ({ rules, servers, event }, seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 101 }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.x);
        const summary = (m: ReturnType<typeof matchRules>) =>
          m.runs.map((r) => [r.rule.id, r.servers.map((s) => s.id)]);
        const uniqueServers = [...new Map(servers.map((s) => [s.id, s])).values()];
        expect(
          summary(matchRules({ event, rules: shuffle(rules), scripts, servers: shuffle(uniqueServers) })),
        ).toEqual(summary(matchRules({ event, rules, scripts, servers: uniqueServers })));
      }),
    );
  });

  it('runs only enabled rules of the event’s name, ordered by (order, id)', () => {
    fc.assert(
      fc.property(inputArb, ({ rules, servers, event }) => {
        const runs = matchRules({ event, rules, scripts, servers }).runs;
        for (const run of runs) expect([run.rule.enabled, run.rule.event]).toEqual([true, event.name]);
        const keys = runs.map((r) => [r.rule.order, r.rule.id] as const);
        const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
        expect(keys).toEqual(sorted);
      }),
    );
  });
});
