// The farm form has no Scaling tab yet: a farm role's scaling rules and schedules, set through
// the API or `drover apply`, must survive an edit of the farm in the portal untouched.
import { describe, expect, it } from 'vitest';
import { farmDraft, toSpecInput } from '../../../frontend/lib/farm-draft';
import { Farm, FarmSpec } from '../../../functions/domain/schemas/farm';

const id = (prefix: string) => `${prefix}-01hzy3k5q8w2m4n6p8r0t2v4x6`;
const T = '2026-06-10T12:00:00.000Z';

const scaling = {
  rules: [{ mode: 'target', name: 'cpu', source: { type: 'agent', metric: 'cpuPercent' }, target: 60 }],
  schedules: [
    {
      name: 'office',
      timeZone: 'Europe/Berlin',
      start: '08:00',
      end: '18:00',
      minInstances: 2,
      maxInstances: 4,
    },
  ],
  scaleIn: { action: 'suspend', stabilizationSec: 600 },
};

const stored = (withScaling: boolean) =>
  Farm.parse({
    id: id('farm'),
    accountId: id('acc'),
    environmentId: id('env'),
    status: 'Running',
    ownerId: id('usr'),
    name: 'shop',
    version: 3,
    createdAt: T,
    updatedAt: T,
    farmRoles: [
      {
        id: id('fr'),
        platform: 'aws',
        alias: 'web',
        roleId: id('role'),
        credentialsId: id('cred'),
        region: 'us-east-1',
        zones: ['us-east-1a'],
        instanceType: 't3.small',
        minInstances: 1,
        maxInstances: 4,
        ...(withScaling ? { scaling } : {}),
      },
    ],
  });

describe('farm draft and scaling', () => {
  it('keeps a farm role’s scaling as stored through an edit in the form', () => {
    const farm = stored(true);
    const spec = FarmSpec.parse(toSpecInput(farmDraft(farm)));
    expect(spec.farmRoles[0]!.scaling).toEqual(farm.farmRoles[0]!.scaling);
  });

  it('adds no scaling to a farm role that had none', () => {
    expect(toSpecInput(farmDraft(stored(false))).farmRoles?.[0]).not.toHaveProperty('scaling');
  });
});
