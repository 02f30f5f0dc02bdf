// A farm role's platform block of a LaunchSpec (`aws`, `gce`, `openstack` or `cloudstack`), for the server
// launched in `zone`: one place that knows how each platform's farm role network becomes a launch,
// used by the reconciler's launch specs and the policies' checks alike.
import type { FarmRole } from '../schemas/farm';
import type { LaunchSpec } from './launch-spec';

export function launchPlacement(
  farmRole: FarmRole,
  zone: string,
): Pick<LaunchSpec, 'aws' | 'gce' | 'openstack' | 'cloudstack'> {
  switch (farmRole.platform) {
    case 'aws': {
      // Subnets are listed in the order of the farm role's zones: the subnet at a zone's position serves it.
      const zoneIndex = Math.max(0, farmRole.zones.indexOf(zone));
      const subnets = farmRole.network.subnetIds;
      return {
        aws: {
          subnetId: subnets.length ? subnets[zoneIndex % subnets.length] : undefined,
          securityGroupIds: farmRole.network.securityGroupIds,
          iamInstanceProfile: farmRole.iamInstanceProfile,
          associatePublicIp: farmRole.network.associatePublicIp,
        },
      };
    }
    case 'gce':
      return {
        gce: {
          network: farmRole.network.network,
          subnetwork: farmRole.network.subnetwork,
          networkTags: farmRole.network.networkTags,
          serviceAccount: farmRole.serviceAccount,
          externalIp: farmRole.network.externalIp,
        },
      };
    case 'openstack':
      return {
        openstack: {
          networks: farmRole.network.networks,
          securityGroups: farmRole.network.securityGroups,
          ...(farmRole.network.keyName ? { keyName: farmRole.network.keyName } : {}),
          ...(farmRole.network.serverGroup ? { serverGroup: farmRole.network.serverGroup } : {}),
        },
      };
    case 'cloudstack':
      return {
        cloudstack: {
          networks: farmRole.network.networks,
          securityGroups: farmRole.network.securityGroups,
          ...(farmRole.network.keyPair ? { keyPair: farmRole.network.keyPair } : {}),
        },
      };
  }
}
