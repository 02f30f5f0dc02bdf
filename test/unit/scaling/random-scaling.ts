// fast-check arbitraries for decideScale: a farm role with random bounds, rules, schedules and
// settings (always valid under the Scaling schema), random live servers, samples and memory.
import fc from 'fast-check';
import type { MetricSample, ScaleInput, ScalingServer } from '../../../functions/domain/scaling';
import { Scaling } from '../../../functions/domain/schemas/scaling';
import { iso, MIN, QUEUE_KEY, T0 } from './scaling-fixtures';

const breaches = { breachesOut: fc.integer({ min: 1, max: 3 }), breachesIn: fc.integer({ min: 1, max: 3 }) };
const missingData = fc.constantFrom('abstain', 'block-scale-in');

const ruleArbs = [
  fc
    .record({
      target: fc.integer({ min: 10, max: 90 }),
      tolerancePercent: fc.integer({ min: 0, max: 20 }),
      missingData,
      ...breaches,
    })
    .map((r) => ({ ...r, mode: 'target', name: 'cpu', source: { type: 'agent', metric: 'cpuPercent' } })),
  fc
    .record({
      perInstance: fc.integer({ min: 1, max: 200 }),
      aggregate: fc.constantFrom('avg', 'max', 'sum'),
      missingData,
      ...breaches,
    })
    .map((r) => ({
      ...r,
      mode: 'per-instance',
      name: 'queue',
      source: { type: 'sqs', queueUrl: 'http://localhost:4566/000000000000/jobs' },
    })),
  fc
    .record({
      lower: fc.integer({ min: 0, max: 4 }),
      gap: fc.integer({ min: 1, max: 4 }),
      inverted: fc.boolean(),
      stepOut: fc.integer({ min: 1, max: 3 }),
      stepIn: fc.integer({ min: 1, max: 3 }),
      aggregate: fc.constantFrom('avg', 'p90', 'min'),
      missingData,
      ...breaches,
    })
    .map(({ gap, ...r }) => ({
      ...r,
      upper: r.lower + gap,
      mode: 'threshold',
      name: 'load',
      source: { type: 'agent', metric: 'load1' },
    })),
  fc
    .record({ target: fc.integer({ min: 1, max: 50 }), missingData, ...breaches })
    .map((r) => ({ ...r, mode: 'target', name: 'pushed', source: { type: 'pushed', name: 'rps' } })),
];

const KEYS = ['cpuPercent', QUEUE_KEY, 'load1', 'pushed:rps'] as const;

const scheduleArb = fc.record({
  name: fc.constant('window'),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
  start: fc.constantFrom('00:00', '08:00', '12:00', '22:00'),
  end: fc.constantFrom('06:00', '13:00', '18:00', '24:00'),
  minInstances: fc.integer({ min: 0, max: 4 }),
  extra: fc.integer({ min: 0, max: 4 }),
});

const settingsArb = fc.record({
  warmUpSec: fc.constantFrom(0, 120, 600),
  scaleOut: fc.record({
    cooldownSec: fc.constantFrom(0, 120, 600),
    maxStepCount: fc.integer({ min: 1, max: 5 }),
    maxStepPercent: fc.constantFrom(10, 50, 100, 300),
  }),
  scaleIn: fc.record({
    cooldownSec: fc.constantFrom(0, 300),
    stabilizationSec: fc.constantFrom(0, 300, 900),
    maxStepCount: fc.integer({ min: 1, max: 5 }),
    maxStepPercent: fc.constantFrom(10, 50, 100),
  }),
});

export const scalingArb = fc
  .record({
    rules: fc
      .subarray(ruleArbs.map((_, i) => i))
      .chain((picked) => fc.tuple(...picked.map((i) => ruleArbs[i]!))),
    schedules: fc.array(scheduleArb, { maxLength: 2 }),
    settings: settingsArb,
    max: fc.integer({ min: 0, max: 12 }),
  })
  .map(({ rules, schedules, settings, max }) => ({
    max,
    scaling: Scaling.parse({
      ...settings,
      rules,
      schedules: schedules.map(({ extra, ...w }, i) => ({
        ...w,
        name: `w${i}`,
        maxInstances: Math.min(max, w.minInstances + extra),
        minInstances: Math.min(max, w.minInstances),
      })),
    }),
  }));

const serverArb = (i: number) =>
  fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }).map(
    (minutesAgo): ScalingServer => ({
      id: `s${i}`,
      readyAt: minutesAgo === null ? null : T0 - minutesAgo * MIN,
    }),
  );

const samplesArb = (servers: ScalingServer[]) =>
  fc.record(
    Object.fromEntries(
      KEYS.map((key) => [
        key,
        fc
          .array(
            fc.record({
              minutesAgo: fc.integer({ min: 0, max: 8 }),
              value: fc.integer({ min: 0, max: 1000 }),
              server: fc.integer({ min: 0, max: Math.max(0, servers.length - 1) }),
            }),
            { maxLength: 12 },
          )
          .map((list) =>
            list.map(
              ({ minutesAgo, value, server }): MetricSample => ({
                at: T0 - minutesAgo * MIN,
                value: key === 'cpuPercent' ? value % 101 : value,
                ...(key === 'cpuPercent' || key === 'load1'
                  ? { serverId: servers[server]?.id ?? 'gone' }
                  : {}),
              }),
            ),
          ),
      ]),
    ),
  );

const when = fc.option(
  fc.integer({ min: 0, max: 20 }).map((m) => iso(T0 - m * MIN)),
  { nil: null },
);

const memoryArb = fc.record({
  breaches: fc.record({
    cpu: fc.record({ out: fc.nat(3), in: fc.nat(3) }),
    queue: fc.record({ out: fc.nat(3), in: fc.nat(3) }),
    load: fc.record({ out: fc.nat(3), in: fc.nat(3) }),
  }),
  lastScaleOutAt: when,
  lastScaleInAt: when,
  recentDesired: fc.array(
    fc.record({ at: fc.integer({ min: 1, max: 20 }).map((m) => iso(T0 - m * MIN)), desired: fc.nat(14) }),
    { maxLength: 4 },
  ),
});

/**
 * A whole input at T0: bounds, scaling, 0-15 servers, samples for every key, memory. Schedule
 * windows in four zones with several start/end times are open or closed at T0 in turn.
 */
export const scaleInputArb = fc
  .record({ role: scalingArb, min: fc.nat(6), count: fc.nat(15) })
  .chain(({ role, min, count }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => serverArb(i))).chain((servers) =>
      fc.record({ samples: samplesArb(servers), memory: memoryArb }).map(
        ({ samples, memory }): ScaleInput => ({
          now: new Date(T0),
          role: { minInstances: Math.min(min, role.max), maxInstances: role.max, scaling: role.scaling },
          servers,
          samples,
          memory,
        }),
      ),
    ),
  );
