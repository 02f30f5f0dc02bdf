// The scaling schema as the farm API applies it: bad rules are refused at their field path,
// defaults fill what a rule leaves out, and the agent metric list is what rules may name.
import { describe, expect, it } from 'vitest';
import { FarmSpec } from '../../../functions/domain/schemas';
import { AGENT_METRIC_NAMES, agentMetricsUsed, Scaling } from '../../../functions/domain/schemas/scaling';
import { cpuRule, queueRule } from './scaling-fixtures';

const farmWith = (scaling: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'web',
  farmRoles: [
    {
      platform: 'aws',
      alias: 'web',
      roleId: 'role-00000000000000000000000001',
      credentialsId: 'cred-00000000000000000000000001',
      region: 'us-east-1',
      zones: ['us-east-1a'],
      instanceType: 't3.small',
      minInstances: 1,
      maxInstances: 4,
      scaling,
      ...extra,
    },
  ],
});

const issuesOf = (spec: unknown) => {
  const parsed = FarmSpec.safeParse(spec);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const at = 'farmRoles.0.scaling';
const berlin = {
  name: 'office',
  timeZone: 'Europe/Berlin',
  start: '08:00',
  end: '18:00',
  minInstances: 1,
  maxInstances: 2,
};

describe('Scaling schema', () => {
  it.each([
    [
      'an unknown agent metric',
      { rules: [cpuRule({ source: { type: 'agent', metric: 'cpu' } })] },
      `${at}.rules.0.source.metric`,
    ],
    ['a target of 0', { rules: [cpuRule({ target: 0 })] }, `${at}.rules.0.target`],
    [
      'a threshold whose lower is not below upper',
      {
        rules: [
          { mode: 'threshold', name: 'la', source: { type: 'agent', metric: 'load5' }, lower: 5, upper: 2 },
        ],
      },
      `${at}.rules.0.lower`,
    ],
    ['two rules of one name', { rules: [cpuRule(), cpuRule()] }, `${at}.rules.1.name`],
    ['an unknown mode', { rules: [{ ...cpuRule(), mode: 'magic' }] }, `${at}.rules.0.mode`],
    [
      'a queue URL that is not one',
      { rules: [queueRule({ source: { type: 'sqs', queueUrl: 'jobs' } })] },
      `${at}.rules.0.source.queueUrl`,
    ],
    [
      'a relative custom metric path',
      { rules: [cpuRule({ source: { type: 'custom', name: 'jobs', read: 'file', path: 'jobs.txt' } })] },
      `${at}.rules.0.source.path`,
    ],
    ['a window shorter than a minute', { rules: [cpuRule({ windowSec: 10 })] }, `${at}.rules.0.windowSec`],
    [
      'a time zone Intl does not know',
      { schedules: [{ ...berlin, timeZone: 'Mars/Olympus' }] },
      `${at}.schedules.0.timeZone`,
    ],
    ['a time that is not one', { schedules: [{ ...berlin, start: '8am' }] }, `${at}.schedules.0.start`],
    [
      'a window that ends as it starts',
      { schedules: [{ ...berlin, end: '08:00' }] },
      `${at}.schedules.0.end`,
    ],
    [
      'a schedule min above its max',
      { schedules: [{ ...berlin, minInstances: 3 }] },
      `${at}.schedules.0.minInstances`,
    ],
    [
      "a schedule max above the farm role's",
      { schedules: [{ ...berlin, maxInstances: 9 }] },
      `${at}.schedules.0.maxInstances`,
    ],
    ['an unknown day', { schedules: [{ ...berlin, days: ['monday'] }] }, `${at}.schedules.0.days.0`],
    ['an unknown setting', { scaleIn: { coolDown: 5 } }, `${at}.scaleIn`],
    ['a negative cooldown', { scaleOut: { cooldownSec: -1 } }, `${at}.scaleOut.cooldownSec`],
    ['an unknown scale-in action', { scaleIn: { action: 'stop' } }, `${at}.scaleIn.action`],
  ])('refuses %s at its field path', (_reason, scaling, path) => {
    expect(issuesOf(farmWith(scaling)).map((i) => i.path)).toContain(path);
  });

  it('asks a queue rule on a GCE farm role for the AWS credentials to read it with', () => {
    const gce = {
      platform: 'gce',
      region: 'us-central1',
      zones: ['us-central1-a'],
      instanceType: 'e2-small',
    };
    expect(issuesOf(farmWith({ rules: [queueRule()] }, gce)).map((i) => i.path)).toEqual([
      `${at}.rules.0.source.credentialsId`,
    ]);
    const named = queueRule({
      source: { ...queueRule().source, credentialsId: 'cred-00000000000000000000000002' },
    });
    expect(issuesOf(farmWith({ rules: [named] }, gce))).toEqual([]);
    expect(issuesOf(farmWith({ rules: [queueRule()] }))).toEqual([]);
  });

  it('accepts a farm role without scaling, as before', () => {
    expect(issuesOf(farmWith(undefined))).toEqual([]);
  });

  it('fills every setting a rule leaves out', () => {
    expect(Scaling.parse({ rules: [cpuRule()] })).toEqual({
      enabled: true,
      rules: [
        {
          ...cpuRule(),
          aggregate: 'avg',
          windowSec: 300,
          breachesOut: 1,
          missingData: 'abstain',
          tolerancePercent: 10,
        },
      ],
      schedules: [],
      scaleOut: { maxStepCount: 10, maxStepPercent: 100, cooldownSec: 120 },
      scaleIn: {
        maxStepCount: 10,
        maxStepPercent: 50,
        cooldownSec: 300,
        stabilizationSec: 300,
        action: 'terminate',
      },
      warmUpSec: 300,
    });
  });

  it('names the agent metrics a farm role uses, in the one list order', () => {
    const scaling = Scaling.parse({
      rules: [
        {
          mode: 'threshold',
          name: 'ram',
          source: { type: 'agent', metric: 'memoryFreeMiB' },
          lower: 1,
          upper: 2,
        },
        cpuRule(),
        queueRule(),
      ],
    });
    expect(agentMetricsUsed(scaling)).toEqual(['cpuPercent', 'memoryFreeMiB']);
    expect(agentMetricsUsed(undefined)).toEqual([]);
    expect(AGENT_METRIC_NAMES).toContain('networkInBytesPerSec');
  });
});
