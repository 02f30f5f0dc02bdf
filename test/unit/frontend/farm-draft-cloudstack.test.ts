// A CloudStack farm role in the farm form: the stored placement (guest networks, security groups,
// key pair) becomes the form's text and comes back unchanged, typed text becomes the spec's lists,
// and the schema's issues land under the CloudStack fields.
import { describe, expect, it } from 'vitest';
import {
  emptyFarm,
  emptyFarmRole,
  type FarmDraft,
  farmDraft,
  toSpecInput,
} from '../../../frontend/lib/farm-draft';
import { errorsFromZod } from '../../../frontend/lib/field-errors';
import { Farm, FarmSpec } from '../../../functions/domain/schemas/farm';

const id = (prefix: string) => `${prefix}-01hzy3k5q8w2m4n6p8r0t2v4x6`;
const T = '2026-06-10T12:00:00.000Z';

function draftWith(cloudstack: Partial<FarmDraft['farmRoles'][number]['cloudstack']>, zones = ['zone-1']) {
  const empty = emptyFarmRole('cloudstack', 'app');
  const farmRole = {
    ...empty,
    roleId: id('role'),
    credentialsId: id('cred'),
    region: 'zone-1',
    zones,
    instanceType: 'Small Instance',
    cloudstack: { ...empty.cloudstack, ...cloudstack },
  };
  return { ...emptyFarm(), name: 'shop', farmRoles: [farmRole] };
}

describe('a CloudStack farm role draft', () => {
  it('turns typed text into the spec’s networks, security groups and key pair', () => {
    const spec = FarmSpec.parse(
      toSpecInput(
        draftWith({ networks: 'guest-net-1, guest-net-2', securityGroups: 'web,default', keyPair: ' ' }),
      ),
    );
    expect(spec.farmRoles[0]).toMatchObject({
      platform: 'cloudstack',
      instanceType: 'Small Instance',
      network: { networks: ['guest-net-1', 'guest-net-2'], securityGroups: ['web', 'default'] },
    });
    expect(spec.farmRoles[0]?.network).not.toHaveProperty('keyPair');
  });

  it('shows a stored farm role’s placement and saves it back unchanged', () => {
    const network = { networks: ['guest-net-1'], securityGroups: ['web'], keyPair: 'sandbox-key' };
    const farm = Farm.parse({
      id: id('farm'),
      accountId: id('acc'),
      environmentId: id('env'),
      status: 'Running',
      ownerId: id('usr'),
      name: 'shop',
      version: 1,
      createdAt: T,
      updatedAt: T,
      farmRoles: [
        {
          id: id('fr'),
          platform: 'cloudstack',
          alias: 'app',
          roleId: id('role'),
          credentialsId: id('cred'),
          region: 'zone-1',
          zones: ['zone-1'],
          instanceType: 'Small Instance',
          minInstances: 1,
          maxInstances: 2,
          network,
        },
      ],
    });
    const draft = farmDraft(farm);
    expect(draft.farmRoles[0]?.cloudstack).toEqual({
      networks: 'guest-net-1',
      securityGroups: 'web',
      keyPair: 'sandbox-key',
    });
    expect(FarmSpec.parse(toSpecInput(draft)).farmRoles[0]?.network).toEqual(network);
  });

  it('puts a zone outside the region under that zone’s field', () => {
    const parsed = FarmSpec.safeParse(toSpecInput(draftWith({}, ['zone-2'])));
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(errorsFromZod(parsed.error)).toMatchObject({
        'farmRoles.0.zones.0': 'a CloudStack zone is its region: must be zone-1',
      });
  });
});
