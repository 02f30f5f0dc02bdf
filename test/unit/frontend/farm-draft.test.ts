// The farm form's draft ↔ the shared FarmSpec: what a person types becomes the API's input, and
// the schema's issues land under the fields that caused them.
import { describe, expect, it } from 'vitest';
import { emptyFarm, emptyFarmRole, type FarmDraft, toSpecInput } from '../../../frontend/lib/farm-draft';
import { errorAt, errorsFromIssues, errorsFromZod } from '../../../frontend/lib/field-errors';
import { FarmSpec } from '../../../functions/domain/schemas/farm';

const ROLE = 'role-01hzy3k5q8w2m4n6p8r0t2v4x6';
const CREDS = 'cred-01hzy3k5q8w2m4n6p8r0t2v4x6';

function draftWith(patch: Partial<FarmDraft['farmRoles'][number]> = {}): FarmDraft {
  const farmRole = {
    ...emptyFarmRole('aws', 'web'),
    roleId: ROLE,
    credentialsId: CREDS,
    region: 'us-east-1',
    zones: ['us-east-1a'],
    instanceType: 't3.small',
    ...patch,
  };
  return { ...emptyFarm(), name: 'shop', farmRoles: [farmRole] };
}

function errorsOf(draft: FarmDraft) {
  const parsed = FarmSpec.safeParse(toSpecInput(draft));
  return parsed.success ? {} : errorsFromZod(parsed.error);
}

describe('toSpecInput', () => {
  it('turns typed text into a valid spec: numbers, comma lists, key=value tags', () => {
    const draft = draftWith({
      minInstances: '2',
      maxInstances: ' 4',
      tags: 'team=web\n\ncost-centre = 42 ',
      aws: {
        vpcId: 'vpc-0123abcd',
        subnetIds: 'subnet-0123abcd, subnet-4567ef01',
        securityGroupIds: '',
        associatePublicIp: true,
        iamInstanceProfile: '',
      },
    });
    const spec = FarmSpec.parse(toSpecInput(draft));
    expect(spec.farmRoles[0]).toMatchObject({
      minInstances: 2,
      maxInstances: 4,
      tags: { team: 'web', 'cost-centre': '42' },
      network: {
        vpcId: 'vpc-0123abcd',
        subnetIds: ['subnet-0123abcd', 'subnet-4567ef01'],
        associatePublicIp: true,
      },
      launchTimeoutSec: 900,
    });
    expect(spec.farmRoles[0]).not.toHaveProperty('iamInstanceProfile');
  });

  it('sends no lease for an empty date and an ISO time for a chosen one', () => {
    expect(toSpecInput(draftWith()).leaseExpiresAt).toBeNull();
    const chosen = toSpecInput({ ...draftWith(), leaseExpiresAt: '2030-01-31T09:30' }).leaseExpiresAt;
    expect(new Date(chosen!).getTime()).toBe(new Date('2030-01-31T09:30').getTime());
  });

  it.each([
    [
      'min above max',
      { minInstances: '3', maxInstances: '2' },
      'farmRoles.0.minInstances',
      'must not exceed maxInstances (2)',
    ],
    ['an empty required number', { maxInstances: '' }, 'farmRoles.0.maxInstances', 'required'],
    ['text in a number', { launchOrder: 'soon' }, 'farmRoles.0.launchOrder', 'must be a number'],
    ['no zone', { zones: [] }, 'farmRoles.0.zones', 'at least one zone'],
  ])('puts %s under its field', (_why, patch, path, message) => {
    expect(errorAt(errorsOf(draftWith(patch)), path)).toBe(message);
  });

  it('shows an error inside a list under the list field', () => {
    const draft = draftWith({
      aws: {
        vpcId: '',
        subnetIds: 'subnet-0123abcd, net-1',
        securityGroupIds: '',
        associatePublicIp: false,
        iamInstanceProfile: '',
      },
    });
    expect(errorAt(errorsOf(draft), 'farmRoles.0.network.subnetIds')).toBe('must be a subnet id');
  });
});

describe('errorsFromIssues', () => {
  it("keeps the API's body issues by path and leaves query and header issues to the page", () => {
    const errors = errorsFromIssues([
      { in: 'body', path: 'farmRoles.0.region', message: 'role base has no aws image for eu-west-1' },
      { in: 'header', path: 'if-match', message: 'must be an ETag' },
    ]);
    expect(errors).toEqual({ 'farmRoles.0.region': 'role base has no aws image for eu-west-1' });
  });
});
