// What the private clouds' driver tests (OpenStack, CloudStack) build the same way: a launch spec
// for one new server on the cloud's placement, with Drover's tags and a tag that needs escaping, and
// the sandbox's instances of one server id (how a test counts duplicates).
import { DROVER_TAG_KEYS, type LaunchSpec } from '../../../functions/domain/clouds/launch-spec';
import { newId } from '../../../functions/domain/ids';
import type { SandboxCloud } from '../../../sandbox/core/sandbox-cloud';

export type Placement = Pick<LaunchSpec, 'region' | 'zone' | 'imageId' | 'instanceType'> &
  Partial<LaunchSpec>;

/** Specs of new servers (a new server, account and farm id each) on `placement`, `overrides` last. */
export function specsOn(placement: Placement): (overrides?: Partial<LaunchSpec>) => LaunchSpec {
  return (overrides = {}) => {
    const serverId = newId('server');
    return {
      serverId,
      name: 'web 1',
      volumes: [{ sizeGiB: 20, type: 'gp3', mountPoint: '/data', deleteOnTermination: true }],
      tags: {
        [DROVER_TAG_KEYS.accountId]: newId('account'),
        [DROVER_TAG_KEYS.farmId]: newId('farm'),
        [DROVER_TAG_KEYS.serverId]: serverId,
        'Cost Center': 'R&D, 42/b',
      },
      ...placement,
      ...overrides,
    };
  };
}

/** The sandbox's instances (ended ones included while listed) launched for `serverId`. */
export const instancesOfServer = (sandbox: Pick<SandboxCloud, 'instances'>, serverId: string) =>
  sandbox.instances().filter((i) => i.tags[DROVER_TAG_KEYS.serverId] === serverId);
