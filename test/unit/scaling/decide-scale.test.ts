// decideScale as a table: each row one rule of the design (README "Scaling"), with the
// decision fields it pins down.
import { describe, expect, it } from 'vitest';
import { decideScale } from '../../../functions/domain/scaling';
import {
  cpuRule,
  farmRoleLevel,
  input,
  iso,
  MIN,
  perServer,
  QUEUE_KEY,
  queueRule,
  readyServers,
  scaling,
  T0,
} from './scaling-fixtures';

const four = readyServers(4);
const cpuAt = (value: number, servers = four) => ({ cpuPercent: perServer(servers, value) });
const withRules = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  scaling: scaling({ rules: rules as never, ...extra }),
});

describe('decideScale', () => {
  it.each([
    [
      'target: 4 servers at 90% for 50% want ceil(4 × 1.8) = 8',
      input({ servers: four, samples: cpuAt(90), role: withRules([cpuRule()]) }),
      { desired: 8, direction: 'out', limitedBy: [] },
    ],
    [
      'target: within the 10% tolerance band holds',
      input({ servers: four, samples: cpuAt(54), role: withRules([cpuRule()]) }),
      { desired: 4, direction: 'hold' },
    ],
    [
      'target: 4 servers at 20% want 2',
      input({ servers: four, samples: cpuAt(20), role: withRules([cpuRule()]) }),
      { desired: 2, direction: 'in' },
    ],
    [
      'max caps the proposal and says so',
      input({ servers: readyServers(8), samples: cpuAt(100, readyServers(8)), role: withRules([cpuRule()]) }),
      { desired: 10, limitedBy: ['max'] },
    ],
    [
      'per-instance: an empty queue asks for 0, min keeps 1',
      input({ servers: four, samples: { [QUEUE_KEY]: farmRoleLevel(0) }, role: withRules([queueRule()]) }),
      { desired: 1, proposed: 0, limitedBy: ['min'] },
    ],
    [
      'per-instance: 950 messages at 100 per server want 10',
      input({ servers: four, samples: { [QUEUE_KEY]: farmRoleLevel(950) }, role: withRules([queueRule()]) }),
      { desired: 10 },
    ],
    [
      'scale-out waits out its cooldown',
      input({
        servers: four,
        samples: cpuAt(90),
        role: withRules([cpuRule()], { scaleOut: { cooldownSec: 120 } }),
        memory: { lastScaleOutAt: iso(T0 - MIN) },
      }),
      { desired: 4, limitedBy: ['cooldown'] },
    ],
    [
      'healing to min ignores the cooldown and the step cap',
      input({
        servers: [],
        role: {
          minInstances: 3,
          ...withRules([cpuRule()], { scaleOut: { cooldownSec: 600, maxStepCount: 1 } }),
        },
        memory: { lastScaleOutAt: iso(T0 - MIN) },
      }),
      { desired: 3, healing: true },
    ],
    [
      'healing beyond min still keeps the cooldown',
      input({
        servers: readyServers(1),
        samples: { [QUEUE_KEY]: farmRoleLevel(950) },
        role: { minInstances: 3, ...withRules([queueRule()], { scaleOut: { cooldownSec: 600 } }) },
        memory: { lastScaleOutAt: iso(T0 - MIN) },
      }),
      { desired: 3, healing: true, limitedBy: ['cooldown'] },
    ],
    [
      'a scale-out step caps the count',
      input({
        servers: four,
        samples: cpuAt(90),
        role: withRules([cpuRule()], { scaleOut: { maxStepCount: 2 } }),
      }),
      { desired: 6, limitedBy: ['step'] },
    ],
    [
      'a scale-out step caps the percent of current',
      input({
        servers: four,
        samples: cpuAt(90),
        role: withRules([cpuRule()], { scaleOut: { maxStepPercent: 25 } }),
      }),
      { desired: 5, limitedBy: ['step'] },
    ],
    [
      'a scale-in step caps the count',
      input({
        servers: four,
        samples: cpuAt(5),
        role: withRules([cpuRule()], { scaleIn: { maxStepCount: 1 } }),
      }),
      { desired: 3, limitedBy: ['step'] },
    ],
    [
      'scale-in waits while a server warms up',
      input({
        servers: [...four, { id: 'new', readyAt: T0 - MIN }],
        samples: cpuAt(10),
        role: withRules([cpuRule()], { warmUpSec: 300 }),
      }),
      { desired: 5, current: 5, ready: 4, limitedBy: ['warm-up'] },
    ],
    [
      'a booting server is capacity, so a scale-out in flight is not asked twice',
      input({
        servers: [...four, { id: 'b1', readyAt: null }, { id: 'b2', readyAt: null }],
        samples: cpuAt(70),
        role: withRules([cpuRule()]),
      }),
      { desired: 6, direction: 'hold' },
    ],
    [
      'scale-in cooldown counts from the last scale-out',
      input({
        servers: four,
        samples: cpuAt(10),
        role: withRules([cpuRule()], { scaleIn: { cooldownSec: 300 } }),
        memory: { lastScaleOutAt: iso(T0 - 2 * MIN) },
      }),
      { desired: 4, limitedBy: ['cooldown'] },
    ],
    [
      'stabilization: no lower than the highest desired of the window',
      input({
        servers: four,
        samples: cpuAt(10),
        role: withRules([cpuRule()], { scaleIn: { stabilizationSec: 300 } }),
        memory: { recentDesired: [{ at: iso(T0 - 2 * MIN), desired: 3 }] },
      }),
      { desired: 3, limitedBy: ['stabilization'] },
    ],
    [
      'stabilization forgets what is older than its window',
      input({
        servers: four,
        samples: cpuAt(10),
        role: withRules([cpuRule()], { scaleIn: { stabilizationSec: 300 } }),
        memory: { recentDesired: [{ at: iso(T0 - 6 * MIN), desired: 3 }] },
      }),
      { desired: 1, limitedBy: [] },
    ],
    [
      'breachesOut: a first breach of two votes hold',
      input({ servers: four, samples: cpuAt(90), role: withRules([cpuRule({ breachesOut: 2 })]) }),
      {
        desired: 4,
        rules: [expect.objectContaining({ direction: 'out', vote: 'hold', breaches: { out: 1, in: 0 } })],
      },
    ],
    [
      'breachesOut: the second consecutive breach acts',
      input({
        servers: four,
        samples: cpuAt(90),
        role: withRules([cpuRule({ breachesOut: 2 })]),
        memory: { breaches: { cpu: { out: 1, in: 0 } } },
      }),
      { desired: 8 },
    ],
    [
      'any rule voting out scales out, the largest proposal wins',
      input({
        servers: four,
        samples: { ...cpuAt(10), [QUEUE_KEY]: farmRoleLevel(600) },
        role: withRules([cpuRule(), queueRule()]),
      }),
      { desired: 6, direction: 'out' },
    ],
    [
      'scale-in needs every rule: one holding keeps all',
      input({
        servers: four,
        samples: { ...cpuAt(10), [QUEUE_KEY]: farmRoleLevel(400) },
        role: withRules([cpuRule(), queueRule()]),
      }),
      { desired: 4, direction: 'hold' },
    ],
    [
      'scale-in with every rule agreeing takes the largest proposal',
      input({
        servers: four,
        samples: { ...cpuAt(10), [QUEUE_KEY]: farmRoleLevel(250) },
        role: withRules([cpuRule(), queueRule()]),
      }),
      { desired: 3, direction: 'in' },
    ],
    [
      'missing data abstains: the other rule decides',
      input({ servers: four, samples: cpuAt(10), role: withRules([cpuRule(), queueRule()]) }),
      {
        desired: 1,
        rules: [
          expect.objectContaining({ rule: 'cpu' }),
          expect.objectContaining({ rule: 'queue', abstained: true, value: null, proposal: null }),
        ],
      },
    ],
    [
      'missing data can block scale-in',
      input({
        servers: four,
        samples: cpuAt(10),
        role: withRules([cpuRule(), queueRule({ missingData: 'block-scale-in' })]),
      }),
      { desired: 4, direction: 'hold' },
    ],
    [
      'every rule without data holds',
      input({ servers: four, role: withRules([cpuRule()]) }),
      { desired: 4, direction: 'hold' },
    ],
    [
      'threshold inverted: free memory below lower adds stepOut',
      input({
        servers: four,
        samples: { memoryFreeMiB: perServer(four, 100) },
        role: withRules([
          {
            mode: 'threshold',
            name: 'ram',
            source: { type: 'agent', metric: 'memoryFreeMiB' },
            lower: 256,
            upper: 2048,
            inverted: true,
            stepOut: 2,
          },
        ]),
      }),
      { desired: 6 },
    ],
    [
      'threshold: between lower and upper holds',
      input({
        servers: four,
        samples: cpuAt(50),
        role: withRules([
          {
            mode: 'threshold',
            name: 'la',
            source: { type: 'agent', metric: 'cpuPercent' },
            lower: 20,
            upper: 80,
            breachesIn: 1,
          },
        ]),
      }),
      { desired: 4 },
    ],
    [
      'samples older than the window are not read',
      input({
        servers: four,
        samples: { cpuPercent: four.map((s) => ({ at: T0 - 10 * MIN, value: 99, serverId: s.id })) },
        role: withRules([cpuRule({ windowSec: 300 })]),
      }),
      { desired: 4, rules: [expect.objectContaining({ samples: 0 })] },
    ],
    [
      'disabled scaling keeps to min, as before scaling',
      input({
        servers: four,
        samples: cpuAt(99),
        role: { minInstances: 2, ...withRules([cpuRule()], { enabled: false }) },
      }),
      { desired: 2 },
    ],
    [
      'above max is trimmed at once, cooldowns or not',
      input({
        servers: readyServers(12),
        role: withRules([cpuRule()], { scaleIn: { cooldownSec: 600, maxStepCount: 1 } }),
        memory: { lastScaleInAt: iso(T0 - MIN) },
      }),
      { desired: 10, limitedBy: ['max'] },
    ],
  ])('%s', (_reason, scaleInput, expected) => {
    expect(decideScale(scaleInput).decision).toMatchObject(expected);
  });

  it('records what it will need next time: breaches, the action, the recent desired counts', () => {
    const first = decideScale(
      input({
        servers: four,
        samples: cpuAt(90),
        role: withRules([cpuRule()], { scaleIn: { stabilizationSec: 300 } }),
      }),
    );
    expect(first.memory).toEqual({
      breaches: { cpu: { out: 1, in: 0 } },
      lastScaleOutAt: iso(T0),
      lastScaleInAt: null,
      recentDesired: [{ at: iso(T0), desired: 8 }],
    });
  });

  it('keeps recent desired counts as a descending run (a sliding-window maximum)', () => {
    const { memory } = decideScale(
      input({
        servers: four,
        samples: cpuAt(60),
        role: withRules([cpuRule()], { scaleIn: { stabilizationSec: 300 } }),
        memory: {
          recentDesired: [
            { at: iso(T0 - 3 * MIN), desired: 9 },
            { at: iso(T0 - 2 * MIN), desired: 4 },
            { at: iso(T0 - MIN), desired: 6 },
          ],
        },
      }),
    );
    expect(memory.recentDesired).toEqual([
      { at: iso(T0 - 3 * MIN), desired: 9 },
      { at: iso(T0 - MIN), desired: 6 },
      { at: iso(T0), desired: 5 },
    ]);
  });

  it('leaves warming servers out of the value', () => {
    const warming = { id: 'w1', readyAt: T0 - MIN };
    const { decision } = decideScale(
      input({
        servers: [...four, warming],
        samples: { cpuPercent: [...perServer(four, 40), ...perServer([warming], 100)] },
        role: withRules([cpuRule()], { warmUpSec: 300 }),
      }),
    );
    expect(decision.rules[0]).toMatchObject({ value: 40, samples: 20 });
  });
});
