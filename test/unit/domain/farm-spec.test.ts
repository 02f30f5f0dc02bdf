// The farm spec's own rules: every refusal names the field path a person has to fix.
import { describe, expect, it } from 'vitest';
import { FarmSpec } from '../../../functions/domain/schemas/farm';

const ROLE = 'role-01jd7y9x2k0000000000000000';
const CRED = 'cred-01jd7y9x2k0000000000000000';
const farmRole = (overrides: Record<string, unknown> = {}) => ({
  platform: 'aws',
  roleId: ROLE,
  alias: 'web',
  credentialsId: CRED,
  region: 'us-east-1',
  zones: ['us-east-1a'],
  instanceType: 't3.small',
  minInstances: 1,
  maxInstances: 2,
  ...overrides,
});
const spec = (farmRoles: unknown[], extra: Record<string, unknown> = {}) => ({
  name: 'f',
  farmRoles,
  ...extra,
});
const paths = (input: unknown) => {
  const result = FarmSpec.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('FarmSpec', () => {
  it('accepts a minimal farm and fills the defaults', () => {
    const parsed = FarmSpec.parse(spec([farmRole()]));
    expect(parsed.farmRoles[0]).toMatchObject({
      launchOrder: 0,
      scaleInOrder: 'newest-first',
      volumes: [],
      launchTimeoutSec: 900,
    });
    expect(parsed.leaseExpiresAt).toBeNull();
  });

  it.each([
    ['min above max', spec([farmRole({ minInstances: 3, maxInstances: 2 })]), 'farmRoles.0.minInstances'],
    ['a zone outside the region', spec([farmRole({ zones: ['us-west-2a'] })]), 'farmRoles.0.zones.0'],
    ['a duplicate zone', spec([farmRole({ zones: ['us-east-1a', 'us-east-1a'] })]), 'farmRoles.0.zones'],
    ['no zone', spec([farmRole({ zones: [] })]), 'farmRoles.0.zones'],
    ['a duplicate alias', spec([farmRole(), farmRole()]), 'farmRoles.1.alias'],
    ['an alias with capitals', spec([farmRole({ alias: 'Web' })]), 'farmRoles.0.alias'],
    [
      'a duplicate mount point',
      spec([
        farmRole({
          volumes: [
            { sizeGiB: 1, mountPoint: '/d' },
            { sizeGiB: 2, mountPoint: '/d' },
          ],
        }),
      ]),
      'farmRoles.0.volumes.1.mountPoint',
    ],
    [
      'a relative mount point',
      spec([farmRole({ volumes: [{ sizeGiB: 1, mountPoint: 'data' }] })]),
      'farmRoles.0.volumes.0.mountPoint',
    ],
    ['an unknown platform', spec([farmRole({ platform: 'azure' })]), 'farmRoles.0.platform'],
    [
      'GCE network fields on AWS',
      spec([farmRole({ network: { network: 'default' } })]),
      'farmRoles.0.network',
    ],
    ['a malformed role id', spec([farmRole({ roleId: 'base' })]), 'farmRoles.0.roleId'],
    [
      'a launch timeout under a minute',
      spec([farmRole({ launchTimeoutSec: 5 })]),
      'farmRoles.0.launchTimeoutSec',
    ],
    ['a tag key starting with aws:', spec([farmRole({ tags: { 'aws:x': '1' } })]), 'farmRoles.0.tags.aws:x'],
    ['a lease that is not a date', spec([], { leaseExpiresAt: 'soon' }), 'leaseExpiresAt'],
    ['an unknown top-level field', spec([], { owner: 'me' }), ''],
  ])('refuses %s at %s', (_why, input, path) => {
    expect(paths(input)).toContain(path);
  });

  it('accepts a GCE farm role with its own network shape', () => {
    const parsed = FarmSpec.parse(
      spec([
        farmRole({
          platform: 'gce',
          region: 'us-central1',
          zones: ['us-central1-a'],
          instanceType: 'e2-small',
          network: { networkTags: ['web'] },
        }),
      ]),
    );
    expect(parsed.farmRoles[0]!.network).toEqual({
      network: 'default',
      networkTags: ['web'],
      externalIp: false,
    });
  });
});
