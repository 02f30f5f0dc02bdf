// matchEvent: which endpoints an event goes to, once each, under which webhooks and with which
// attempt limit.
import { describe, expect, it } from 'vitest';
import { type MatchableWebhook, matchEvent } from '../../../functions/services/webhooks/match';

const ENV = 'env-00000000000000000000000001';
const OTHER_ENV = 'env-00000000000000000000000002';
const FARM = 'farm-00000000000000000000000001';
const OTHER_FARM = 'farm-00000000000000000000000002';
const FR = 'fr-00000000000000000000000001';
const E1 = 'whe-00000000000000000000000001';
const E2 = 'whe-00000000000000000000000002';
const OFF = 'whe-00000000000000000000000009';

const endpoints = [
  { id: E1, enabled: true },
  { id: E2, enabled: true },
  { id: OFF, enabled: false },
];

const webhook = (id: string, overrides: Partial<MatchableWebhook> = {}): MatchableWebhook => ({
  id: `wh-0000000000000000000000000${id}`,
  environmentId: ENV,
  enabled: true,
  events: ['HostUp'],
  farmIds: [],
  farmRoleIds: [],
  endpointIds: [E1],
  maxAttempts: 3,
  ...overrides,
});

const hostUp = { name: 'HostUp', environmentId: ENV, farmId: FARM, farmRoleId: FR };

const cases: {
  why: string;
  event: { name: string; environmentId: string; farmId?: string; farmRoleId?: string };
  webhooks: MatchableWebhook[];
  expected: { endpointId: string; webhookIds: string[]; attemptLimit: number }[];
}[] = [
  {
    why: 'a webhook naming the event sends it to its endpoint',
    event: hostUp,
    webhooks: [webhook('1')],
    expected: [{ endpointId: E1, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 }],
  },
  {
    why: 'another event name does not match',
    event: { ...hostUp, name: 'HostDown' },
    webhooks: [webhook('1')],
    expected: [],
  },
  {
    why: '* matches every event, custom ones too',
    event: { ...hostUp, name: 'DeployFinished' },
    webhooks: [webhook('1', { events: ['*'] })],
    expected: [{ endpointId: E1, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 }],
  },
  {
    why: 'a custom event name matches when named',
    event: { ...hostUp, name: 'DeployFinished' },
    webhooks: [webhook('1', { events: ['DeployFinished'] })],
    expected: [{ endpointId: E1, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 }],
  },
  {
    why: 'a disabled webhook sends nothing',
    event: hostUp,
    webhooks: [webhook('1', { enabled: false })],
    expected: [],
  },
  {
    why: 'a webhook of another environment sends nothing',
    event: hostUp,
    webhooks: [webhook('1', { environmentId: OTHER_ENV })],
    expected: [],
  },
  {
    why: 'a disabled endpoint is skipped',
    event: hostUp,
    webhooks: [webhook('1', { endpointIds: [OFF, E2] })],
    expected: [{ endpointId: E2, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 }],
  },
  {
    why: 'an endpoint that no longer exists is skipped',
    event: hostUp,
    webhooks: [webhook('1', { endpointIds: ['whe-00000000000000000000000077'] })],
    expected: [],
  },
  {
    why: 'the farm filter admits its farm',
    event: hostUp,
    webhooks: [webhook('1', { farmIds: [FARM] })],
    expected: [{ endpointId: E1, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 }],
  },
  {
    why: 'the farm filter refuses another farm',
    event: hostUp,
    webhooks: [webhook('1', { farmIds: [OTHER_FARM] })],
    expected: [],
  },
  {
    why: 'the farm filter refuses an event with no farm',
    event: { name: 'HostUp', environmentId: ENV },
    webhooks: [webhook('1', { farmIds: [FARM] })],
    expected: [],
  },
  {
    why: 'the farm role filter refuses another farm role',
    event: hostUp,
    webhooks: [webhook('1', { farmRoleIds: ['fr-00000000000000000000000002'] })],
    expected: [],
  },
  {
    why: 'two webhooks on one endpoint make one delivery with the larger attempt limit',
    event: hostUp,
    webhooks: [webhook('2', { maxAttempts: 5 }), webhook('1', { maxAttempts: 2 })],
    expected: [
      {
        endpointId: E1,
        webhookIds: ['wh-00000000000000000000000001', 'wh-00000000000000000000000002'],
        attemptLimit: 5,
      },
    ],
  },
  {
    why: 'one webhook on two endpoints makes two deliveries, sorted by endpoint',
    event: hostUp,
    webhooks: [webhook('1', { endpointIds: [E2, E1] })],
    expected: [
      { endpointId: E1, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 },
      { endpointId: E2, webhookIds: ['wh-00000000000000000000000001'], attemptLimit: 3 },
    ],
  },
];

describe('matchEvent', () => {
  it.each(cases)('$why', ({ event, webhooks, expected }) => {
    expect(matchEvent(event, webhooks, endpoints)).toEqual(expected);
  });
});
